// /support/setups/<publicId> — one customer's setup: where they are, what failed, and every attempt.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { checkStaff } from "@/lib/auth";
import { AUDIT_ACTIONS, getSetup, parseRunPage, RUNS_PER_PAGE, stuckAt, type SetupView } from "@/lib/progress";
import { auditView } from "@/lib/support/audit-view";
import { setupHref } from "@/lib/support/filters";
import { formatUtc, relativeAge } from "@/lib/support/format";
import { stepTitle } from "@/lib/steps";
import { SetupStatusBadge, StuckBadge } from "@/components/support/badges";
import { StepGrid } from "@/components/support/step-grid";
import { CheckItem, Timeline, TimelinePager } from "@/components/support/timeline";
import { Notice } from "@/components/support/notice";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Setup" };

const PUBLIC_ID = /^[A-Za-z0-9_-]{1,64}$/;

export default async function SetupPage({
  params,
  searchParams,
}: {
  params: Promise<{ publicId: string }>;
  searchParams?: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { publicId } = await params;
  const runPage = parseRunPage((await searchParams)?.page);
  const session = await checkStaff(setupHref(publicId));
  if (!session.ok) return <Notice tone="error">{session.message}</Notice>;
  const { staff } = session;
  if (!PUBLIC_ID.test(publicId)) notFound();
  const now = new Date();
  let setup: SetupView | null;
  try {
    setup = await getSetup(publicId, { recentRuns: RUNS_PER_PAGE, runPage, latestProblem: true, now });
  } catch {
    return <Notice tone="error">Could not load this setup: the database did not answer. Try again in a moment.</Notice>;
  }
  if (!setup) notFound();
  // A customer's details are shown only once the view is in the audit log: when the row cannot be
  // written, an honest notice in the console (as the other pages do for the database), not the setup.
  const audited = await auditView(staff, AUDIT_ACTIONS.viewSetup, { target: { type: "setup", id: setup.publicId }, details: { company: setup.companyName } });
  if (!audited) {
    return <Notice tone="error">Could not record this view in the audit log (the database did not answer), so the setup is not shown. Try again in a moment.</Notice>;
  }

  const latestProblemRun = setup.latestProblemRun;
  const latestProblems = latestProblemRun?.checks.filter((c) => c.status === "fail" || c.status === "warn") ?? [];

  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href="/support" className="text-violet-800 underline-offset-2 hover:underline dark:text-violet-300">
          ← All setups
        </Link>
      </nav>
      <header className="space-y-2">
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold tracking-tight">{setup.companyName ?? "No company name"}</h1>
          <SetupStatusBadge status={setup.status} />
          {setup.stuck ? <StuckBadge reason={setup.stuck} /> : null}
        </div>
        <dl className="grid grid-cols-1 gap-x-8 gap-y-1 text-sm md:grid-cols-2">
          {[
            ["Contact", setup.contactEmail ?? "—"],
            ["Setup id", setup.publicId],
            ["Client ID", setup.clientId ?? "—"],
            ["Tenant", setup.tenant ?? "—"],
            ["Created", `${formatUtc(setup.createdAt)} (${relativeAge(setup.createdAt, now)})`],
            ["Last activity", `${formatUtc(setup.lastActivityAt)} (${relativeAge(setup.lastActivityAt, now)})`],
            ["Current step", setup.status === "completed" ? "Completed" : stepTitle(setup.currentStep)],
            ["Failed attempts", String(setup.failedRuns)],
            ["Completed", formatUtc(setup.completedAt)],
          ].map(([k, v]) => (
            <div key={k} className="flex gap-2">
              <dt className="w-32 shrink-0 text-zinc-600 dark:text-zinc-400">{k}</dt>
              <dd className="min-w-0 font-medium [overflow-wrap:anywhere]">{v}</dd>
            </div>
          ))}
        </dl>
      </header>

      {setup.stuck || latestProblems.length ? (
        <section aria-labelledby="where-stuck" className="rounded-xl border border-amber-300 bg-amber-50/60 p-4 dark:border-amber-800 dark:bg-amber-950/40">
          <h2 id="where-stuck" className="font-semibold">
            {setup.status === "completed" ? "Last problems" : setup.stuck ? `Stuck at: ${stepTitle(stuckAt(setup))}` : `Current step: ${stepTitle(setup.currentStep)}`}
          </h2>
          {setup.stuck ? <p className="text-sm">Flagged stuck: {setup.stuck}.</p> : null}
          {latestProblemRun ? (
            <>
              <p className="mt-1 text-sm text-zinc-700 dark:text-zinc-300">
                What went wrong in the latest attempt with problems ({formatUtc(latestProblemRun.createdAt)}):
              </p>
              {setup.passedSinceProblemAt ? (
                <p className="mt-1 text-sm font-medium text-emerald-800 dark:text-emerald-300" data-passed-since>
                  A later attempt passed ({formatUtc(setup.passedSinceProblemAt)}): these problems may be fixed already.
                </p>
              ) : null}
              <ul className="divide-y divide-amber-200 dark:divide-amber-900">
                {latestProblems.map((c, i) => (
                  <CheckItem key={`${c.id}-${i}`} c={c} />
                ))}
              </ul>
            </>
          ) : null}
        </section>
      ) : null}

      <section aria-labelledby="steps-h" className="space-y-3">
        <h2 id="steps-h" className="text-lg font-semibold">Steps</h2>
        <StepGrid steps={setup.steps} currentStep={setup.status === "completed" ? null : setup.currentStep} />
      </section>

      <section aria-labelledby="timeline-h" className="space-y-3">
        <h2 id="timeline-h" className="text-lg font-semibold">
          Timeline <span className="text-sm font-normal text-zinc-600 dark:text-zinc-400">({setup.totalRuns.toLocaleString("en-US")} {setup.totalRuns === 1 ? "attempt" : "attempts"}, newest first)</span>
        </h2>
        <Timeline runs={setup.recentRuns} />
        <TimelinePager basePath={setupHref(setup.publicId)} page={setup.runPage} pages={setup.runPages} />
      </section>
    </div>
  );
}
