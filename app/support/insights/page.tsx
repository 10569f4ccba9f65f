// /support/insights — where customers drop off (step funnel) and what they get wrong most often.
import type { Metadata } from "next";
import Link from "next/link";
import { checkStaff } from "@/lib/auth";
import { auditView } from "@/lib/support/audit-view";
import { AUDIT_ACTIONS, parsePeriod, PERIODS, stepFunnel, topFailingChecks, type FailingCheck, type Funnel } from "@/lib/progress";
import { BarChart } from "@/components/support/bar-chart";
import { DataTable } from "@/components/support/data-table";
import { Notice } from "@/components/support/notice";
import { percent } from "@/lib/support/format";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Insights" };

export default async function InsightsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const sp = await searchParams;
  const days = parsePeriod(sp.days);
  const session = await checkStaff(`/support/insights?days=${days}`);
  if (!session.ok) return <Notice tone="error">{session.message}</Notice>;
  const { staff } = session;
  let funnel: Funnel | null = null;
  let failing: FailingCheck[] = [];
  try {
    [funnel, failing] = await Promise.all([
      stepFunnel({ days }),
      topFailingChecks({ days, limit: 10 }),
    ]);
  } catch {
    funnel = null;
  }
  // Still shown if the row cannot be written (auditView logs it).
  await auditView(staff, AUDIT_ACTIONS.viewInsights, { details: { days } });
  const completedShare = funnel?.started ? funnel.completed / funnel.started : 0;

  return (
    <div className="space-y-8">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold tracking-tight">Insights</h1>
        <nav aria-label="Period">
          <ul className="inline-flex rounded-lg border border-zinc-300 bg-white p-0.5 dark:border-zinc-700 dark:bg-zinc-900">
            {PERIODS.map((p) => (
              <li key={p}>
                <Link
                  href={`/support/insights?days=${p}`}
                  aria-current={p === days ? "page" : undefined}
                  className={`block rounded-md px-3 py-1 text-sm font-medium focus:outline-none focus-visible:ring-2 focus-visible:ring-violet-600 ${
                    p === days ? "bg-violet-700 text-white dark:bg-violet-600" : "text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800"
                  }`}
                >
                  Last {p} days
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      </div>
      {!funnel ? (
        <Notice tone="error">Could not load the insights: the database did not answer. Try again in a moment.</Notice>
      ) : (
        <>
          <section aria-labelledby="funnel-h" className="space-y-3 rounded-xl border border-zinc-200 bg-white p-5 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
            <div>
              <h2 id="funnel-h" className="text-lg font-semibold">
                Step funnel
              </h2>
              <p className="text-sm text-zinc-600 dark:text-zinc-400">
                <span data-testid="funnel-started">{funnel.started.toLocaleString("en-US")}</span> {funnel.started === 1 ? "setup" : "setups"} started in the last {days} days;{" "}
                <span data-testid="funnel-completed">{funnel.completed.toLocaleString("en-US")}</span> completed. <strong>Reached</strong>: every step before it is verified or confirmed (strict: a first
                step nobody confirms holds every later step at 0). <strong>Attempted</strong> and <strong>completed</strong> count each
                step on its own: checked or started, and verified or confirmed.
              </p>
            </div>
            <BarChart
              label={`Setups started in the last ${days} days that reached each step`}
              bars={[
                ...funnel.steps.map((s) => ({ label: s.title, value: s.reached, note: percent(s.share) })),
                { label: "Completed", value: funnel.completed, note: percent(completedShare) },
              ]}
            />
            <DataTable
              caption={`Step funnel, last ${days} days`}
              head={["Step", "Reached", "Share of started", "Attempted", "Completed"]}
              rows={[
                ...funnel.steps.map((s) => [s.title, s.reached.toLocaleString("en-US"), percent(s.share), s.attempted.toLocaleString("en-US"), s.completed.toLocaleString("en-US")]),
                ["Whole setup completed", funnel.completed.toLocaleString("en-US"), percent(completedShare), "", ""],
              ]}
            />
          </section>
          <section aria-labelledby="failing-h" className="space-y-3 rounded-xl border border-zinc-200 bg-white p-5 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
            <div>
              <h2 id="failing-h" className="text-lg font-semibold">
                Most frequent failing checks
              </h2>
              <p className="text-sm text-zinc-600 dark:text-zinc-400">Verification attempts in the last {days} days in which each check failed.</p>
            </div>
            <BarChart
              tone="rose"
              label={`Most frequent failing checks in the last ${days} days, by failed attempts`}
              bars={failing.map((f) => ({ label: f.checkId, value: f.failures }))}
            />
            <DataTable
              caption={`Most frequent failing checks, last ${days} days`}
              head={["Check", "Failed attempts", "Setups affected"]}
              rows={failing.map((f) => [<code key="c">{f.checkId}</code>, f.failures.toLocaleString("en-US"), f.setups.toLocaleString("en-US")])}
            />
          </section>
        </>
      )}
    </div>
  );
}
