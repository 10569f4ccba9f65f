"use client";
// "Track my progress": optional company name and email, then the setup exists and the browser keeps
// it (cookie). Posts to /progress/track without JavaScript.
import { useId, useRef, useState, type FormEvent } from "react";
import { trackProgressAction } from "@/lib/actions/customer";
import { setProgress } from "./progress-store";

export function TrackProgressForm({ onDone, compact = false, initial }: { onDone?: () => void; compact?: boolean; initial?: { companyName?: string | null; contactEmail?: string | null } }) {
  const uid = useId().replace(/:/g, "");
  const [error, setError] = useState<{ message: string; field?: string | undefined } | null>(null);
  const [pending, setPending] = useState(false);
  const [done, setDone] = useState(false);
  const emailRef = useRef<HTMLInputElement>(null);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (pending) return;
    setPending(true);
    setError(null);
    try {
      const r = await trackProgressAction(new FormData(e.currentTarget));
      if (r.ok) {
        setProgress(r.progress);
        setDone(true);
        onDone?.();
      } else {
        setError({ message: r.message, field: r.field });
        if (r.field === "contactEmail") emailRef.current?.focus();
      }
    } catch {
      setError({ message: "Could not reach the site. Try again." });
    } finally {
      setPending(false);
    }
  }

  const emailError = error?.field === "contactEmail" ? error.message : null;
  const input =
    "mt-1 block w-full rounded-md border border-zinc-300 bg-white px-2.5 py-1.5 text-sm text-zinc-900 focus:outline-none focus-visible:ring-2 focus-visible:ring-violet-600 dark:border-zinc-600 dark:bg-zinc-950 dark:text-zinc-100";
  return (
    <form action="/progress/track" method="post" onSubmit={onSubmit} noValidate className={compact ? "" : "max-w-md"} aria-label="Track my progress">
      <p className="text-sm text-zinc-700 dark:text-zinc-300">
        We keep your progress on this device (a cookie) and give you a link to continue on another one. Both fields are optional: they only help Codat support find your setup if you ask for help.
      </p>
      <div className="mt-3 grid gap-3 sm:grid-cols-2">
        <div>
          <label htmlFor={`${uid}-company`} className="block text-sm font-semibold text-zinc-900 dark:text-zinc-100">
            Company name <span className="font-normal text-zinc-600 dark:text-zinc-400">(optional)</span>
          </label>
          <input id={`${uid}-company`} name="companyName" autoComplete="organization" maxLength={200} defaultValue={initial?.companyName ?? ""} className={input} />
        </div>
        <div>
          <label htmlFor={`${uid}-email`} className="block text-sm font-semibold text-zinc-900 dark:text-zinc-100">
            Email <span className="font-normal text-zinc-600 dark:text-zinc-400">(optional)</span>
          </label>
          <input
            ref={emailRef}
            id={`${uid}-email`}
            name="contactEmail"
            type="email"
            autoComplete="email"
            maxLength={320}
            defaultValue={initial?.contactEmail ?? ""}
            aria-invalid={emailError ? true : undefined}
            aria-describedby={emailError ? `${uid}-email-error` : undefined}
            className={`${input} ${emailError ? "border-red-500" : ""}`}
          />
          {emailError && (
            <p id={`${uid}-email-error`} className="mt-1 text-sm text-red-800 dark:text-red-300">
              Error: {emailError}
            </p>
          )}
        </div>
      </div>
      <div className="mt-3 flex flex-wrap items-center gap-3">
        <button
          type="submit"
          aria-disabled={pending || undefined}
          className="rounded-md bg-violet-700 px-3 py-1.5 text-sm font-semibold text-white hover:bg-violet-800 aria-disabled:opacity-70 dark:bg-violet-600 dark:hover:bg-violet-500"
        >
          {initial ? "Save details" : "Track my progress"}
        </button>
        <span role="status" className="text-sm text-zinc-700 dark:text-zinc-300">
          {pending ? "Saving…" : done ? "Saved." : ""}
        </span>
      </div>
      {error && !emailError && (
        <p role="alert" className="mt-2 text-sm text-red-800 dark:text-red-300">
          {error.message}
        </p>
      )}
    </form>
  );
}
