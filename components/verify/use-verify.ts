import "client-only";
// The streaming side of a "Verify my setup" panel: submits one of its forms to the verifyStep server
// action and follows what it streams (the offline rules at once, then each live phase, then the
// recorded result), keeps the idempotency key of the attempt, re-runs the failed checks, retries a
// failed save, and remembers which field the server found wrong.
import { useEffect, useRef, useState, type FormEvent } from "react";
import { verifyStep } from "@/lib/actions/customer";
import { FIELD, formFieldOf, type FormMode } from "@/lib/customer/fields";
import { failedCheckIds, mergeRerun } from "@/lib/customer/summary";
import type { SaveOutcome, VerifyEvent, VerifyPhase } from "@/lib/customer/view";
import type { FieldError, Report } from "@/lib/verify";
import { setProgress } from "./progress-store";

/** What the panel is waiting for. */
export type Pending = "rules" | VerifyPhase | "saving";

export interface Outcome {
  report: Report;
  mode: FormMode;
  saved: SaveOutcome | null;
  /** Live checks still running: their rows show as running. */
  running: boolean;
}

const NETWORK_ERROR = "Could not reach the site. Check your connection and try again.";

function newKey(): string {
  return typeof crypto !== "undefined" && "randomUUID" in crypto ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

export function useVerify() {
  /** The idempotency key of the next attempt ("" until hydrated: the no-JavaScript post has none). */
  const [key, setKey] = useState("");
  const [pending, setPending] = useState<Pending | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [error, setError] = useState<(FieldError & { mode: FormMode }) | null>(null);
  const [focusSummary, setFocusSummary] = useState(0);
  const forms = { fields: useRef<HTMLFormElement>(null), manifest: useRef<HTMLFormElement>(null) };
  const summaryRef = useRef<HTMLHeadingElement>(null);
  const lastSubmit = useRef<{ data: FormData; mode: FormMode } | null>(null);

  useEffect(() => setKey(newKey()), []);

  useEffect(() => {
    if (focusSummary) summaryRef.current?.focus();
  }, [focusSummary]);

  /** Shows the server's error on its field (or on the form) and moves the focus there. */
  function invalid(e: FieldError, mode: FormMode) {
    setError({ ...e, mode });
    setPending(null);
    const field = formFieldOf(e.field);
    const form = forms[mode].current;
    const el = field ? form?.querySelector<HTMLElement>(`[name="${field}"]`) : null;
    (el ?? form?.querySelector<HTMLElement>("[data-form-error]"))?.focus();
  }

  async function run(data: FormData, mode: FormMode, rerun: boolean) {
    if (pending) return;
    setPending("rules");
    setError(null);
    lastSubmit.current = { data, mode };
    const previous = outcome;
    const merge = (r: Report) => (rerun && previous ? mergeRerun(previous.report, r) : r);
    try {
      let event: VerifyEvent = await verifyStep(data);
      while (event.phase !== "done") {
        if (event.phase === "invalid") return invalid(event.error, mode);
        if (event.phase === "rules") {
          setOutcome({ report: merge(event.report), mode, saved: null, running: event.live });
          setPending(event.live ? "rules" : "saving");
        } else {
          setPending(event.phase);
        }
        event = await event.next;
      }
      const { result } = event;
      setOutcome({ report: merge(result.report), mode, saved: result.saved, running: false });
      setProgress(result.progress);
      setPending(null);
      // A new attempt from now on; a failed save keeps its key so "try saving again" is still one attempt.
      if (result.saved.ok) setKey(newKey());
      setFocusSummary((n) => n + 1);
    } catch {
      setPending(null);
      setError({ code: "network", message: NETWORK_ERROR, field: null, mode });
    }
  }

  return {
    key,
    pending,
    outcome,
    forms,
    summaryRef,
    /** The server's message for one field of a form; `null` asks for the form's own message. */
    errorFor(mode: FormMode, field: string | null): string | null {
      return error && error.mode === mode && formFieldOf(error.field) === field ? error.message : null;
    },
    /** The customer changed a field: its server error no longer applies. */
    clearError(mode: FormMode, field: string) {
      setError((e) => (e && e.mode === mode && formFieldOf(e.field) === field ? null : e));
    },
    submit: (mode: FormMode) => (e: FormEvent<HTMLFormElement>) => {
      e.preventDefault();
      void run(new FormData(e.currentTarget), mode, false);
    },
    rerunFailed() {
      const form = outcome && forms[outcome.mode].current;
      if (!outcome || !form) return;
      const data = new FormData(form);
      for (const c of failedCheckIds(outcome.report.checks)) data.append(FIELD.checks, c);
      data.set(FIELD.idempotencyKey, newKey());
      void run(data, outcome.mode, true);
    },
    retrySave() {
      if (lastSubmit.current) void run(lastSubmit.current.data, lastSubmit.current.mode, false);
    },
  };
}

export type Verify = ReturnType<typeof useVerify>;
