// A report page's body: what was checked, the results (grouped by step), the link to send to support,
// and the way back to the step. Server-rendered (works without JavaScript); the report page and the
// "not saved" page share it.
import Link from "next/link";
import { GuideBreadcrumb } from "@/components/guide-breadcrumb";
import type { ReactNode } from "react";
import type { Report } from "@/lib/verify";
import { STEP_INFO, docsLink, type StepId } from "@/lib/steps";
import { CopyLinkButton } from "./copy-link";
import { LocalTime } from "./local-time";
import { ResultsList } from "./results-list";

export function ReportView({
  report,
  step,
  createdAt,
  facts,
  shareUrl,
  notice,
}: {
  report: Report;
  step: StepId | null;
  createdAt?: string;
  facts?: { clientId?: string | null; tenant?: string | null; secretHint?: string | null };
  shareUrl?: string;
  notice?: ReactNode;
}) {
  const back = step ?? report.checks.find((c) => c.status === "fail")?.step ?? "register-application";
  return (
    <div className="mx-auto max-w-3xl">
      <GuideBreadcrumb here="Verification report" />
      <h1 className="text-3xl font-bold tracking-tight text-zinc-950 dark:text-white">Verification report</h1>
      <p className="mt-2 text-zinc-700 dark:text-zinc-300">
        {step ? <>Step: {STEP_INFO[step].title}. </> : <>The whole app manifest. </>}
        {createdAt && (
          <>
            Checked <LocalTime iso={createdAt} />.
          </>
        )}
      </p>
      {facts && (facts.clientId || facts.tenant || facts.secretHint) && (
        <dl className="mt-3 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
          {facts.clientId && (
            <>
              <dt className="font-semibold">Client ID</dt>
              <dd className="font-mono break-all">{facts.clientId}</dd>
            </>
          )}
          {facts.tenant && (
            <>
              <dt className="font-semibold">Tenant</dt>
              <dd className="font-mono break-all">{facts.tenant}</dd>
            </>
          )}
          {facts.secretHint && (
            <>
              <dt className="font-semibold">Secret</dt>
              <dd>
                starting <code className="font-mono">{facts.secretHint}</code> (the rest is never stored)
              </dd>
            </>
          )}
        </dl>
      )}
      {notice}
      <div id="summary" className="mt-6 scroll-mt-24">
        <ResultsList report={report} headingId="report-summary" headingLevel={2} groupBySteps />
      </div>
      {shareUrl && (
        <section aria-labelledby="share-heading" className="mt-8 rounded-lg border border-zinc-200 p-4 dark:border-zinc-700">
          <h2 id="share-heading" className="text-base font-semibold">
            Send to support
          </h2>
          <p id="share-help" className="mt-1 text-sm text-zinc-700 dark:text-zinc-300">
            This link shows these results, read-only. It never contains your secret.
          </p>
          <div className="mt-2 flex items-center gap-2">
            <label htmlFor="share-url" className="sr-only">
              Report link
            </label>
            <input id="share-url" readOnly value={shareUrl} aria-describedby="share-help" className="block w-full min-w-0 rounded-md border border-zinc-300 bg-zinc-50 px-2.5 py-1.5 font-mono text-xs dark:border-zinc-600 dark:bg-zinc-900" />
            <CopyLinkButton url={shareUrl} />
          </div>
        </section>
      )}
      <p className="mt-8">
        <Link href={docsLink(back)} className="font-semibold text-violet-700 underline underline-offset-2 dark:text-violet-300" data-back-to-step={back}>
          ← Back to the step: {STEP_INFO[back].title}
        </Link>
      </p>
    </div>
  );
}
