"use client";
// The resume link: opens the same progress on another device (it sets the cookie there). Shown as a
// read-only field that can be selected by hand, with a copy button.
import { CopyLinkButton } from "./copy-link";

export function ResumeLink({ url, id }: { url: string; id: string }) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-semibold text-zinc-900 dark:text-zinc-100">
        Continue on another device
      </label>
      <p id={`${id}-help`} className="text-xs text-zinc-600 dark:text-zinc-400">
        Open this link there (or send it to a colleague): it brings back this progress. Anyone with the link can see and change this progress, so share it only with people you trust.
      </p>
      <div className="mt-1 flex items-center gap-2">
        <input
          id={id}
          readOnly
          value={url}
          aria-describedby={`${id}-help`}
          onFocus={(e) => e.currentTarget.select()}
          className="block w-full min-w-0 rounded-md border border-zinc-300 bg-zinc-50 px-2.5 py-1.5 font-mono text-xs text-zinc-900 dark:border-zinc-600 dark:bg-zinc-900 dark:text-zinc-100"
          data-resume-link
        />
        <CopyLinkButton url={url} label="Copy resume link" />
      </div>
    </div>
  );
}
