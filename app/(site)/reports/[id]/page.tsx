// /reports/<unguessable run id>: a verification report anyone with the link can read (to send to
// support). Read-only, never a secret, not indexed. The owner (cookie) also sees their progress.
import type { Metadata } from "next";
import { cookies } from "next/headers";
import { notFound } from "next/navigation";
import Link from "next/link";
import { ProgressList } from "@/components/verify/progress-list";
import { ReportView } from "@/components/verify/report-view";
import { config } from "@/lib/config";
import { SETUP_COOKIE } from "@/lib/customer/cookie";
import { loadCustomerProgress } from "@/lib/customer/progress";
import { getRun, type RunDetail } from "@/lib/progress";
import { summarize } from "@/lib/customer/summary";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

async function load(id: string): Promise<RunDetail | null | "unavailable"> {
  try {
    return await getRun(id);
  } catch {
    return "unavailable";
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  const run = await load(id);
  const title = run && run !== "unavailable" ? `Verification report: ${summarize(run.report.checks).text}` : "Verification report";
  return { title, robots: { index: false, follow: false }, referrer: "no-referrer" };
}

export default async function ReportPage({ params }: Props) {
  const { id } = await params;
  const run = await load(id);
  if (run === "unavailable") {
    return (
      <main id="main-content" tabIndex={-1} className="mx-auto max-w-3xl px-4 py-12 outline-none">
        <h1 className="text-3xl font-bold tracking-tight">Verification report</h1>
        <p role="alert" className="mt-4 rounded-md border border-amber-400 bg-amber-50 px-3 py-2 text-amber-950 dark:bg-amber-950/50 dark:text-amber-100">
          This report can&apos;t be loaded right now: our database is unreachable. Nothing is lost; reload this page in a minute.
        </p>
      </main>
    );
  }
  if (!run) notFound();
  const mine = run.setupPublicId !== null && (await cookies()).get(SETUP_COOKIE)?.value === run.setupPublicId;
  const progress = mine ? await loadCustomerProgress(run.setupPublicId ?? undefined) : null;
  return (
    <main id="main-content" tabIndex={-1} className="px-4 py-10 outline-none" data-report={run.publicId}>
      <ReportView
        report={run.report}
        step={run.stepId}
        createdAt={run.createdAt.toISOString()}
        facts={{ clientId: run.clientId, tenant: run.tenant, secretHint: run.secretHint }}
        shareUrl={new URL(`/reports/${run.publicId}`, config().SITE_URL).href}
      />
      {progress?.state === "ok" && (
        <section aria-labelledby="my-progress" className="mx-auto mt-10 max-w-3xl">
          <h2 id="my-progress" className="text-xl font-bold">
            Your progress
          </h2>
          <p className="mt-1 mb-3 text-sm text-zinc-700 dark:text-zinc-300">
            Only you see this (it is not part of the shared report). <Link href="/progress" className="underline underline-offset-2">Manage your progress</Link>
          </p>
          <ProgressList progress={progress.progress} />
        </section>
      )}
    </main>
  );
}
