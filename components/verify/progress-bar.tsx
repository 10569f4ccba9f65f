"use client";
// The sticky progress bar on the guide: every step as a numbered circle (colour + icon) with its short
// name and its status in words, the resume link or "Track my progress". The page is static: the
// customer's progress arrives after hydration; without JavaScript the bar links to /progress.
import { useId, useRef, useState, type KeyboardEvent } from "react";
import { GUIDE_PATH, STEP_INFO, STEP_STATUS_TEXT, STEPS, TRUST_TEXT, isDone, stepChecksText, type StepId, type StepStatus } from "@/lib/steps";
import type { ProgressView } from "@/lib/customer/view";
import { reloadProgress, useProgress } from "./progress-store";
import { ResumeLink } from "./resume-link";
import { StatusGlyph } from "./status";
import { TrackProgressForm } from "./track-progress";

function statusOf(progress: ProgressView | null, step: StepId): StepStatus {
  return progress?.steps[step]?.status ?? "not_started";
}

// Colours by the step's data-status (app/globals.css, .pb-*): one class per element, as the bar is in
// every guide page's HTML.
function Circle({ status, n }: { status: StepStatus; n: number }) {
  return (
    <span aria-hidden="true" className="pb-dot">
      {status === "verified" || status === "confirmed" ? <StatusGlyph status="pass" className="h-3 w-3" /> : status === "failed" ? <StatusGlyph status="fail" className="h-3 w-3" /> : n}
    </span>
  );
}

export function ProgressBar({ basePath = GUIDE_PATH }: { basePath?: string }) {
  const state = useProgress();
  const uid = useId().replace(/:/g, "");
  const [open, setOpen] = useState(false);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === "Escape" && open) {
      setOpen(false);
      toggleRef.current?.focus();
    }
  };
  const progress = state.state === "ok" ? state.progress : null;
  const done = progress ? STEPS.filter((s) => isDone(statusOf(progress, s))).length : 0;
  const current = progress?.currentStep ?? null;
  const panelId = `${uid}-panel`;
  const caption =
    state.state === "ok"
      ? `${done} of ${STEPS.length} done`
      : state.state === "unavailable"
        ? "Progress unavailable"
        : state.state === "none"
          ? "Not tracked yet"
          : "Your progress";
  return (
    <nav aria-label="Your setup progress" data-progress-bar data-progress-state={state.state} className="not-prose" onKeyDown={onKeyDown}>
      <div className="flex items-center gap-3">
        <ol className="grid min-w-0 flex-1 grid-cols-7 gap-1">
          {STEPS.map((s, i) => {
            const status = statusOf(progress, s);
            const isCurrent = current === s;
            const view = state.state === "ok" ? progress?.steps[s] : undefined;
            const detail = view?.trust ? TRUST_TEXT[view.trust] : view?.checks && (view.status === "in_progress" || view.status === "failed") ? stepChecksText(view.checks, view.status) : "";
            return (
              <li key={s} className="min-w-0" data-progress-step={s} data-status={status}>
                <a
                  href={`${basePath}#${s}`}
                  aria-current={isCurrent ? "step" : undefined}
                  title={`${i + 1}. ${STEP_INFO[s].title}: ${state.state === "ok" ? STEP_STATUS_TEXT[status] : "not tracked"}${detail ? ` (${detail})` : ""}`}
                  aria-describedby={detail ? `${uid}-detail-${s}` : undefined}
                  className="pb-link"
                >
                  <Circle status={status} n={i + 1} />
                  <span aria-hidden="true" className="pb-short">
                    {STEP_INFO[s].short}
                  </span>
                  <span aria-hidden="true" className="pb-word">
                    {state.state === "ok" ? STEP_STATUS_TEXT[status] : "\u00a0"}
                  </span>
                  <span className="sr-only">{`Step ${i + 1}, ${STEP_INFO[s].title}: ${state.state === "ok" ? STEP_STATUS_TEXT[status] : "not tracked"}${isCurrent ? " (next step)" : ""}`}</span>
                </a>
                {detail && (
                  <span id={`${uid}-detail-${s}`} hidden>
                    {detail}
                  </span>
                )}
              </li>
            );
          })}
        </ol>
        <div className="flex shrink-0 flex-col items-end gap-0.5">
          <p className="text-[11px] leading-tight font-semibold whitespace-nowrap text-zinc-800 dark:text-zinc-200" aria-live="polite">
            {caption}
          </p>
          {state.state === "loading" ? (
            <a href="/progress" className="pb-button">
              My progress
            </a>
          ) : state.state === "unavailable" ? (
            <button type="button" onClick={() => void reloadProgress()} className="pb-button">
              Retry
            </button>
          ) : (
            <button
              ref={toggleRef}
              type="button"
              aria-expanded={open}
              aria-controls={panelId}
              onClick={() => setOpen((o) => !o)}
              className="shrink-0 rounded-md border border-violet-700 px-2 py-1 text-xs font-semibold text-violet-800 hover:bg-violet-50 dark:border-violet-400 dark:text-violet-200 dark:hover:bg-violet-950"
            >
              {progress ? "Resume link" : "Track my progress"}
            </button>
          )}
        </div>
      </div>
      {state.state === "unavailable" && (
        <p role="status" className="mt-1 text-xs text-amber-900 dark:text-amber-200">
          {state.message}
        </p>
      )}
      <div id={panelId} hidden={!open || state.state === "loading" || state.state === "unavailable"} className="mt-2 max-h-[60vh] overflow-y-auto rounded-lg border border-zinc-200 bg-white p-3 shadow-lg dark:border-zinc-700 dark:bg-zinc-900">
        {state.state === "loading" || state.state === "unavailable" ? null : progress ? (
          <div className="space-y-3">
            <ResumeLink url={progress.resumeUrl} id={`${uid}-resume`} />
            <p className="text-xs text-zinc-600 dark:text-zinc-400">
              <a href="/progress" className="text-violet-700 underline underline-offset-2 dark:text-violet-300">
                See all of your progress
              </a>{" "}
              (reports, time stamps, company details).
            </p>
          </div>
        ) : (
          <TrackProgressForm compact />
        )}
      </div>
    </nav>
  );
}
