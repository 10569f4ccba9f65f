// One sentence that sums up a report for the heading the result panel focuses (screen readers read it
// first), and the helpers the panels use to merge a re-run into the previous results.
// Client-safe: types only from lib/verify (its runtime pulls zod into the browser bundle).
import type { Check, CheckId, Report, Status } from "../verify";

const RANK: Record<Status, number> = { skip: 0, pass: 1, warn: 2, error: 3, fail: 4 };

/** Same order as lib/verify's worst(): fail > error > warn > pass; skip never raises it. */
export function worstStatus(statuses: Iterable<Status>): Status {
  let w: Status = "skip";
  for (const s of statuses) if (RANK[s] > RANK[w]) w = s;
  return w;
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function countStatuses(checks: readonly Check[]): Record<Status, number> {
  const c: Record<Status, number> = { pass: 0, warn: 0, fail: 0, skip: 0, error: 0 };
  for (const k of checks) c[k.status]++;
  return c;
}

export function summarize(checks: readonly Check[]): { status: Status; text: string } {
  const c = countStatuses(checks);
  const status = worstStatus(checks.map((k) => k.status));
  const parts = [
    c.fail ? count(c.fail, "check failed", "checks failed") : "",
    c.error ? count(c.error, "check could not run", "checks could not run") : "",
    c.warn ? count(c.warn, "warning", "warnings") : "",
    c.pass ? count(c.pass, "passed", "passed") : "",
  ].filter(Boolean);
  const lead =
    status === "fail"
      ? "Something needs fixing"
      : status === "error"
        ? "Some checks could not run"
        : status === "warn"
          ? "Nearly there"
          : status === "pass"
            ? "All good"
            : "Nothing could be checked yet";
  return { status, text: parts.length ? `${lead}: ${parts.join(", ")}.` : `${lead}.` };
}

/** Checks to re-run: those that failed or could not run. */
export function failedCheckIds(checks: readonly Check[]): CheckId[] {
  return checks.filter((c) => c.status === "fail" || c.status === "error").map((c) => c.id);
}

/** The previous report with the re-run checks replaced, in the previous order. */
export function mergeRerun(previous: Report, rerun: Report): Report {
  const byId = new Map(rerun.checks.map((c) => [c.id, c] as const));
  const checks = previous.checks.map((c) => byId.get(c.id) ?? c);
  for (const c of rerun.checks) if (!previous.checks.some((p) => p.id === c.id)) checks.push(c);
  return { ...previous, checks, summary: worstStatus(checks.map((c) => c.status)) };
}
