"use client";
// The sticky progress bar on the guide: every step with its status (a coloured bar, an icon and a
// word), how many are done, and the resume link or "Track my progress". The page is static: the
// customer's progress arrives after hydration; without JavaScript the bar links to /progress.
import { useId, useState } from "react";
import { STEP_LABELS, STEP_STATUS_TEXT, STEPS, isDone, type StepId, type StepStatus } from "@/lib/customer/steps";
import type { ProgressView } from "@/lib/customer/view";
import { reloadProgress, useProgress } from "./progress-store";
import { ResumeLink } from "./resume-link";
import { STEP_STYLE, StatusGlyph, stepGlyphStatus } from "./status";
import { TrackProgressForm } from "./track-progress";

function statusOf(progress: ProgressView | null, step: StepId): StepStatus {
  return progress?.steps[step]?.status ?? "not_started";
}

export function ProgressBar({ basePath = "/guides/dynamics365-business-central/setup" }: { basePath?: string }) {
  const state = useProgress();
  const uid = useId().replace(/:/g, "");
  const [open, setOpen] = useState(false);
  const progress = state.state === "ok" ? state.progress : null;
  const done = progress ? STEPS.filter((s) => isDone(statusOf(progress, s))).length : 0;
  const panelId = `${uid}-panel`;
  return (
    <nav aria-label="Your setup progress" data-progress-bar data-progress-state={state.state} className="not-prose">
      <div className="flex items-center gap-3">
        <p className="hidden shrink-0 text-xs font-semibold text-zinc-800 sm:block dark:text-zinc-200" aria-live="polite">
          {state.state === "ok" ? (
            <>
              {done} of {STEPS.length} done
            </>
          ) : state.state === "loading" ? (
            <>Your progress</>
          ) : state.state === "unavailable" ? (
            <>Progress unavailable</>
          ) : (
            <>Not tracked yet</>
          )}
        </p>
        <ol className="grid min-w-0 flex-1 grid-cols-7 gap-1">
          {STEPS.map((s, i) => {
            const status = statusOf(progress, s);
            const style = STEP_STYLE[status];
            const current = progress?.currentStep === s;
            return (
              <li key={s} className="min-w-0" data-progress-step={s} data-status={status}>
                <a
                  href={`${basePath}#${s}`}
                  aria-current={current ? "step" : undefined}
                  title={`${i + 1}. ${STEP_LABELS[s].title}: ${STEP_STATUS_TEXT[status]}`}
                  className="group block rounded-md px-0.5 pt-0.5 pb-1 hover:bg-zinc-100 dark:hover:bg-zinc-800"
                >
                  <span aria-hidden="true" className={`block h-1.5 rounded-full ${style.dot} ${current ? "ring-2 ring-violet-500 ring-offset-1 dark:ring-offset-zinc-950" : ""}`} />
                  <span className="mt-1 hidden items-center gap-1 truncate text-[11px] leading-tight font-medium text-zinc-800 md:flex dark:text-zinc-200">
                    <StatusGlyph status={stepGlyphStatus(status)} className="shrink-0" />
                    <span className="truncate">{STEP_LABELS[s].short}</span>
                  </span>
                  <span className="hidden truncate pl-[18px] text-[11px] leading-tight text-zinc-600 md:block dark:text-zinc-400" aria-hidden="true">
                    {state.state === "ok" ? STEP_STATUS_TEXT[status] : "\u00a0"}
                  </span>
                  <span className="sr-only">
                    Step {i + 1}, {STEP_LABELS[s].title}: {state.state === "ok" ? STEP_STATUS_TEXT[status] : "not tracked"}
                    {current ? " (next step)" : ""}
                  </span>
                </a>
              </li>
            );
          })}
        </ol>
        {state.state === "loading" ? (
          <a href="/progress" className="shrink-0 rounded-md border border-zinc-300 px-2 py-1 text-xs font-semibold text-zinc-800 hover:bg-zinc-100 dark:border-zinc-600 dark:text-zinc-200 dark:hover:bg-zinc-800">
            My progress
          </a>
        ) : state.state === "unavailable" ? (
          <button type="button" onClick={() => void reloadProgress()} className="shrink-0 rounded-md border border-zinc-300 px-2 py-1 text-xs font-semibold text-zinc-800 hover:bg-zinc-100 dark:border-zinc-600 dark:text-zinc-200 dark:hover:bg-zinc-800">
            Retry
          </button>
        ) : (
          <button
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
      <p className="mt-0.5 text-xs text-zinc-700 sm:hidden dark:text-zinc-300" aria-hidden="true">
        {state.state === "ok" ? `${done} of ${STEPS.length} steps done` : state.state === "unavailable" ? "Progress unavailable" : ""}
      </p>
      {state.state === "unavailable" && (
        <p role="status" className="mt-1 text-xs text-amber-900 dark:text-amber-200">
          {state.message}
        </p>
      )}
      <div id={panelId} hidden={!open || state.state === "loading" || state.state === "unavailable"} className="mt-2 max-h-[60vh] overflow-y-auto rounded-lg border border-zinc-200 bg-white p-3 shadow-lg dark:border-zinc-700 dark:bg-zinc-900">
        {progress ? (
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
