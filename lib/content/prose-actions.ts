// The decisions of the guide prose's delegated listener (components/prose-actions.tsx), without the DOM.

export interface ClickLike {
  button: number;
  metaKey: boolean;
  ctrlKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
  defaultPrevented: boolean;
}

/**
 * Whether a click on an internal prose link should navigate client-side (as next/link does): a plain
 * primary click on a same-origin link that opens in this tab and is not a download.
 */
export function clientNavigates(e: ClickLike, link: { href: string; target: string | null; download: boolean }, origin: string): boolean {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return false;
  if (link.download || (link.target !== null && link.target !== "" && link.target !== "_self")) return false;
  let url: URL;
  try {
    url = new URL(link.href, origin);
  } catch {
    return false;
  }
  return url.origin === origin;
}

/** What a code block's copy button copies: its text without the one trailing newline. */
export function codeText(text: string): string {
  return text.endsWith("\n") ? text.slice(0, -1) : text;
}

/** The full URL of a section, as a heading anchor copies it. */
export function sectionUrl(origin: string, pathname: string, id: string): string {
  return `${origin}${pathname}#${id}`;
}

export const COPY_STATUS = { copied: "Copied to clipboard", failed: "Could not copy; select the text and copy it by hand" } as const;
