"use client";
// "Sign in with Microsoft to check": an administrator of the customer's tenant signs in (read-only,
// delegated) and we read the app registration and the admin consent from Microsoft Graph. A plain
// form POST to /auth/microsoft/start (works without JavaScript too); Microsoft sends the admin back
// here with ?signin=<outcome>&run=<id>, and this panel shows the outcome and the run's results.
import { useCallback, useEffect, useId, useRef, useState } from "react";
import { signInPanelState, type SignInPanelState } from "@/lib/actions/microsoft-sign-in";
import { isSignInOutcome, SIGN_IN_OUTCOMES, SIGN_IN_PARAM, SIGN_IN_RUN_PARAM, type SignInOutcome } from "@/lib/signin/messages";
import type { StepId } from "@/lib/steps";
import { ResultsList } from "./results-list";
import { hasSetupMarker } from "./setup-marker";

export interface MicrosoftSignInProps {
  /** Where Microsoft sends the admin back (a guide page path, or /progress). */
  returnTo: string;
  /** Show the outcome of a sign-in here (one panel per page does). */
  showResult?: boolean;
  focusSteps?: readonly StepId[];
}

export function MicrosoftSignIn({ returnTo, showResult = true, focusSteps }: MicrosoftSignInProps) {
  const uid = useId().replace(/:/g, "");
  const [state, setState] = useState<SignInPanelState | null>(null);
  const [outcome, setOutcome] = useState<SignInOutcome | "ok" | null>(null);
  // Uncontrolled: what is typed before hydration stays; the remembered client ID fills it only when empty.
  const clientIdInput = useRef<HTMLInputElement>(null);

  // The panel's state (configured here? the remembered client ID, a sign-in's result) costs a server
  // action. Asked on view only when there is something to show: a setup (marker cookie) or a sign-in
  // outcome in the URL; otherwise when the visitor first focuses or touches the panel. Until then the
  // form works as is: /auth/microsoft/start answers "not configured" itself.
  const asked = useRef(false);
  const ask = useCallback((runPublicId: string | null) => {
    if (asked.current) return () => {};
    asked.current = true;
    let live = true;
    signInPanelState(runPublicId)
      .then((s) => {
        if (!live) return;
        setState(s);
        if (clientIdInput.current && !clientIdInput.current.value && s.clientId) clientIdInput.current.value = s.clientId;
      })
      .catch(() => live && setState({ configured: false, missing: "" }));
    return () => {
      live = false;
      asked.current = false;
    };
  }, []);

  useEffect(() => {
    const q = new URLSearchParams(window.location.search);
    const o = q.get(SIGN_IN_PARAM);
    const wanted = showResult && (o === "ok" || isSignInOutcome(o)) ? (o as SignInOutcome | "ok") : null;
    if (wanted) setOutcome(wanted);
    if (!wanted && !hasSetupMarker()) return;
    return ask(wanted === "ok" ? q.get(SIGN_IN_RUN_PARAM) : null);
  }, [showResult, ask]);
  const onInteract = () => void ask(null);

  const message = outcome && outcome !== "ok" ? SIGN_IN_OUTCOMES[outcome] : null;
  return (
    <div id={showResult ? "sign-in-with-microsoft" : undefined} data-testid="microsoft-sign-in" onFocus={onInteract} onPointerEnter={onInteract} className="signin-box">
      <h4 className="font-semibold">Sign in with Microsoft to check</h4>
      <p className="vf-intro mt-1">
        An administrator of your tenant signs in and we read, and only read, the app registration and its admin consent from Microsoft Graph. We keep the results, never the sign-in.
      </p>
      {state && !state.configured ? (
        <p className="mt-2 text-sm" data-signin-unavailable>
          Not available on this site: its operator has not set {state.missing || "the checker's Microsoft registration"}. Paste the app&apos;s manifest above instead.
        </p>
      ) : (
        <form method="post" action="/auth/microsoft/start" className="mt-3 flex flex-wrap items-end gap-2">
          <input type="hidden" name="returnTo" value={returnTo} />
          <label className="min-w-0 max-w-full text-sm" htmlFor={`signin-client-${uid}`}>
            <span className="block font-medium">Application (client) ID</span>
            <input
              id={`signin-client-${uid}`}
              name="clientId"
              ref={clientIdInput}
              defaultValue=""
              required
              autoComplete="off"
              spellCheck={false}
              className="signin-input"
            />
          </label>
          <button type="submit" className="signin-submit">
            Sign in with Microsoft to check
          </button>
        </form>
      )}
      {message && (
        <p role="alert" data-signin-outcome={outcome ?? undefined} className="mt-3 rounded-md border border-amber-400 bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:border-amber-600 dark:bg-amber-950/50 dark:text-amber-100">
          {message}
        </p>
      )}
      {outcome === "ok" && state?.run && (
        <div className="mt-4" data-signin-outcome="ok">
          <ResultsList report={state.run.report} headingId={`signin-results-${uid}`} {...(focusSteps ? { focusSteps } : {})} />
          <p className="mt-2 text-sm">
            <a href={state.run.reportUrl} className="underline">Shareable report</a>
          </p>
        </div>
      )}
      {outcome === "ok" && state && state.run === null && <p role="alert" className="mt-3 text-sm">That result belongs to another browser&apos;s progress, so it is not shown here.</p>}
    </div>
  );
}
