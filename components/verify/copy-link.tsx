"use client";
// "Copy link for support": the visible words are the accessible name. Rendered only once JavaScript
// runs (without it the link sits in a read-only field next to it, ready to select and copy).
import { useEffect, useState } from "react";
import { copyText } from "../copy-button";
import { CheckIcon, CopyIcon } from "../icons";

export function CopyLinkButton({ url, label = "Copy link for support" }: { url: string; label?: string }) {
  const [ready, setReady] = useState(false);
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  useEffect(() => setReady(true), []);
  useEffect(() => {
    if (state === "idle") return;
    const t = setTimeout(() => setState("idle"), 2500);
    return () => clearTimeout(t);
  }, [state]);
  if (!ready) return null;
  const absolute = new URL(url, window.location.origin).href;
  return (
    <>
      <button
        type="button"
        onClick={async () => setState((await copyText(absolute)) ? "copied" : "failed")}
        data-copy-state={state}
        className="inline-flex shrink-0 items-center gap-1 rounded-md border border-zinc-300 bg-white px-2 py-1 text-xs font-semibold text-zinc-800 hover:bg-zinc-100 dark:border-zinc-600 dark:bg-zinc-800 dark:text-zinc-100 dark:hover:bg-zinc-700"
      >
        {state === "copied" ? <CheckIcon className="text-emerald-600 dark:text-emerald-400" /> : <CopyIcon />}
        {label}
      </button>
      <span className="sr-only" role="status">
        {state === "copied" ? "Link copied" : state === "failed" ? "Could not copy; select the link and copy it by hand" : ""}
      </span>
    </>
  );
}
