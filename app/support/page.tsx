// /support — every customer's setup: search, filter, sort, keyset pages, CSV export.
import type { Metadata } from "next";
import Link from "next/link";
import { checkStaff } from "@/lib/auth";
import { config } from "@/lib/config";
import {
  AUDIT_ACTIONS,
  countAllSetups,
  countSupportSetups,
  CursorError,
  listSupportSetups,
  STUCK_FAILURE_STREAK,
  type SetupPage,
  type SetupTotal,
} from "@/lib/progress";
import { auditView } from "@/lib/support/audit-view";
import { filtersOf, hasAnyFilter, PAGE_SIZE, parseListParams, toQueryString } from "@/lib/support/filters";
import { SetupFilterForm } from "@/components/support/setup-filter-form";
import { SetupsTable } from "@/components/support/setups-table";
import { Notice } from "@/components/support/notice";

export const metadata: Metadata = { title: "Setups" };
export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const pager =
  "rounded-md border border-zinc-300 px-3 py-1.5 text-sm font-medium text-zinc-800 hover:bg-zinc-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-violet-600 dark:border-zinc-700 dark:text-zinc-200 dark:hover:bg-zinc-800";

export default async function SetupsPage({ searchParams }: { searchParams: SearchParams }) {
  const sp = await searchParams;
  const { params, errors } = parseListParams(sp);
  const session = await checkStaff(`/support${toQueryString(params)}`);
  if (!session.ok) return <Notice tone="error">{session.message}</Notice>;
  const { staff } = session;
  const filters = filtersOf(params);
  const now = new Date();
  const rule = { days: config().SUPPORT_STUCK_DAYS, now };

  const filtered = hasAnyFilter(filters);
  let page: SetupPage | null = null;
  let counted: SetupTotal | null = null;
  let problem: string | null = null;
  try {
    // Filtered: an exact count now (it is also the audit's `matches`). Unfiltered: the number of all
    // setups, counted at most every 30 s (lib/progress countAllSetups); its age is shown below.
    [page, counted] = await Promise.all([
      listSupportSetups(params, rule, PAGE_SIZE),
      filtered ? countSupportSetups(filters, rule).then((n) => ({ n, countedAt: now })) : countAllSetups(),
    ]);
  } catch (err) {
    problem = err instanceof CursorError ? err.message : "Could not load setups: the database did not answer. Try again in a moment.";
  }
  const total = counted?.n ?? null;
  const ageSeconds = counted ? Math.floor((now.getTime() - counted.countedAt.getTime()) / 1000) : 0;
  if ((filtered || errors.length > 0) && !params.after) {
    // Still shown if the row cannot be written (auditView logs it). The search box's text is scrubbed
    // of secret-shaped runs by recordAudit: a pasted client secret is never stored.
    await auditView(staff, AUDIT_ACTIONS.listSetups, { details: { filters, matches: total, ...(errors.length ? { refused: errors } : {}) } });
  }

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-semibold tracking-tight">Setups</h1>
        {total !== null ? (
          <p className="text-sm text-zinc-600 dark:text-zinc-400" aria-live="polite">
            {ageSeconds >= 1 ? "≈ " : ""}
            {total.toLocaleString("en-US")} {total === 1 ? "setup matches" : "setups match"}
            {filtered ? " these filters" : ""}
            {ageSeconds >= 1 ? ` (counted ${ageSeconds} s ago)` : ""} · stuck = no activity (no check, no step marked) for {rule.days} days or the same check failing {STUCK_FAILURE_STREAK} times in a row
          </p>
        ) : null}
      </div>
      <SetupFilterForm filters={filters} />
      {errors.map((e) => (
        <Notice key={e.field} tone="warn">
          Ignored the <strong>{e.field}</strong> filter: {e.message}.
        </Notice>
      ))}
      {problem ? (
        <Notice tone="error">
          {problem} <Link href={`/support${toQueryString(filters)}`} className="underline">Back to the first page</Link>
        </Notice>
      ) : null}
      {page && page.rows.length === 0 ? <Notice>No setups match. Try a shorter search or clear the filters.</Notice> : null}
      {page && page.rows.length > 0 ? <SetupsTable rows={page.rows} now={now} /> : null}
      {page && (params.after || page.next) ? (
        <nav aria-label="Pages" className="flex items-center justify-between">
          {params.after ? (
            <Link href={`/support${toQueryString(filters)}`} className={pager}>
              ← First page
            </Link>
          ) : (
            <span />
          )}
          {page.next ? (
            <Link href={`/support${toQueryString({ ...filters, after: page.next })}`} className={pager} rel="next">
              Next page →
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}
