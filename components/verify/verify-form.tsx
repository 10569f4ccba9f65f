// What both forms of a "Verify my setup" panel share: the form itself (posting to /verify without
// JavaScript, to the server action with it), its hidden step, mode and idempotency key, the intro,
// the server's message about the form as a whole, and the submit button.
import type { ReactNode } from "react";
import { FIELD, type FormMode } from "@/lib/customer/fields";
import type { VerifiableStep } from "@/lib/steps";
import { StatusGlyph } from "./status";
import type { Verify } from "./use-verify";

/** What VerifyStep hands each of its parts (the two forms, the result). */
export interface PanelProps {
  step: VerifiableStep;
  /** The panel's element id for a part of it. */
  id: (part: string) => string;
  verify: Verify;
}

export function VerifyForm({
  mode,
  step,
  verify,
  label,
  intro,
  submitLabel,
  children,
}: PanelProps & { mode: FormMode; label: string; intro: ReactNode; submitLabel: string; children: ReactNode }) {
  const formError = verify.errorFor(mode, null);
  return (
    <form ref={verify.forms[mode]} data-mode={mode} action="/verify" method="post" onSubmit={verify.submit(mode)} noValidate aria-label={label}>
      <input type="hidden" name={FIELD.step} value={step} />
      <input type="hidden" name={FIELD.mode} value={mode} />
      <input type="hidden" name={FIELD.idempotencyKey} value={verify.key} />
      <p className="vf-intro">{intro}</p>
      {children}
      {formError && (
        <p data-form-error tabIndex={-1} role="alert" className="mt-4 rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900 dark:border-red-700 dark:bg-red-950/60 dark:text-red-200">
          {formError}
        </p>
      )}
      <button
        type="submit"
        aria-disabled={verify.pending ? true : undefined}
        className="vf-submit"
      >
        {verify.pending && <StatusGlyph status="running" />}
        {submitLabel}
      </button>
    </form>
  );
}
