import type { StepCell } from "@/lib/progress";
import { TRUST_TEXT, stepChecksText } from "@/lib/steps";
import { formatUtc } from "@/lib/support/format";
import { STEP_TONE, StepStatusBadge } from "./badges";

export function StepGrid({ steps, currentStep }: { steps: StepCell[]; currentStep: string | null }) {
  return (
    <ol className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4" aria-label="Steps">
      {steps.map((s, i) => {
        const current = s.stepId === currentStep;
        return (
          <li
            key={s.stepId}
            aria-current={current ? "step" : undefined}
            className={`rounded-lg p-3 ring-1 ring-inset ${STEP_TONE[s.status]} ${current ? "outline-2 outline-offset-2 outline-violet-600 dark:outline-violet-400" : ""}`}
          >
            <div className="flex items-start justify-between gap-2">
              <h3 className="text-sm font-semibold">
                <span className="tabular-nums">{i + 1}.</span> {s.title}
              </h3>
              <StepStatusBadge status={s.status} />
            </div>
            {current ? <p className="mt-1 text-xs font-medium">Current step</p> : null}
            {s.trust ? (
              <p className="mt-1 text-xs font-semibold" data-trust={s.trust}>
                {TRUST_TEXT[s.trust]}
              </p>
            ) : s.checks && (s.status === "in_progress" || s.status === "failed") ? (
              <p className="mt-1 text-xs">{stepChecksText(s.checks, s.status)}</p>
            ) : null}
            <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-2 gap-y-0.5 text-xs opacity-90">
              <dt>Attempts</dt>
              <dd className="tabular-nums">{s.attemptCount}</dd>
              <dt>First seen</dt>
              <dd>{formatUtc(s.firstAttemptAt ?? s.startedAt)}</dd>
              <dt>Last seen</dt>
              <dd>{formatUtc(s.lastAttemptAt ?? s.completedAt)}</dd>
              {s.completedAt ? (
                <>
                  <dt>Done</dt>
                  <dd>{formatUtc(s.completedAt)}</dd>
                </>
              ) : null}
            </dl>
          </li>
        );
      })}
    </ol>
  );
}
