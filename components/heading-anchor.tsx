"use client";
// The "#" link beside a heading: follows the link (so the address bar has the section) and copies the
// full URL of the section to the clipboard, announcing it for screen readers.
import { useState } from "react";
import { copyText } from "./copy-button";
import { LinkIcon } from "./icons";

export function HeadingAnchor({ id, title }: { id: string; title: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <a
      href={`#${id}`}
      aria-label={`Link to section: ${title} (copies the link)`}
      className="heading-anchor"
      onClick={async () => {
        const url = `${window.location.origin}${window.location.pathname}#${id}`;
        if (await copyText(url)) {
          setCopied(true);
          setTimeout(() => setCopied(false), 2000);
        }
      }}
    >
      <LinkIcon />
      <span role="status" aria-live="polite" className={copied ? "ml-1 rounded bg-zinc-900 px-1.5 py-0.5 text-xs font-normal text-white dark:bg-zinc-100 dark:text-zinc-900" : "sr-only"}>
        {copied ? "Link copied" : ""}
      </span>
    </a>
  );
}
