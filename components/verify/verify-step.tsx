"use client";
// <VerifyStep step="register-application" | "client-secret" | "api-permissions" />: the "Verify my
// setup" panel a guide author places in a step. Two ways in: the step's own fields, or the app
// manifest (checks every step at once). Instant hints while typing; on submit the server action
// answers with the offline rules at once, then says which live check runs, then the recorded result.
// Without JavaScript the same form posts to /verify and lands on the report page.
import { useEffect, useId, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import { verifyStep } from "@/app/actions/customer";
import { AUDIENCE_OPTIONS, FIELD, formFieldOf, PERMISSION_OPTIONS, type FormMode } from "@/lib/customer/fields";
import { clientIdHint, manifestHint, redirectUriHint, secretHint, tenantHint } from "@/lib/customer/instant";
import { STEP_LABELS, type VerifiableStep } from "@/lib/customer/steps";
import { failedCheckIds, mergeRerun } from "@/lib/customer/summary";
import type { SaveOutcome, VerifyEvent, VerifyPhase } from "@/lib/customer/view";
import type { FieldError, Report } from "@/lib/verify";
import { CopyLinkButton } from "./copy-link";
import { Choice, TextArea, TextField } from "./fields";
import { setProgress, useProgress } from "./progress-store";
import { MicrosoftSignIn } from "./microsoft-sign-in";
import { ResultsList } from "./results-list";
import { StatusGlyph } from "./status";

const INTRO: Record<VerifiableStep, string> = {
  "register-application": "Enter what the app's Overview and Authentication pages show. Obvious slips show up while you type; Verify checks everything.",
  "client-secret": "Paste the secret's Value. With the live check we ask Microsoft for a token with your tenant, client ID and secret. The secret is never stored or shown again.",
  "api-permissions": "Tick what the app's API permissions page lists under Dynamics 365 Business Central.",
};

const PANEL_TITLE: Record<VerifiableStep, string> = {
  "register-application": "the app registration",
  "client-secret": "the client secret",
  "api-permissions": "the permissions",
};

const PHASE_TEXT: Record<"rules" | VerifyPhase | "saving", string> = {
  rules: "Checking what you entered…",
  token: "Asking Microsoft for a token…",
  graph: "Reading your registration from Microsoft Graph…",
  saving: "Saving your progress…",
};

function newKey(): string {
  return typeof crypto !== "undefined" && "randomUUID" in crypto ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

interface Outcome {
  report: Report;
  mode: FormMode;
  saved: SaveOutcome | null;
  /** Live checks still running: their rows show as running. */
  running: boolean;
}

export function VerifyStep({ step }: { step: VerifiableStep }) {
  const uid = useId().replace(/:/g, "");
  const id = (s: string) => `verify-${step}-${s}-${uid}`;
  const progress = useProgress();
  const [mode, setMode] = useState<FormMode>("fields");
  const [hydrated, setHydrated] = useState(false);
  const [values, setValues] = useState({ clientId: "", tenant: "", redirectUri: "", signInAudience: "", secret: "", manifest: "", manifestTenant: "", manifestSecret: "" });
  const [perms, setPerms] = useState<string[]>([]);
  const [live, setLive] = useState(true);
  const [manifestLive, setManifestLive] = useState(true);
  const touched = useRef(new Set<string>());
  const [key, setKey] = useState("");
  const [pending, setPending] = useState<null | "rules" | VerifyPhase | "saving">(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [fieldError, setFieldError] = useState<(FieldError & { mode: FormMode }) | null>(null);
  const summaryRef = useRef<HTMLHeadingElement>(null);
  const formRefs = { fields: useRef<HTMLFormElement>(null), manifest: useRef<HTMLFormElement>(null) };
  const lastSubmit = useRef<{ data: FormData; mode: FormMode } | null>(null);
  const [focusSummary, setFocusSummary] = useState(0);

  useEffect(() => {
    setHydrated(true);
    setKey(newKey());
  }, []);

  // Remember the client ID and tenant from the customer's progress (never the secret).
  useEffect(() => {
    if (progress.state !== "ok") return;
    const p = progress.progress;
    setValues((v) => ({
      ...v,
      clientId: !touched.current.has("clientId") && !v.clientId && p.clientId ? p.clientId : v.clientId,
      tenant: !touched.current.has("tenant") && !v.tenant && p.tenant ? p.tenant : v.tenant,
      manifestTenant: !touched.current.has("manifestTenant") && !v.manifestTenant && p.tenant ? p.tenant : v.manifestTenant,
    }));
  }, [progress]);

  useEffect(() => {
    if (focusSummary) summaryRef.current?.focus();
  }, [focusSummary]);

  const FIELD_OF: Record<keyof typeof values, [FormMode, string]> = {
    clientId: ["fields", "clientId"],
    tenant: ["fields", "tenant"],
    redirectUri: ["fields", "redirectUri"],
    signInAudience: ["fields", "signInAudience"],
    secret: ["fields", "secret"],
    manifest: ["manifest", "manifest"],
    manifestTenant: ["manifest", "tenant"],
    manifestSecret: ["manifest", "secret"],
  };
  const set = (name: keyof typeof values) => (v: string) => {
    touched.current.add(name);
    setValues((old) => ({ ...old, [name]: v }));
    const [m, f] = FIELD_OF[name];
    if (fieldError && fieldError.mode === m && formFieldOf(fieldError.field) === f) setFieldError(null);
  };

  const hints = useMemo(
    () => ({
      clientId: clientIdHint(values.clientId),
      tenant: tenantHint(values.tenant),
      redirectUri: redirectUriHint(values.redirectUri),
      secret: secretHint(values.secret, values.clientId),
      manifest: manifestHint(values.manifest),
      manifestTenant: tenantHint(values.manifestTenant),
      manifestSecret: secretHint(values.manifestSecret),
    }),
    [values],
  );

  const errorFor = (m: FormMode, field: string) => (fieldError && fieldError.mode === m && formFieldOf(fieldError.field) === field ? fieldError.message : null);

  async function run(data: FormData, m: FormMode, rerun: boolean) {
    if (pending) return;
    setPending("rules");
    setFieldError(null);
    lastSubmit.current = { data, mode: m };
    const previous = outcome;
    const merge = (r: Report) => (rerun && previous ? mergeRerun(previous.report, r) : r);
    try {
      let event: VerifyEvent = await verifyStep(data);
      for (;;) {
        if (event.phase === "invalid") {
          setFieldError({ ...event.error, mode: m });
          setPending(null);
          const field = formFieldOf(event.error.field);
          const form = formRefs[m].current;
          const el = field ? form?.querySelector<HTMLElement>(`[name="${field}"]`) : null;
          (el ?? form?.querySelector<HTMLElement>("[data-form-error]"))?.focus();
          return;
        }
        if (event.phase === "rules") {
          setOutcome({ report: merge(event.report), mode: m, saved: null, running: event.live });
          setPending(event.live ? "rules" : "saving");
          event = await event.next;
          continue;
        }
        if (event.phase !== "done") {
          setPending(event.phase);
          event = await event.next;
          continue;
        }
        const { result } = event;
        setOutcome({ report: merge(result.report), mode: m, saved: result.saved, running: false });
        setProgress(result.progress);
        setPending(null);
        // A new attempt from now on; a failed save keeps its key so "try saving again" is still one attempt.
        if (result.saved.ok) setKey(newKey());
        setFocusSummary((n) => n + 1);
        return;
      }
    } catch {
      setPending(null);
      setFieldError({ code: "network", message: "Could not reach the site. Check your connection and try again.", field: null, mode: m });
    }
  }

  const onSubmit = (m: FormMode) => (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    void run(new FormData(e.currentTarget), m, false);
  };

  const rerunFailed = () => {
    if (!outcome) return;
    const form = formRefs[outcome.mode].current;
    if (!form) return;
    const data = new FormData(form);
    for (const c of failedCheckIds(outcome.report.checks)) data.append(FIELD.checks, c);
    data.set(FIELD.idempotencyKey, newKey());
    void run(data, outcome.mode, true);
  };

  const retrySave = () => {
    if (lastSubmit.current) void run(lastSubmit.current.data, lastSubmit.current.mode, false);
  };

  const tabs: { mode: FormMode; label: string }[] = [
    { mode: "fields", label: "Enter the values" },
    { mode: "manifest", label: "Paste the app manifest" },
  ];
  const onTabKey = (e: KeyboardEvent<HTMLButtonElement>) => {
    if (e.key !== "ArrowRight" && e.key !== "ArrowLeft" && e.key !== "Home" && e.key !== "End") return;
    e.preventDefault();
    const next: FormMode = e.key === "Home" ? "fields" : e.key === "End" ? "manifest" : mode === "fields" ? "manifest" : "fields";
    setMode(next);
    document.getElementById(id(`tab-${next}`))?.focus();
  };

  const failed = outcome ? failedCheckIds(outcome.report.checks) : [];
  const shownReport: Report | null = outcome
    ? outcome.running
      ? { ...outcome.report, checks: outcome.report.checks.filter((c) => c.id !== "live.token" && c.id !== "live.registration") }
      : outcome.report
    : null;

  const hidden = (m: FormMode) => (
    <>
      <input type="hidden" name={FIELD.step} value={step} />
      <input type="hidden" name={FIELD.mode} value={m} />
      <input type="hidden" name={FIELD.idempotencyKey} value={key} />
    </>
  );

  const submitButton = (label: string) => (
    <button
      type="submit"
      aria-disabled={pending ? true : undefined}
      className="mt-5 inline-flex items-center gap-2 rounded-md bg-violet-700 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-violet-800 aria-disabled:cursor-wait aria-disabled:opacity-70 dark:bg-violet-600 dark:hover:bg-violet-500"
    >
      {pending && <StatusGlyph status="running" />}
      {label}
    </button>
  );

  const formError = (m: FormMode) =>
    fieldError && fieldError.mode === m && !formFieldOf(fieldError.field) ? (
      <p data-form-error tabIndex={-1} role="alert" className="mt-4 rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900 dark:border-red-700 dark:bg-red-950/60 dark:text-red-200">
        {fieldError.message}
      </p>
    ) : null;

  const fieldsForm = (
    <form ref={formRefs.fields} data-mode="fields" action="/verify" method="post" onSubmit={onSubmit("fields")} noValidate aria-label={`Verify: ${STEP_LABELS[step].title}`}>
      {hidden("fields")}
      <p className="text-sm text-zinc-700 dark:text-zinc-300">{INTRO[step]}</p>
      <TextField
        id={id("clientId")}
        name={FIELD.clientId}
        label="Application (client) ID"
        value={values.clientId}
        onChange={set("clientId")}
        hint={hints.clientId}
        error={errorFor("fields", "clientId")}
        placeholder="00000000-0000-0000-0000-000000000000"
        help="On the app's Overview page."
        optional={step !== "client-secret"}
      />
      <TextField
        id={id("tenant")}
        name={FIELD.tenant}
        label="Directory (tenant) ID"
        value={values.tenant}
        onChange={set("tenant")}
        hint={hints.tenant}
        error={errorFor("fields", "tenant")}
        placeholder="00000000-0000-0000-0000-000000000000 or contoso.onmicrosoft.com"
        help={step === "api-permissions" ? "With the client ID, gives you the admin-consent link for your tenant." : "On the app's Overview page (or your tenant's domain)."}
        optional={step !== "client-secret"}
      />
      {step === "register-application" && (
        <>
          <TextField
            id={id("redirectUri")}
            name={FIELD.redirectUri}
            label="Redirect URI (Web)"
            value={values.redirectUri}
            onChange={set("redirectUri")}
            hint={hints.redirectUri}
            error={errorFor("fields", "redirectUri")}
            inputMode="url"
            placeholder="https://dynamics365businesscentral.codat.io/oauth/callback"
            help="Authentication page → Web → Redirect URIs. Paste it as the portal shows it."
          />
          <fieldset className="mt-4" aria-describedby={errorFor("fields", "signInAudience") ? id("aud-error") : undefined}>
            <legend className="text-sm font-semibold text-zinc-900 dark:text-zinc-100">Supported account types</legend>
            <p className="text-xs text-zinc-600 dark:text-zinc-400">As the app's Authentication page (or Overview → Supported account types) shows it.</p>
            {AUDIENCE_OPTIONS.map((o) => (
              <Choice
                key={o.value}
                id={id(`aud-${o.value}`)}
                type="radio"
                name={FIELD.signInAudience}
                value={o.value}
                checked={values.signInAudience === o.value}
                onChange={() => set("signInAudience")(o.value)}
                label={o.label}
                detail={<span className="font-mono">signInAudience: {o.value}</span>}
                describedBy={errorFor("fields", "signInAudience") ? id("aud-error") : undefined}
              />
            ))}
            {errorFor("fields", "signInAudience") && (
              <p id={id("aud-error")} className="mt-1 text-sm font-medium text-red-800 dark:text-red-300">
                Error: {errorFor("fields", "signInAudience")}
              </p>
            )}
          </fieldset>
        </>
      )}
      {step === "client-secret" && (
        <>
          <TextField
            id={id("secret")}
            name={FIELD.secret}
            type="password"
            label="Client secret Value"
            value={values.secret}
            onChange={set("secret")}
            hint={hints.secret}
            error={errorFor("fields", "secret")}
            help="Certificates & secrets → Client secrets → the Value column (not the Secret ID). Never stored; only its first 3 characters are kept, as the portal shows them."
          />
          <div className="mt-3">
            <Choice
              id={id("live")}
              type="checkbox"
              name={FIELD.live}
              value="on"
              checked={live}
              onChange={setLive}
              label="Also check with Microsoft (live)"
              detail="Signs in as your app once, then reads the app's registration. Nothing is changed in your tenant."
            />
          </div>
        </>
      )}
      {step === "api-permissions" && (
        <div className="mt-4 grid gap-4 sm:grid-cols-2" aria-describedby={errorFor("fields", "permissions") ? id("perm-error") : undefined}>
          {(["delegated", "application"] as const).map((t) => (
            <fieldset key={t} className="rounded-md border border-zinc-200 p-3 dark:border-zinc-700">
              <legend className="px-1 text-sm font-semibold text-zinc-900 dark:text-zinc-100">{t === "delegated" ? "Delegated permissions" : "Application permissions"}</legend>
              <p className="text-xs text-zinc-600 dark:text-zinc-400">{t === "delegated" ? 'Type "Delegated" in the portal ("Scope" in the manifest).' : 'Type "Application" in the portal ("Role" in the manifest).'}</p>
              {PERMISSION_OPTIONS.filter((p) => p.type === t).map((p) => (
                <Choice
                  key={p.value}
                  id={id(`perm-${p.name}-${t}`)}
                  type="checkbox"
                  name={FIELD.permissions}
                  value={p.value}
                  checked={perms.includes(p.value)}
                  onChange={(on) => {
                    setPerms((old) => (on ? [...old, p.value] : old.filter((x) => x !== p.value)));
                    if (fieldError?.field === "permissions") setFieldError(null);
                  }}
                  label={<span className="font-mono">{p.name}</span>}
                  detail={p.description}
                  describedBy={errorFor("fields", "permissions") ? id("perm-error") : undefined}
                  invalid={!!errorFor("fields", "permissions")}
                />
              ))}
            </fieldset>
          ))}
          {errorFor("fields", "permissions") && (
            <p id={id("perm-error")} data-field-error tabIndex={-1} className="text-sm font-medium text-red-800 sm:col-span-2 dark:text-red-300">
              Error: {errorFor("fields", "permissions")}
            </p>
          )}
        </div>
      )}
      {formError("fields")}
      {submitButton(step === "client-secret" && live ? "Verify with Microsoft" : "Verify")}
    </form>
  );

  const manifestForm = (
    <form ref={formRefs.manifest} data-mode="manifest" action="/verify" method="post" onSubmit={onSubmit("manifest")} noValidate aria-label="Verify the whole app manifest">
      {hidden("manifest")}
      <p className="text-sm text-zinc-700 dark:text-zinc-300">
        In the Azure portal, open your app → <strong>Manifest</strong>, select everything and copy it. This checks every step at once (either manifest format works).
      </p>
      <TextArea
        id={id("manifest")}
        name={FIELD.manifest}
        label="App manifest (JSON)"
        value={values.manifest}
        onChange={set("manifest")}
        hint={hints.manifest}
        error={errorFor("manifest", "manifest")}
        placeholder='{ "appId": "…", "signInAudience": "…", … }'
      />
      <TextField
        id={id("mtenant")}
        name={FIELD.tenant}
        label="Directory (tenant) ID"
        value={values.manifestTenant}
        onChange={set("manifestTenant")}
        hint={hints.manifestTenant}
        error={errorFor("manifest", "tenant")}
        help="For the live check and the admin-consent link. Without it we try the manifest's publisher domain."
        optional
      />
      <TextField
        id={id("msecret")}
        name={FIELD.secret}
        type="password"
        label="Client secret Value"
        value={values.manifestSecret}
        onChange={set("manifestSecret")}
        hint={hints.manifestSecret}
        error={errorFor("manifest", "secret")}
        help="For the live check. Never stored."
        optional
      />
      <div className="mt-3">
        <Choice
          id={id("mlive")}
          type="checkbox"
          name={FIELD.live}
          value="on"
          checked={manifestLive}
          onChange={setManifestLive}
          label="Also check with Microsoft (live, needs the secret)"
        />
      </div>
      {formError("manifest")}
      {submitButton("Verify the manifest")}
    </form>
  );

  return (
    <section data-verify-step={step} aria-labelledby={id("title")} className="verify-panel not-prose my-6 rounded-xl border border-violet-200 bg-violet-50/40 p-4 sm:p-5 dark:border-violet-900 dark:bg-violet-950/20">
      <h3 id={id("title")} className="flex items-center gap-2 text-base font-bold text-zinc-900 dark:text-zinc-100">
        <svg width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true" className="text-violet-700 dark:text-violet-300">
          <path d="M9 12l2 2 4-4" />
          <path d="M12 3l7 3v6c0 4.5-3 7.5-7 9-4-1.5-7-4.5-7-9V6z" />
        </svg>
        Verify my setup: {PANEL_TITLE[step]}
      </h3>
      {hydrated ? (
        <>
          <div role="tablist" aria-label="How to verify" className="mt-3 flex gap-1 border-b border-zinc-200 dark:border-zinc-700">
            {tabs.map((t) => (
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
          <div className="pt-3">{fieldsForm}</div>
          <details className="mt-6 border-t border-zinc-200 pt-4 dark:border-zinc-700">
            <summary className="cursor-pointer text-sm font-semibold text-zinc-900 dark:text-zinc-100">Or paste the app manifest (checks every step at once)</summary>
            <div className="pt-2">{manifestForm}</div>
          </details>
        </>
      )}

      <div role="status" aria-live="polite" className="mt-4 min-h-6 text-sm text-zinc-800 dark:text-zinc-200" data-verify-progress>
        {pending && (
          <span className="inline-flex items-center gap-2">
            <StatusGlyph status="running" /> {PHASE_TEXT[pending]}
          </span>
        )}
      </div>

      {outcome && shownReport && (
        <div className="mt-2 rounded-lg border border-zinc-200 bg-white/70 p-3 sm:p-4 dark:border-zinc-700 dark:bg-zinc-950/60">
          <ResultsList
            report={shownReport}
            headingId={id("summary")}
            headingRef={summaryRef}
            {...(outcome.mode === "manifest" ? { groupBySteps: true } : { focusSteps: [step] })}
          />
          {outcome.running && (
            <p className="mt-2 flex items-center gap-2 rounded-lg border border-dashed border-zinc-300 p-3 text-sm text-zinc-700 dark:border-zinc-600 dark:text-zinc-300" data-check-id="live" data-status="running">
              <StatusGlyph status="running" /> Live checks with Microsoft are running…
            </p>
          )}
          <div className="mt-4 flex flex-wrap items-center gap-3">
            {failed.length > 0 && !pending && (
              <button type="button" onClick={rerunFailed} className="rounded-md border border-violet-700 px-3 py-1.5 text-sm font-semibold text-violet-800 hover:bg-violet-50 dark:border-violet-400 dark:text-violet-200 dark:hover:bg-violet-950">
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
              <button type="button" onClick={retrySave} className="mt-2 rounded-md border border-amber-600 bg-white px-3 py-1 text-sm font-semibold text-amber-950 hover:bg-amber-100 dark:bg-transparent dark:text-amber-100">
                Try saving again
              </button>
            </div>
          )}
        </div>
      )}
      {step !== "client-secret" && <MicrosoftSignIn returnTo="/guides/dynamics365-business-central/setup" showResult={step === "api-permissions"} />}
    </section>
  );
}
