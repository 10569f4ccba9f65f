import "client-only";
// The customer's progress in the browser: loaded once after hydration (the guide page itself stays
// static), shared by the progress bar and every panel on the page without a provider, and replaced
// by whatever a later action returns. A visitor without a setup (no marker cookie) costs no request.
import { useEffect, useSyncExternalStore } from "react";
import { loadProgress } from "@/lib/actions/customer";
import type { ProgressLoad, ProgressView } from "@/lib/customer/view";
import { hasSetupMarker } from "./setup-marker";

export type ProgressState = { state: "loading" } | ProgressLoad;

let current: ProgressState = { state: "loading" };
let started = false;
const listeners = new Set<() => void>();

function emit(next: ProgressState) {
  current = next;
  for (const l of listeners) l();
}

export function setProgress(progress: ProgressView | null) {
  if (progress) emit({ state: "ok", progress });
}

export async function reloadProgress(): Promise<void> {
  try {
    emit(await loadProgress());
  } catch {
    emit({ state: "unavailable", message: "Could not reach the site to load your progress." });
  }
}

function subscribe(l: () => void) {
  listeners.add(l);
  return () => listeners.delete(l);
}

const serverSnapshot: ProgressState = { state: "loading" };

/** The progress, loading it on first use. */
export function useProgress(): ProgressState {
  const state = useSyncExternalStore(subscribe, () => current, () => serverSnapshot);
  useEffect(() => {
    if (!started) {
      started = true;
      // No marker cookie: this browser never started a setup, so there is nothing to load (no request).
      if (hasSetupMarker()) void reloadProgress();
      else emit({ state: "none" });
    }
  }, []);
  return state;
}
