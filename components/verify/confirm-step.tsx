"use client";
// <ConfirmStep step="add-keys-to-portal" label="…" />: for steps nobody can check from outside, the
// customer ticks "I've done this" and we keep the time. <ExtensionInstall /> adds the App Link timer:
// "I've started the install" starts it, and the panel says how long ago that was (10–20 minutes is
// normal) and what fetch errors in the meantime mean. Without JavaScript both post to /progress/….
import { useRouter } from "next/navigation";
import { useEffect, useId, useState, type FormEvent } from "react";
import { confirmStepAction, startStepAction } from "@/lib/actions/customer";
import { docsLink, type ConfirmableStep } from "@/lib/steps";
import type { ProgressView } from "@/lib/customer/view";
import { verifiedKeys } from "@/lib/customer/verified-keys";
import { setProgress, useProgress } from "./progress-store";
import { LocalTime } from "./local-time";
import { StatusGlyph } from "./status";

function minutesSince(iso: string, now: number): number {
  return Math.max(0, Math.floor((now - new Date(iso).getTime()) / 60_000));
}

function useNow(intervalMs: number, active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    setNow(Date.now());
    const t = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(t);
  }, [intervalMs, active]);
  return now;
}

function useHydrated(): boolean {
  const [h, setH] = useState(false);
  useEffect(() => setH(true), []);
  return h;
}

// One class per element (app/globals.css, .vc-*): the confirmations are in every guide page's HTML.
const BOX = "verify-confirm not-prose";

/**
 * On a server-rendered page (/progress, which passes `initial`) the same progress shows elsewhere on
 * the page: refresh it after a save. Mounted only there (the guide page has nothing to refresh).
 */
function RefreshAfterSave({ tick }: { tick: number }) {
  const router = useRouter();
  useEffect(() => {
    if (tick > 0) router.refresh();
  }, [tick, router]);
  return null;
}

/** The store's progress once loaded, else what the server rendered the page with (no JavaScript). */
function useProgressOr(initial: ProgressView | null | undefined): ProgressView | null {
  const state = useProgress();
  return state.state === "ok" ? state.progress : (initial ?? null);
}

export function ConfirmStep({ step, label, children, initial }: { step: ConfirmableStep; label: string; children?: React.ReactNode; initial?: ProgressView | null }) {
  const uid = useId().replace(/:/g, "");
  const hydrated = useHydrated();
  const [savedTick, setSavedTick] = useState(0);
  const progress = useProgressOr(initial);
  const stepView = progress?.steps[step];
  const confirmed = stepView?.status === "confirmed";
  const [optimistic, setOptimistic] = useState<boolean | null>(null);
  // `confirmed`: what was saved, so "Saved." goes once the tick changes otherwise (a check about other keys undid it).
  const [status, setStatus] = useState<{ kind: "saving" | "saved" | "error"; message?: string; confirmed?: boolean } | null>(null);
  const checked = optimistic ?? confirmed;
  // The tick changed otherwise (a check about other keys undid it, or gave it back): "Saved." is not
  // about it any more.
  useEffect(() => {
    setStatus((s) => (s?.kind === "saved" && s.confirmed !== confirmed ? null : s));
  }, [confirmed]);

  async function save(next: boolean) {
    setOptimistic(next);
    setStatus({ kind: "saving" });
    const data = new FormData();
    data.set("step", step);
    if (next) data.set("confirmed", "on");
    try {
      const r = await confirmStepAction(data);
      if (r.ok) {
        setProgress(r.progress);
        setStatus({ kind: "saved", confirmed: next });
        setSavedTick((n) => n + 1);
      } else {
        setStatus({ kind: "error", message: r.message });
      }
    } catch {
      setStatus({ kind: "error", message: "Could not reach the site. Try again." });
    } finally {
      setOptimistic(null);
    }
  }

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    void save(!checked);
  };

  return (
    <form action="/progress/confirm" method="post" onSubmit={onSubmit} className={BOX} data-confirm-step={step} data-confirmed={checked ? "true" : "false"}>
      {initial && <RefreshAfterSave tick={savedTick} />}
      <input type="hidden" name="step" value={step} />
      <input type="hidden" name="return" value={step} />
      {children}
      <div className="vc-row">
        <input
          id={`${uid}-confirm`}
          type="checkbox"
          name="confirmed"
          value="on"
          checked={checked}
          onChange={(e) => void save(e.target.checked)}
          aria-describedby={`${uid}-when`}
        />
        <label htmlFor={`${uid}-confirm`}>
          I&apos;ve done this: {label}
        </label>
      </div>
      <p id={`${uid}-when`} className="vc-note">
        {confirmed && stepView?.completedAt ? (
          <span className="inline-flex items-center gap-1 text-emerald-800 dark:text-emerald-300">
            <StatusGlyph status="pass" /> Confirmed on <LocalTime iso={stepView.completedAt} />
          </span>
        ) : stepView?.keysChanged ? (
          "You ticked this for other keys: the app or secret verified since is not the one you had entered. Enter the keys verified above in the Codat Portal, then tick it again."
        ) : (
          "Nobody can check this step from outside, so we take your word for it. Tick it when it's done."
        )}
      </p>
      {/* The no-JavaScript Save and, once awake, the saving status share one row of the same height
          (the confirmation does not shrink when it wakes, so the page below it does not move). */}
      <div className="vc-foot">
        {!hydrated && (
          <button type="submit" className="vc-save">
            Save
          </button>
        )}
        <p role="status">{status?.kind === "saving" ? "Saving…" : status?.kind === "saved" && status.confirmed === checked ? "Saved." : ""}</p>
      </div>
      {status?.kind === "error" && (
        <p role="alert" className="mt-1 pl-7 text-sm text-red-800 dark:text-red-300">
          {status.message}
        </p>
      )}
    </form>
  );
}

/**
 * add-keys-to-portal: which keys were verified (client ID, the secret's first 3 characters), to compare
 * with what is entered in the Codat Portal. Only keys that passed: the setup remembers the last client ID
 * and secret entered whatever their result, and a refused secret (the Secret ID, say) must not be shown
 * as the one to enter.
 */
export function VerifiedKeys({ initial }: { initial?: ProgressView | null }) {
  const p = useProgressOr(initial);
  if (!p) return null;
  const { clientId, secretHint: hint, unverified } = verifiedKeys(p);
  if (unverified) {
    return (
      <p className="mb-3 text-sm text-zinc-800 dark:text-zinc-200" data-verified-keys>
        No keys verified yet: verify{" "}
        <a className="underline" href={docsLink("register-application")}>
          the registration
        </a>{" "}
        and{" "}
        <a className="underline" href={docsLink("client-secret")}>
          the client secret
        </a>{" "}
        first, then enter those in the Codat Portal.
      </p>
    );
  }
  if (!clientId && !hint) return null;
  return (
    <p className="mb-3 text-sm text-zinc-800 dark:text-zinc-200" data-verified-keys>
      The keys you verified here:{" "}
      {clientId && (
        <>
          client ID <code className="font-mono text-xs">{clientId}</code>
        </>
      )}
      {clientId && hint && " and "}
      {hint && (
        <>
          a secret starting <code className="font-mono text-xs">{hint}</code>
        </>
      )}
      . Enter the same ones in the Codat Portal.
      {!hint && (
        <>
          {" "}
          The client secret is not verified yet (
          <a className="underline" href={docsLink("client-secret")}>
            verify it
          </a>
          ).
        </>
      )}
    </p>
  );
}

export function ExtensionInstall({ initial }: { initial?: ProgressView | null }) {
  const uid = useId().replace(/:/g, "");
  const hydrated = useHydrated();
  const progress = useProgressOr(initial);
  const view = progress?.steps["extension-installation"];
  const startedAt = view?.startedAt ?? null;
  const finished = view?.status === "confirmed";
  const now = useNow(30_000, !!startedAt && !finished);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function start(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (pending) return;
    setPending(true);
    setError(null);
    const data = new FormData();
    data.set("step", "extension-installation");
    try {
      const r = await startStepAction(data);
      if (r.ok) {
        setProgress(r.progress);
        setSavedTick((n) => n + 1);
      } else setError(r.message);
    } catch {
      setError("Could not reach the site. Try again.");
    } finally {
      setPending(false);
    }
  }

  const [savedTick, setSavedTick] = useState(0);
  const minutes = startedAt ? minutesSince(startedAt, now) : 0;
  return (
    <div data-extension-install>
      <form action="/progress/start" method="post" onSubmit={start} className={BOX}>
        {initial && <RefreshAfterSave tick={savedTick} />}
        <input type="hidden" name="step" value="extension-installation" />
        <p className="text-sm text-zinc-800 dark:text-zinc-200">
          <strong>Linking a test company?</strong> App Link usually takes <strong>10–20 minutes</strong> to install. The page may reload several times, and data fetches that run before it is ready may fail: that doesn&apos;t mean your setup is wrong. If they go on after it has finished, contact Codat support.
        </p>
        {startedAt ? (
          <p className="mt-2 text-sm text-zinc-900 dark:text-zinc-100" data-install-started={startedAt} aria-live="polite">
            <StatusGlyph status={finished ? "pass" : "running"} className="mr-1 inline" />
            {finished ? "Installed. " : ""}You started the install{" "}
            <span suppressHydrationWarning>{minutes < 1 ? "less than a minute ago" : `${minutes} minute${minutes === 1 ? "" : "s"} ago`}</span> (<LocalTime iso={startedAt} />).
            {!finished && minutes >= 25 && (
              <span className="mt-1 block text-amber-900 dark:text-amber-200">
                That is longer than usual. Check the extension page in Business Central: if App Link shows an error, or isn&apos;t listed, start the link again or contact Codat support with your report link.
              </span>
            )}
            {!finished && minutes < 25 && minutes >= 10 && <span className="block text-zinc-700 dark:text-zinc-300">Nearly there: most installs finish within 20 minutes.</span>}
          </p>
        ) : (
          <button
            type="submit"
            aria-disabled={pending || undefined}
            className="vc-start"
          >
            I&apos;ve started the install
          </button>
        )}
        {error && (
          <p role="alert" id={`${uid}-err`} className="mt-2 text-sm text-red-800 dark:text-red-300">
            {error}
          </p>
        )}
        {!hydrated && <span className="sr-only">Starts a timer so you can see how long the install has been running.</span>}
      </form>
      <ConfirmStep step="extension-installation" label="App Link finished installing (or my customers know what to expect)" initial={initial} />
    </div>
  );
}
