"use client";
// Copies text to the clipboard: the given `text`, or else the text of the nearest code block.
// Announces the result politely for screen readers and shows a tick for two seconds.
import { useEffect, useRef, useState } from "react";
import { CheckIcon, CopyIcon } from "./icons";

export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Older browsers or an insecure context: fall back to a hidden textarea.
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    const ok = document.execCommand("copy");
    area.remove();
    return ok;
  }
}

export function CopyButton({
  text,
  label = "Copy",
  className = "",
  showText = false,
}: {
  text?: string;
  label?: string;
  className?: string;
  showText?: boolean;
}) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  const ref = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (state === "idle") return;
    const t = setTimeout(() => setState("idle"), 2000);
    return () => clearTimeout(t);
  }, [state]);

  const onClick = async () => {
    let value = text;
    if (value === undefined) {
      const pre = ref.current?.closest("[data-code-block]")?.querySelector("pre");
      value = (pre?.textContent ?? "").replace(/\n$/, "");
    }
    setState((await copyText(value)) ? "copied" : "failed");
  };

  return (
    <button
      ref={ref}
      type="button"
      onClick={onClick}
      aria-label={label}
      title={label}
      data-copy-state={state}
      className={className ? `copy-button ${className}` : "copy-button"}
    >
      {state === "copied" ? <CheckIcon className="text-emerald-600 dark:text-emerald-400" /> : <CopyIcon />}
      {showText && <span aria-hidden="true">{state === "copied" ? "Copied" : "Copy"}</span>}
      <span className="sr-only" role="status" aria-live="polite">
        {state === "copied" ? "Copied to clipboard" : state === "failed" ? "Could not copy; select the text and copy it by hand" : ""}
      </span>
    </button>
  );
}
