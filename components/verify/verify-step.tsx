"use client";
// <VerifyStep step="register-application" | "client-secret" | "api-permissions" />: the "Verify my
// setup" panel a guide author places in a step. Two ways in: the step's own fields, or the app
// manifest (checks every step at once), as two tabs. Instant hints while typing; on submit the server
// action answers with the offline rules at once, then says which live check runs, then the recorded
// result (use-verify.ts). Without JavaScript the same forms post to /verify and land on the report page.
import { useId, useState, type KeyboardEvent } from "react";
import type { FormMode } from "@/lib/customer/fields";
import { GUIDE_PATH, type VerifiableStep } from "@/lib/steps";
import { ProseIcon } from "../prose-static";
import { FieldsForm } from "./fields-form";
import { MicrosoftSignIn } from "./microsoft-sign-in";
import { StepChecksNote } from "./step-checks-note";
import { ManifestForm } from "./manifest-form";
import { useVerify } from "./use-verify";
import type { PanelProps } from "./verify-form";
import { VerifyResult } from "./verify-result";

const PANEL_TITLE: Record<VerifiableStep, string> = {
  "register-application": "the app registration",
  "client-secret": "the client secret",
  "api-permissions": "the permissions",
};

/**
 * Without JavaScript (and until a panel wakes) only one panel carries the whole-manifest form: a
 * manifest checks every step at once, so the others link to it. Awake, every panel has its manifest tab.
 */
export const MANIFEST_PANEL: VerifiableStep = "register-application";
const MANIFEST_ANCHOR = "verify-manifest";

const TABS: { mode: FormMode; label: string }[] = [
  { mode: "fields", label: "Enter the values" },
  { mode: "manifest", label: "Paste the app manifest" },
];

/**
 * Rendered on the server (the no-JavaScript layout: fields form, the manifest form in a disclosure) and
 * mounted anew in the browser by components/verify/lazy.tsx, never hydrated: in the browser it starts
 * in the tabbed layout, and lazy.tsx carries what was typed into the server's forms across.
 */
export function VerifyStep({ step }: { step: VerifiableStep }) {
  const uid = useId().replace(/:/g, "");
  // useId is unique on the page: the step need not be in every id (each is in the HTML several times).
  const id = (s: string) => `${uid}${s}`;
  const verify = useVerify();
  const [mode, setMode] = useState<FormMode>("fields");
  // Server: the plain HTML forms; browser (a fresh mount, see above): the tabs.
  const tabbed = typeof window !== "undefined";

  const part: PanelProps = { step, id, verify };
  const fieldsForm = <FieldsForm {...part} />;
  const manifestForm = <ManifestForm {...part} />;

  const onTabKey = (e: KeyboardEvent<HTMLButtonElement>) => {
    if (e.key !== "ArrowRight" && e.key !== "ArrowLeft" && e.key !== "Home" && e.key !== "End") return;
    e.preventDefault();
    const next: FormMode = e.key === "Home" ? "fields" : e.key === "End" ? "manifest" : mode === "fields" ? "manifest" : "fields";
    setMode(next);
    document.getElementById(id(`tab-${next}`))?.focus();
  };

  return (
    <section data-verify-step={step} aria-labelledby={id("title")} className="verify-panel not-prose">
      <h3 id={id("title")} className="verify-title">
        <ProseIcon name="shield" className="icon-shield" />
        {`Verify my setup: ${PANEL_TITLE[step]}`}
      </h3>
      <StepChecksNote step={step} />
      {tabbed ? (
        <>
          <div role="tablist" aria-label="How to verify" className="mt-3 flex gap-1 border-b border-zinc-200 dark:border-zinc-700">
            {TABS.map((t) => (
              <button
                key={t.mode}
                id={id(`tab-${t.mode}`)}
                type="button"
                role="tab"
                aria-selected={mode === t.mode}
                aria-controls={id(`panel-${t.mode}`)}
                tabIndex={mode === t.mode ? 0 : -1}
                onClick={() => setMode(t.mode)}
                onKeyDown={onTabKey}
                className={`-mb-px rounded-t-md border px-3 py-1.5 text-sm font-medium ${mode === t.mode ? "border-zinc-200 border-b-white bg-white text-violet-800 dark:border-zinc-700 dark:border-b-zinc-950 dark:bg-zinc-950 dark:text-violet-200" : "border-transparent text-zinc-700 hover:text-zinc-950 dark:text-zinc-300 dark:hover:text-white"}`}
              >
                {t.label}
              </button>
            ))}
          </div>
          <div id={id("panel-fields")} role="tabpanel" aria-labelledby={id("tab-fields")} hidden={mode !== "fields"} className="pt-3">
            {fieldsForm}
          </div>
          <div id={id("panel-manifest")} role="tabpanel" aria-labelledby={id("tab-manifest")} hidden={mode !== "manifest"} className="pt-3">
            {manifestForm}
          </div>
        </>
      ) : (
        <>
          {/* Where the tabs will be, as high as they are (no shift when the panel wakes). */}
          {step === MANIFEST_PANEL ? (
            <details id={MANIFEST_ANCHOR} className="verify-more">
              <summary>Or paste the app manifest (checks every step at once)</summary>
              <div className="pt-3">{manifestForm}</div>
            </details>
          ) : (
            <p className="verify-more">
              <a href={`#${MANIFEST_ANCHOR}`}>Or paste the app manifest</a> (in the first panel: checks every step at once)
            </p>
          )}
          <div className="pt-3">{fieldsForm}</div>
        </>
      )}
      <VerifyResult {...part} />
      {step !== "client-secret" && <MicrosoftSignIn returnTo={GUIDE_PATH} showResult={step === "api-permissions"} />}
    </section>
  );
}
