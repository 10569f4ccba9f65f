// <Copy value="…" label="redirect URI" /> — an exact value shown as code with a one-click copy button.
// Use it for anything a reader must paste somewhere exactly (URIs, GUIDs, names).
import { CopyButton } from "./copy-button";

export function Copy({ value, label }: { value: string; label?: string }) {
  return (
    <span className="copy-value not-prose inline-flex max-w-full items-center gap-1 align-middle">
      <code className="rounded-md border border-zinc-200 bg-zinc-50 px-1.5 py-0.5 font-mono text-[0.85em] break-all text-zinc-900 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100">
        {value}
      </code>
      <CopyButton text={value} label={label ? `Copy ${label}` : `Copy ${value}`} />
    </span>
  );
}
