// The guide page's lazy parts (components/verify/lazy.tsx): what happens before the page has hydrated.
//
// A part can wake only once the page has hydrated (its gate is made in an effect), and hydrating the
// page is the longest part of a load on a slow phone. This module is evaluated when React first
// renders a part, as hydration starts (lazy.tsx calls startEarly() when it is loaded): from then on, a
// part near the viewport, or touched, has its chunk asked for at once, and one IntersectionObserver
// watches the others. When the page has hydrated and the part's gate exists, its code is there or on
// its way, and it wakes without waiting for another round trip.
//
// (Not from instrumentation-client.ts, which Next runs even earlier: that runs in a layer of its own,
// where the parts' server actions do not compile, and its import() would load a copy of the parts
// that lazy.tsx never uses.)
import { hasSetupMarker } from "./setup-marker";

type VerifyStepModule = typeof import("./verify-step");
type ProgressBarModule = typeof import("./progress-bar");
type ConfirmModule = typeof import("./confirm-step");

export type Loader<M> = () => Promise<M>;

export interface Gate {
  open: () => void;
  opened: boolean;
  awake: boolean;
  /** Wakes when it comes near the viewport. */
  near: boolean;
  /** A form submitted while the part was asleep: its place among the part's forms. */
  held: { form: string; submitter: string | null } | null;
}

export const ISLAND = "data-island";
/** Which part a server-rendered wrapper holds (its data-island value): what to fetch for it before the page hydrates. */
export type IslandKind = "verify" | "confirm" | "progress";

/** Within `margin` px of the viewport now (the IntersectionObserver would say so one frame later). */
function nearViewport(el: Element, margin: number): boolean {
  const r = el.getBoundingClientRect();
  return (r.width > 0 || r.height > 0) && r.bottom > -margin && r.top < window.innerHeight + margin;
}
const HOLD_MS = 8000;
const NEAR_PX = 400;
export const byElement = new WeakMap<Element, Gate>();
export const wakeListeners = new Set<(g: Gate) => void>();
/** Parts the reader touched (pointer, focus, key) before the page hydrated. */
export const touchedEarly = new WeakSet<Element>();
/** What the shared IntersectionObserver last said of each part: near the viewport or not. */
const nearNow = new WeakMap<Element, { near: boolean; at: number }>();
/** When the page last scrolled (a scroll event is dispatched before the observer's report of that frame). */
let scrolledAt = -1;

/**
 * Near the viewport now: the observer's report when none came after it (no layout read), else measured
 * (getBoundingClientRect, which brings style and layout up to date first).
 */
export function isNear(el: Element): boolean {
  const seen = nearNow.get(el);
  if (seen && seen.at >= scrolledAt) return seen.near;
  return nearViewport(el, NEAR_PX);
}

/** Once per page, the moment something first happened (read by the e2e tests and `npm run bench -- page`). */
const marked = new Set<string>();
export function markOnce(name: string): void {
  if (marked.has(name)) return;
  marked.add(name);
  performance.mark?.(`island:${name}`);
}

/** Asks for a part's chunk ahead of its waking (the bundler fetches and evaluates each chunk once). */
function prefetch(el: Element): void {
  const kind = el.getAttribute(ISLAND) as IslandKind | null;
  const load = kind ? LOADERS[kind] : undefined;
  if (!load) return;
  markOnce("asked-early");
  load().catch(() => undefined);
}

let observer: IntersectionObserver | null = null;
export function observe(el: Element): void {
  if (!("IntersectionObserver" in window)) return;
  observer ??= new IntersectionObserver(
    (entries) => {
      for (const e of entries) {
        nearNow.set(e.target, { near: e.isIntersecting, at: e.time });
        if (!e.isIntersecting) continue;
        const g = byElement.get(e.target);
        if (!g) prefetch(e.target);
        else if (g.near && !g.opened) g.open();
      }
    },
    { rootMargin: `${NEAR_PX}px 0px ${NEAR_PX}px 0px` },
  );
  observer.observe(el);
}
export function unobserve(el: Element): void {
  observer?.unobserve(el);
}

/** A form's kind in a part: where it posts and its mode. */
function formKind(form: HTMLFormElement): string {
  return `${form.getAttribute("action") ?? ""}|${form.dataset.mode ?? ""}`;
}

/**
 * Every form's place in its part (its kind, and which of that kind), in one pass: the same for the
 * server's form and the one that replaces it when the part is mounted anew, so a held submit (below)
 * and what was typed (lazy.tsx) find their form again.
 */
export function formKeys(root: Element): Map<HTMLFormElement, string> {
  const seen: Record<string, number> = {};
  const out = new Map<HTMLFormElement, string>();
  for (const f of Array.from(root.querySelectorAll("form"))) {
    const k = formKind(f);
    out.set(f, `${k}#${(seen[k] = (seen[k] ?? -1) + 1)}`);
  }
  return out;
}

/** One form's place in its part (formKeys), or null when it is not in `root`. */
export function formKeyOf(root: Element, form: HTMLFormElement): string | null {
  return formKeys(root).get(form) ?? null;
}

/** The form of `root` at that place (formKeyOf's inverse). */
export function formByKey(root: Element, key: string): HTMLFormElement | null {
  const at = key.lastIndexOf("#");
  const [k, i] = [key.slice(0, at), Number(key.slice(at + 1))];
  return Array.from(root.querySelectorAll("form")).filter((f) => formKind(f) === k)[i] ?? null;
}

// One set of window listeners for every part (installed once, by startEarly): the capture phase on
// window runs before React's own.
function listen(): void {
  const wake = (e: Event) => {
    const el = (e.target as Element | null)?.closest?.(`[${ISLAND}]`);
    if (!el) return;
    const g = byElement.get(el);
    if (g) {
      if (!g.opened) g.open();
    } else if (!touchedEarly.has(el)) {
      // Before the page hydrated: remembered (it wakes as soon as it can) and its code asked for now.
      touchedEarly.add(el);
      prefetch(el);
    }
  };
  for (const type of ["focusin", "pointerdown", "pointerover", "keydown"]) window.addEventListener(type, wake, { capture: true, passive: true });
  window.addEventListener(
    "submit",
    (e) => {
      const form = e.target as HTMLFormElement;
      const el = form.closest?.(`[${ISLAND}]`);
      const g = el && byElement.get(el);
      if (!el || !g || g.awake) return;
      const key = formKeyOf(el, form);
      if (!key) return;
      e.preventDefault();
      e.stopImmediatePropagation();
      const submitter = (e as SubmitEvent).submitter;
      g.held = { form: key, submitter: submitter?.textContent ?? null };
      g.open();
      setTimeout(() => {
        // The code did not come: post the form as plain HTML (the no-JavaScript route).
        if (g.held?.form === key && !g.awake) {
          g.held = null;
          if (form.isConnected) HTMLFormElement.prototype.submit.call(form);
        }
      }, HOLD_MS);
    },
    { capture: true },
  );
}

export const loadVerifyStep: Loader<VerifyStepModule> = () => import("./verify-step");
export const loadProgressBar: Loader<ProgressBarModule> = () => import("./progress-bar");
export const loadConfirm: Loader<ConfirmModule> = () => import("./confirm-step");
const LOADERS: Record<IslandKind, Loader<unknown>> = { verify: loadVerifyStep, confirm: loadConfirm, progress: loadProgressBar };

/**
 * Called when lazy.tsx is loaded, before the page has hydrated: the listeners now, and once the
 * document is parsed, the parts near the viewport have their chunks asked for and the observer watches
 * the rest. A browser that already has a setup wakes the progress bar at once: its code is asked for
 * now too. Safe to call more than once.
 */
let started = false;
export function startEarly(): void {
  if (started || typeof window === "undefined") return;
  started = true;
  listen();
  window.addEventListener("scroll", () => (scrolledAt = performance.now()), { capture: true, passive: true });
  const start = () => {
    // Not measured here: a layout read now would force the page's style and layout in the middle of
    // its hydration (≈ 40 ms at 4× CPU). The observer's first report comes with the next frame, and
    // React yields to the browser often enough while it hydrates for that to come early.
    for (const el of Array.from(document.querySelectorAll(`[${ISLAND}]`))) {
      const kind = el.getAttribute(ISLAND);
      if (kind === "verify" || kind === "confirm") observe(el);
    }
    markOnce("watching");
    if (hasSetupMarker()) LOADERS.progress().catch(() => undefined);
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start, { once: true });
  else start();
}
