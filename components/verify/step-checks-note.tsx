"use client";
// Above a panel's forms: how far this step's own required checks have got, and exactly what is still
// to check ("1 of 3 checks done; still to check: the supported account types and the Web redirect URI"),
// or how far a verified step is trusted. Nothing before the customer's progress has loaded.
import { CONFIRM_HOW, STEP_INFO, TRUST_TEXT, stepChecksText, type VerifiableStep } from "@/lib/steps";
import { useProgress } from "./progress-store";

export function StepChecksNote({ step }: { step: VerifiableStep }) {
  const progress = useProgress();
  if (progress.state !== "ok") return null;
  const v = progress.progress.steps[step];
  if (!v.checks) return null;
  let text: string;
  if (v.status === "verified" && v.trust) {
    text = `${STEP_INFO[step].title}: verified. ${TRUST_TEXT[v.trust]}${v.trust === "rules" ? ` (what you entered); ${CONFIRM_HOW[step]}.` : "."}`;
  } else if (v.status === "in_progress" || v.status === "failed") {
    text = `For this step so far: ${stepChecksText(v.checks, v.status)}.`;
  } else return null;
  return (
    <p data-step-checks className="mt-2 rounded-md border border-violet-200 bg-white/70 px-3 py-2 text-sm text-zinc-800 dark:border-violet-900 dark:bg-zinc-950/60 dark:text-zinc-200">
      {text}
    </p>
  );
}
