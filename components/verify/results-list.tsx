// A verification report as a list: each check with its status (icon + word + colour), what was found,
// the fix and a link to the guide. No hooks: the panels (client) and the report page (server) share it.
import Link from "next/link";
import type { Ref } from "react";
import type { Check, Report } from "@/lib/verify";
import { STEP_INFO, type StepId } from "@/lib/steps";
import { summarize } from "@/lib/customer/summary";
import { CheckStatusBadge } from "./status";

const ORDER = { fail: 0, error: 1, warn: 2, pass: 3, skip: 4 } as const;

function CheckItem({ check }: { check: Check }) {
  return (
    <li data-check-id={check.id} data-status={check.status} className="rounded-lg border border-zinc-200 bg-white p-3 dark:border-zinc-700 dark:bg-zinc-900">
      <div className="flex flex-wrap items-start gap-x-3 gap-y-1">
        <CheckStatusBadge status={check.status} />
        <p className="min-w-0 flex-1 font-semibold text-zinc-900 dark:text-zinc-100">
          {check.title} <span className="font-mono text-xs font-normal text-zinc-500 dark:text-zinc-400">{check.id}</span>
        </p>
      </div>
      <p className="mt-1.5 text-sm break-words text-zinc-700 dark:text-zinc-300">{check.detail}</p>
      {check.fix && (
        <p className="mt-1.5 text-sm break-words text-zinc-900 dark:text-zinc-100">
          <strong>How to fix: </strong>
          {check.fix}
        </p>
      )}
      <p className="mt-1.5 flex flex-wrap gap-x-4 gap-y-1 text-sm">
        {check.link &&
          (check.link.href.startsWith("/") ? (
            // Another step of this guide (the IDs are on the registration step): same tab.
            <Link href={check.link.href} className="font-medium text-violet-700 underline underline-offset-2 dark:text-violet-300">
              {check.link.label}
            </Link>
          ) : (
            <a href={check.link.href} rel="noopener noreferrer" target="_blank" className="font-medium text-violet-700 underline underline-offset-2 dark:text-violet-300">
              {check.link.label}
              <span className="sr-only"> (opens Microsoft in a new tab)</span>
            </a>
          ))}
        {(check.status === "fail" || check.status === "warn" || check.status === "error") && (
          <Link href={check.docs} className="text-violet-700 underline underline-offset-2 dark:text-violet-300">
            Read this step in the guide<span className="sr-only">: {STEP_INFO[check.step].title}</span>
          </Link>
        )}
      </p>
    </li>
  );
}

function sorted(checks: readonly Check[]): Check[] {
  return [...checks].sort((a, b) => ORDER[a.status] - ORDER[b.status]);
}

export interface ResultsListProps {
  report: Report;
  /** Ids for the summary heading (focused after a run) and its level. */
  headingId: string;
  headingLevel?: 2 | 3;
  headingRef?: Ref<HTMLHeadingElement>;
  /** Show these steps' checks first; checks of other steps that say something go under "Other steps". */
  focusSteps?: readonly StepId[];
  /** Group by step (the report page). */
  groupBySteps?: boolean;
}

export function ResultsList({ report, headingId, headingLevel = 3, headingRef, focusSteps, groupBySteps }: ResultsListProps) {
  const H = headingLevel === 2 ? "h2" : "h3";
  const Sub = headingLevel === 2 ? "h3" : "h4";
  const shown = report.checks.filter((c) => c.status !== "skip" || c.link);
  const skipped = report.checks.filter((c) => c.status === "skip" && !c.link);
  const summary = summarize(report.checks);
  let groups: { key: string; title: string | null; checks: Check[] }[];
  let folded: Check[] = [];
  if (groupBySteps) {
    const steps = [...new Set(shown.map((c) => c.step))];
    groups = steps.map((s) => ({ key: s, title: STEP_INFO[s].title, checks: sorted(shown.filter((c) => c.step === s)) }));
  } else if (focusSteps) {
    const mine = shown.filter((c) => focusSteps.includes(c.step));
    // Other steps: what needs attention, and what Microsoft said live; their passes stay folded.
    const others = report.checks.filter((c) => !focusSteps.includes(c.step) && (c.status === "fail" || c.status === "warn" || c.status === "error" || (c.id.startsWith("live.") && c.status !== "skip")));
    groups = [{ key: "mine", title: null, checks: sorted(mine) }];
    if (others.length) groups.push({ key: "others", title: "Also found, for other steps", checks: sorted(others) });
    folded = report.checks.filter((c) => !focusSteps.includes(c.step) && !others.includes(c) && c.status === "pass");
  } else {
    groups = [{ key: "all", title: null, checks: sorted(shown) }];
  }
  const relevantSkipped = focusSteps ? skipped.filter((c) => focusSteps.includes(c.step)) : skipped;
  return (
    <div data-results data-summary={summary.status} className="not-prose">
      <H id={headingId} ref={headingRef} tabIndex={-1} className="flex flex-wrap items-center gap-2 text-base font-semibold text-zinc-900 outline-none focus-visible:ring-2 focus-visible:ring-violet-600 dark:text-zinc-100">
        <CheckStatusBadge status={summary.status} />
        <span>{summary.text}</span>
      </H>
      {groups.map((g) =>
        g.checks.length === 0 ? null : (
          <div key={g.key} className="mt-3">
            {g.title && <Sub className="mb-2 text-sm font-semibold text-zinc-800 dark:text-zinc-200">{g.title}</Sub>}
            <ul className="space-y-2" aria-label={g.title ?? "Check results"}>
              {g.checks.map((c) => (
                <CheckItem key={c.id} check={c} />
              ))}
            </ul>
          </div>
        ),
      )}
      {folded.length > 0 && (
        <details className="mt-3 text-sm text-zinc-700 dark:text-zinc-300">
          <summary className="cursor-pointer font-medium">
            {folded.length} {folded.length === 1 ? "check" : "checks"} of other steps passed
          </summary>
          <ul className="mt-2 list-disc space-y-1 pl-5">
            {folded.map((c) => (
              <li key={c.id} data-check-id={c.id} data-status={c.status}>
                <strong>{c.title}</strong>: {c.detail}
              </li>
            ))}
          </ul>
        </details>
      )}
      {relevantSkipped.length > 0 && (
        <details className="mt-3 text-sm text-zinc-700 dark:text-zinc-300">
          <summary className="cursor-pointer font-medium">
            {relevantSkipped.length} {relevantSkipped.length === 1 ? "check" : "checks"} not run (they need other input)
          </summary>
          <ul className="mt-2 list-disc space-y-1 pl-5">
            {relevantSkipped.map((c) => (
              <li key={c.id} data-check-id={c.id} data-status="skip">
                <strong>{c.title}</strong>: {c.detail}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
