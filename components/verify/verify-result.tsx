// What a "Verify my setup" panel says after a submit: the phase it is waiting for (a polite live
// region), then the report (the live rows as "running" until they answer), "Re-run failed checks",
// and whether the attempt was saved to the customer's progress (with its permalink) or not.
import { failedCheckIds } from "@/lib/customer/summary";
import type { Report } from "@/lib/verify";
import { CopyLinkButton } from "./copy-link";
import { ResultsList } from "./results-list";
import { StatusGlyph } from "./status";
import type { Outcome, Pending } from "./use-verify";
import type { PanelProps } from "./verify-form";

const PHASE_TEXT: Record<Pending, string> = {
  rules: "Checking what you entered…",
  token: "Asking Microsoft for a token…",
  graph: "Reading your registration from Microsoft Graph…",
  saving: "Saving your progress…",
};

const LIVE_CHECKS = new Set(["live.token", "live.registration"]);

/** The report as far as it is known: while the live checks run, their rows are left out. */
function shown({ report, running }: Outcome): Report {
  return running ? { ...report, checks: report.checks.filter((c) => !LIVE_CHECKS.has(c.id)) } : report;
}

export function VerifyResult({ step, id, verify }: PanelProps) {
  const { pending, outcome } = verify;
  const failed = outcome ? failedCheckIds(outcome.report.checks) : [];
  return (
    <>
      <div role="status" aria-live="polite" className="vf-status" data-verify-progress>
        {pending && (
          <span className="inline-flex items-center gap-2">
            <StatusGlyph status="running" /> {PHASE_TEXT[pending]}
          </span>
        )}
      </div>

      {outcome && (
        <div className="mt-2 rounded-lg border border-zinc-200 bg-white/70 p-3 sm:p-4 dark:border-zinc-700 dark:bg-zinc-950/60">
          <ResultsList
            report={shown(outcome)}
            headingId={id("summary")}
            headingRef={verify.summaryRef}
            {...(outcome.mode === "manifest" ? { groupBySteps: true } : { focusSteps: [step] })}
          />
          {outcome.running && (
            <p className="mt-2 flex items-center gap-2 rounded-lg border border-dashed border-zinc-300 p-3 text-sm text-zinc-700 dark:border-zinc-600 dark:text-zinc-300" data-check-id="live" data-status="running">
              <StatusGlyph status="running" /> Live checks with Microsoft are running…
            </p>
          )}
          <div className="mt-4 flex flex-wrap items-center gap-3">
            {failed.length > 0 && !pending && (
              <button type="button" onClick={verify.rerunFailed} className="rounded-md border border-violet-700 px-3 py-1.5 text-sm font-semibold text-violet-800 hover:bg-violet-50 dark:border-violet-400 dark:text-violet-200 dark:hover:bg-violet-950">
                Re-run failed checks ({failed.length})
              </button>
            )}
            {outcome.saved?.ok && (
              <span className="inline-flex flex-wrap items-center gap-2 text-sm text-zinc-700 dark:text-zinc-300" data-saved="true">
                Saved to your progress.
                <a href={outcome.saved.reportUrl} className="text-violet-700 underline underline-offset-2 dark:text-violet-300">
                  Report permalink
                </a>
                <CopyLinkButton url={outcome.saved.reportUrl} />
              </span>
            )}
          </div>
          {outcome.saved && !outcome.saved.ok && (
            <div role="alert" data-saved="false" className="mt-3 rounded-md border border-amber-400 bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:border-amber-600 dark:bg-amber-950/50 dark:text-amber-100">
              <p>
                <strong>Not saved. </strong>
                {outcome.saved.message}
              </p>
              <button type="button" onClick={verify.retrySave} className="mt-2 rounded-md border border-amber-600 bg-white px-3 py-1 text-sm font-semibold text-amber-950 hover:bg-amber-100 dark:bg-transparent dark:text-amber-100">
                Try saving again
              </button>
            </div>
          )}
        </div>
      )}
    </>
  );
}
