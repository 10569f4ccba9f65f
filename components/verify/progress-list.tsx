// The customer's progress as a list of steps (status as icon + word + colour, when, the latest report):
// the /progress page and the report page render it on the server, so it works without JavaScript.
import Link from "next/link";
import { STEP_INFO, STEP_STATUS_TEXT, STEPS, TRUST_TEXT, docsLink, stepChecksText } from "@/lib/steps";
import type { ProgressView } from "@/lib/customer/view";
import { LocalTime } from "./local-time";
import { STEP_STYLE, StatusGlyph, stepGlyphStatus } from "./status";

export function ProgressList({ progress }: { progress: ProgressView }) {
  return (
    <ol className="not-prose space-y-2" aria-label="Steps and their status" data-progress-list>
      {STEPS.map((s, i) => {
        const v = progress.steps[s];
        const style = STEP_STYLE[v.status];
        const stampIso = v.status === "confirmed" || v.status === "verified" ? v.completedAt : (v.lastAttemptAt ?? v.startedAt);
        return (
          <li key={s} id={s} data-progress-step={s} data-status={v.status} className={`flex flex-wrap items-center gap-x-3 gap-y-1 rounded-lg border px-3 py-2 ${style.chip}`}>
            <StatusGlyph status={stepGlyphStatus(v.status)} />
            <span className="font-semibold">
              {i + 1}. {STEP_INFO[s].title}
            </span>
            <span className="text-sm">
              {STEP_STATUS_TEXT[v.status]}
              {stampIso && (
                <span className="text-xs opacity-80">
                  {" "}
                  · {v.status === "confirmed" || v.status === "verified" ? "on" : v.lastAttemptAt ? "last tried" : "started"} <LocalTime iso={stampIso} />
                </span>
              )}
              {v.attemptCount > 0 && <span className="text-xs opacity-80"> · {v.attemptCount} {v.attemptCount === 1 ? "attempt" : "attempts"}</span>}
              {v.trust && <span className="text-xs font-semibold" data-trust={v.trust}> · {TRUST_TEXT[v.trust]}</span>}
              {v.checks && (v.status === "in_progress" || v.status === "failed") && <span className="block text-xs opacity-90">{stepChecksText(v.checks, v.status)}</span>}
            </span>
            <span className="ml-auto flex gap-3 text-sm">
              {v.lastReportUrl && (
                <Link href={v.lastReportUrl} className="underline underline-offset-2">
                  Latest report<span className="sr-only"> for {STEP_INFO[s].title}</span>
                </Link>
              )}
              <Link href={docsLink(s)} className="underline underline-offset-2">
                Go to step<span className="sr-only"> {i + 1}</span>
              </Link>
            </span>
          </li>
        );
      })}
    </ol>
  );
}
