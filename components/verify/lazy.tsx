"use client";
// Lazy hydration of the guide page's interactive parts (issue 13): the "Verify my setup" panels, the
// confirmations and the progress bar. The server renders each part in full, in place, as real HTML
// forms that post to the no-JavaScript routes. In the browser the part's code is a chunk of its own,
// fetched only when the part comes near the viewport (IntersectionObserver, 400 px ahead) or the
// reader touches it (focus, pointer over or down, a key); the progress bar, always in view, wakes when
// touched, when the browser has a setup (marker cookie) or once a panel is awake. Watching starts as
// this module is loaded, before the page has hydrated (islands-early.ts): a part already near the
// viewport then has its code on the way while the page hydrates.
//
// How: while asleep, the browser-side wrapper renders its <div> with an empty dangerouslySetInnerHTML,
// so React neither hydrates nor touches the server's HTML inside it (its forms keep working as plain
// HTML). Awake, the part is rendered in the browser in place of that HTML, and what the reader had
// typed or ticked there (and where the focus and caret were) is put back before the part's own effects
// read it (use-form-fields.ts takes it as typed). A submit made while the code is on its way is held
// (a window capture listener, ahead of React's) and sent through the part's own handler once it is
// there; if the code has not come within 8 s the form is posted as plain HTML.
//
// (Not a Suspense boundary around the part: React outlines completed boundaries of more than 500 bytes
// once 12.8 kB of the page went out, and an outlined boundary needs a script to be shown at all.)
import { createElement, useEffect, useLayoutEffect, useRef, useState, type ComponentProps, type ComponentType } from "react";
import { flushSync } from "react-dom";
import {
  byElement,
  formByKey,
  formKeys,
  ISLAND,
  loadConfirm,
  loadProgressBar,
  loadVerifyStep,
  isNear,
  // A performance mark per step of the first wake-up (page hydrated, part opened, chunk came, part
  // awake): the e2e tests and `npm run bench -- page` read them.
  markOnce as mark,
  observe,
  startEarly,
  touchedEarly,
  unobserve,
  wakeListeners,
  type Gate,
  type IslandKind,
  type Loader,
} from "./islands-early";
import { hasSetupMarker } from "./setup-marker";


// ---- what the reader did in the server's HTML, carried into the part -------------------------------

type Control = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

/** A control's place in the part: its form's place (formKeys), its name and which of those. */
function keysOf(root: Element): Map<Control, string> {
  const out = new Map<Control, string>();
  const formKey = formKeys(root);
  const seen: Record<string, number> = {};
  for (const el of Array.from(root.querySelectorAll<Control>("input[name], textarea[name], select[name]"))) {
    if (el instanceof HTMLInputElement && el.type === "hidden") continue;
    const base = `${(el.form && formKey.get(el.form)) ?? "-"}/${el.name}`;
    const radio = el instanceof HTMLInputElement && (el.type === "checkbox" || el.type === "radio");
    const k = radio ? `${base}=${(el as HTMLInputElement).value}` : base;
    out.set(el, `${k}@${(seen[k] = (seen[k] ?? -1) + 1)}`);
  }
  return out;
}

interface Snapshot {
  values: Map<string, { value?: string; checked?: boolean }>;
  focus: { key: string; start: number | null; end: number | null } | null;
}

function snapshot(root: Element): Snapshot {
  const values = new Map<string, { value?: string; checked?: boolean }>();
  let focus: Snapshot["focus"] = null;
  for (const [el, key] of keysOf(root)) {
    if (el instanceof HTMLInputElement && (el.type === "checkbox" || el.type === "radio")) {
      if (el.checked !== el.defaultChecked) values.set(key, { checked: el.checked });
    } else if (el instanceof HTMLSelectElement) {
      values.set(key, { value: el.value });
    } else if (el.value !== el.defaultValue) {
      values.set(key, { value: el.value });
    }
    if (document.activeElement === el) {
      let start: number | null = null;
      let end: number | null = null;
      try {
        start = (el as HTMLInputElement).selectionStart;
        end = (el as HTMLInputElement).selectionEnd;
      } catch {
        // no caret in this kind of input
      }
      focus = { key, start, end };
    }
  }
  return { values, focus };
}

function restore(root: Element, snap: Snapshot): void {
  for (const [el, key] of keysOf(root)) {
    const v = snap.values.get(key);
    if (v?.checked !== undefined && el instanceof HTMLInputElement) {
      // A click, not a property: the part's own handler hears it (a confirmation saves, a radio counts
      // as chosen), as it would have heard the reader's.
      if (el.checked !== v.checked && (v.checked || el.type === "checkbox")) el.click();
    } else if (v?.value !== undefined) el.value = v.value;
    if (snap.focus?.key === key) {
      el.focus({ preventScroll: true });
      if (snap.focus.start !== null && "setSelectionRange" in el) {
        try {
          (el as HTMLInputElement).setSelectionRange(snap.focus.start, snap.focus.end ?? snap.focus.start);
        } catch {
          // not a text input
        }
      }
    }
  }
}

// ---- waking up -------------------------------------------------------------------------------------

interface IslandOptions {
  /** Wake when the part comes within 400 px of the viewport (else only when touched or as below). */
  near: boolean;
  /** Also wake right away when this says so (asked once, after the page hydrated). */
  eager?: () => boolean;
  /** Also wake when any other part wakes. */
  withOthers?: boolean;
}

// Parts whose code came in the same moment are put in the page one per task, the touched or held one
// first: the reader's input is not kept waiting behind every other part near the viewport.
const mounts: (() => void)[] = [];
let mounting = false;
function mountSoon(urgent: boolean, run: () => void): void {
  if (urgent) mounts.unshift(run);
  else mounts.push(run);
  if (mounting) return;
  mounting = true;
  const next = () => {
    mounts.shift()?.();
    if (mounts.length > 0) setTimeout(next, 0);
    else mounting = false;
  };
  next();
}

function Island<P extends object>({ kind, load, server, pick, props, options }: { kind: IslandKind; load: Loader<unknown>; server: (() => unknown) | undefined; pick: (m: unknown) => ComponentType<P>; props: P; options: IslandOptions }) {
  const ref = useRef<HTMLDivElement>(null);
  const [mod, setMod] = useState<unknown>(null);
  const carried = useRef<Snapshot | null>(null);
  const gateRef = useRef<Gate | null>(null);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    let alive = true;
    const cleanups: (() => void)[] = [];
    const gate: Gate = {
      opened: false,
      awake: false,
      near: options.near,
      held: null,
      open: () => {
        if (gate.opened) return;
        gate.opened = true;
        mark("open");
        unobserve(el);
        cleanups.forEach((c) => c());
        load().then(
          (m) => {
            if (!alive) return;
            mark("chunk");
            const urgent = gate.held !== null || touchedEarly.has(el) || el.contains(document.activeElement);
            mountSoon(urgent, () => {
              if (!alive) return;
              carried.current = snapshot(el);
              flushSync(() => setMod(() => m));
            });
          },
          () => {
            // The chunk did not come: the server's HTML forms stay, and still work.
          },
        );
      },
    };
    gateRef.current = gate;
    byElement.set(el, gate);
    // A reader who pointed at or moved into the part before the page hydrated: seen by the listeners
    // (islands-early.ts) if it happened after this module loaded; before that, no new pointerover or
    // focusin will come, so being under the pointer or holding the focus counts as a touch now.
    mark("hydrated");
    const touched = touchedEarly.has(el) || el.contains(document.activeElement) || el.matches(":hover");
    // Already near the viewport (a reader who scrolled before the page hydrated, or a part near the
    // top): opened now. The shared observer has usually said so already (islands-early.ts isNear).
    const near = options.near && isNear(el);
    if (touched || options.eager?.() || near) gate.open();
    else {
      if (options.near) {
        observe(el);
        cleanups.push(() => unobserve(el));
      }
      if (options.withOthers) {
        const l = (other: Gate) => other !== gate && gate.open();
        wakeListeners.add(l);
        cleanups.push(() => wakeListeners.delete(l));
      }
    }
    return () => {
      alive = false;
      cleanups.forEach((c) => c());
    };
    // The options are constants of each wrapper below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [load]);

  // The part is in the page now (its children's layout effects ran; their passive effects, which read
  // the forms, have not): put back what the reader had typed, then mark it awake.
  useLayoutEffect(() => {
    const el = ref.current;
    const gate = gateRef.current;
    if (!mod || !el || !gate) return;
    if (carried.current) restore(el, carried.current);
    carried.current = null;
    gate.awake = true;
    el.setAttribute("data-hydrated", "");
    mark("awake");
    // The parts that wake with others (the progress bar) are asked for once this one is in place: its
    // chunk does not compete with this part's.
    for (const l of wakeListeners) l(gate);
    const held = gate.held;
    gate.held = null;
    if (held) {
      // Once the part's effects have run (its idempotency key, its tabs): through its own handler.
      setTimeout(() => {
        const form = formByKey(el, held.form);
        const button = held.submitter ? Array.from(form?.querySelectorAll("button[type=submit]") ?? []).find((b) => b.textContent === held.submitter) : undefined;
        form?.requestSubmit((button as HTMLButtonElement | undefined) ?? undefined);
      }, 50);
    }
  }, [mod]);

  // The module's own export: the same component on every render.
  const part = typeof window === "undefined" ? pick(server?.()) : mod ? pick(mod) : null;
  return part ? (
    <div ref={ref} {...{ [ISLAND]: kind }}>
      {createElement(part, props)}
    </div>
  ) : (
    // Asleep: React leaves the server's HTML inside alone.
    <div ref={ref} {...{ [ISLAND]: kind }} dangerouslySetInnerHTML={{ __html: "" }} suppressHydrationWarning />
  );
}

// ---- the guide page's parts ----------------------------------------------------------------------

type VerifyStepModule = typeof import("./verify-step");
type ProgressBarModule = typeof import("./progress-bar");
type ConfirmModule = typeof import("./confirm-step");

// The server renders the parts in place, so it needs them synchronously: require() inside
// `typeof window === "undefined"`, which Next replaces by `false` in browser bundles and drops, so
// the parts stay out of the page's chunks there (only the import()s below reach them). Plain Node
// (vitest renders the guide too) has no require() for .tsx: there the import() started when this
// file was loaded has finished by then (tests await serverPartsLoaded), and its value is used.
type Settled<T> = Promise<T> & { status?: "fulfilled" | "rejected"; value?: T; reason?: unknown };
function settled<T>(p: Promise<T>): Settled<T> {
  const s = p as Settled<T>;
  p.then(
    (v) => Object.assign(s, { status: "fulfilled", value: v }),
    (e: unknown) => Object.assign(s, { status: "rejected", reason: e }),
  );
  return s;
}
function serverPart<T>(req: () => T, imported: Settled<T>): () => T {
  return () => {
    try {
      return req();
    } catch (e) {
      if (imported.status === "fulfilled") return imported.value as T;
      throw e;
    }
  };
}
const serverImports =
  typeof window === "undefined" ? { verifyStep: settled(import("./verify-step")), progressBar: settled(import("./progress-bar")), confirm: settled(import("./confirm-step")) } : null;
/** Plain Node (tests) that renders the parts waits for this first. */
export const serverPartsLoaded: Promise<unknown> = serverImports ? Promise.all(Object.values(serverImports)) : Promise.resolve();
/* eslint-disable @typescript-eslint/no-require-imports */
const SERVER =
  typeof window === "undefined"
    ? {
        verifyStep: serverPart(() => require("./verify-step") as VerifyStepModule, serverImports!.verifyStep),
        progressBar: serverPart(() => require("./progress-bar") as ProgressBarModule, serverImports!.progressBar),
        confirm: serverPart(() => require("./confirm-step") as ConfirmModule, serverImports!.confirm),
      }
    : null;
/* eslint-enable @typescript-eslint/no-require-imports */

const signInReturn = () => new URLSearchParams(window.location.search).has("signin");
const PANEL: IslandOptions = { near: true, eager: signInReturn };
const pickVerifyStep = (m: unknown) => (m as VerifyStepModule).VerifyStep;
const pickConfirmStep = (m: unknown) => (m as ConfirmModule).ConfirmStep;
const pickExtensionInstall = (m: unknown) => (m as ConfirmModule).ExtensionInstall;
const pickVerifiedKeys = (m: unknown) => (m as ConfirmModule).VerifiedKeys;
const pickProgressBar = (m: unknown) => (m as ProgressBarModule).ProgressBar;

export function LazyVerifyStep(props: ComponentProps<VerifyStepModule["VerifyStep"]>) {
  return <Island kind="verify" load={loadVerifyStep} server={SERVER?.verifyStep} pick={pickVerifyStep} props={props} options={PANEL} />;
}

export function LazyConfirmStep(props: ComponentProps<ConfirmModule["ConfirmStep"]>) {
  return <Island kind="confirm" load={loadConfirm} server={SERVER?.confirm} pick={pickConfirmStep} props={props} options={PANEL} />;
}

export function LazyExtensionInstall(props: ComponentProps<ConfirmModule["ExtensionInstall"]>) {
  return <Island kind="confirm" load={loadConfirm} server={SERVER?.confirm} pick={pickExtensionInstall} props={props} options={PANEL} />;
}

export function LazyVerifiedKeys(props: ComponentProps<ConfirmModule["VerifiedKeys"]>) {
  return <Island kind="confirm" load={loadConfirm} server={SERVER?.confirm} pick={pickVerifiedKeys} props={props} options={PANEL} />;
}

/** The progress bar is always in view: it wakes when touched, when the browser has a setup, or with a panel. */
export function LazyProgressBar(props: ComponentProps<ProgressBarModule["ProgressBar"]>) {
  return <Island kind="progress" load={loadProgressBar} server={SERVER?.progressBar} pick={pickProgressBar} props={props} options={{ near: false, eager: hasSetupMarker, withOthers: true }} />;
}

// Before the page has hydrated: chunks of the parts near the viewport asked for now (islands-early.ts).
startEarly();
