// /reports/unsaved?t=…: what the plain-HTML form shows when a result could not be saved (database
// down) or the input could not be checked. The result rides in a signed token (lib/customer/unsaved).
import type { Metadata } from "next";
import Link from "next/link";
import { ReportView } from "@/components/verify/report-view";
import { GUIDE_PATH, STEP_INFO, docsLink } from "@/lib/steps";
import { decodeUnsaved } from "@/lib/customer/unsaved";
import { fieldLabel } from "@/lib/verify/input";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Verification result (not saved)", robots: { index: false, follow: false }, referrer: "no-referrer" };

export default async function UnsavedPage({ searchParams }: { searchParams: Promise<{ t?: string | string[] }> }) {
  const { t } = await searchParams;
  const payload = decodeUnsaved(typeof t === "string" ? t : undefined);
  if (!payload) {
    return (
      <main id="main-content" tabIndex={-1} className="mx-auto max-w-3xl px-4 py-12 outline-none">
        <h1 className="text-3xl font-bold tracking-tight">This result has expired</h1>
        <p className="mt-4">
          Results that could not be saved are kept for an hour. <Link href={GUIDE_PATH} className="text-violet-700 underline dark:text-violet-300">Go back to the guide</Link> and run the check again.
        </p>
      </main>
    );
  }
  if (payload.kind === "invalid") {
    return (
      <main id="main-content" tabIndex={-1} className="mx-auto max-w-3xl px-4 py-12 outline-none">
        <h1 className="text-3xl font-bold tracking-tight">We could not check that</h1>
        <div id="summary" role="alert" className="mt-4 rounded-md border border-red-300 bg-red-50 px-3 py-2 text-red-900 dark:border-red-700 dark:bg-red-950/60 dark:text-red-200" data-input-error={payload.error.field ?? ""}>
          <p>
            <strong>{payload.error.field ? `Check ${fieldLabel(payload.error.field)}` : "Error"}: </strong>
            {payload.error.message}
            {payload.error.line !== undefined && ` (line ${payload.error.line}${payload.error.column !== undefined ? `, column ${payload.error.column}` : ""})`}
          </p>
        </div>
        <p className="mt-6">
          <Link href={docsLink(payload.step)} className="font-semibold text-violet-700 underline underline-offset-2 dark:text-violet-300">
            ← Back to the step: {STEP_INFO[payload.step].title}
          </Link>
        </p>
      </main>
    );
  }
  return (
    <main id="main-content" tabIndex={-1} className="px-4 py-10 outline-none">
      <ReportView
        report={payload.report}
        step={payload.step}
        createdAt={new Date(payload.at).toISOString()}
        notice={
          <div role="alert" data-saved="false" className="mt-4 rounded-md border border-amber-400 bg-amber-50 px-3 py-2 text-amber-950 dark:border-amber-600 dark:bg-amber-950/50 dark:text-amber-100">
            <p>
              <strong>Not saved. </strong>
              {payload.message} To retry, go back to the step and send the form again.
            </p>
          </div>
        }
      />
    </main>
  );
}
