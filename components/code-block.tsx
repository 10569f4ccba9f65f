// Code blocks (highlighted at build time by shiki) with an optional title bar and a copy button.
import type { ComponentProps } from "react";
import { CopyButton } from "./copy-button";

type PreProps = ComponentProps<"pre"> & { "data-title"?: string; "data-language"?: string };

export function CodeBlock({ children, ...props }: PreProps) {
  const title = props["data-title"];
  const language = props["data-language"];
  const label = title ? `Copy ${title.charAt(0).toLowerCase()}${title.slice(1)}` : "Copy code";
  return (
    <div data-code-block className="code-block not-prose group relative my-5 overflow-hidden rounded-lg border border-zinc-200 dark:border-zinc-700">
      {title ? (
        <div className="flex items-center justify-between gap-3 border-b border-zinc-200 bg-zinc-50 px-3 py-1.5 dark:border-zinc-700 dark:bg-zinc-900">
          <span className="truncate text-xs font-medium text-zinc-700 dark:text-zinc-300">{title}</span>
          <CopyButton label={label} showText />
        </div>
      ) : (
        <CopyButton label={label} className="absolute right-2 top-2 z-10" />
      )}
      <pre {...props} data-language={language} className={`${props.className ?? ""} overflow-x-auto p-4 text-[0.8125rem] leading-relaxed ${title ? "" : "pr-12"}`}>
        {children}
      </pre>
    </div>
  );
}
