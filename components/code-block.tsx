// Code blocks (highlighted at build time by shiki) with an optional title bar and a copy button (plain
// HTML, served by components/prose-actions.tsx).
import type { ComponentProps } from "react";
import { StaticCopyButton as CopyButton } from "./prose-static";

type PreProps = ComponentProps<"pre"> & { "data-title"?: string; "data-language"?: string };

export function CodeBlock({ children, ...props }: PreProps) {
  const title = props["data-title"];
  const language = props["data-language"];
  const label = title ? `Copy ${title.charAt(0).toLowerCase()}${title.slice(1)}` : "Copy code";
  return (
    <div data-code-block className="code-block not-prose group">
      {title ? (
        <div className="code-title">
          <span>{title}</span>
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
