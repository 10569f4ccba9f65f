// The copy buttons and heading anchors inside a guide's prose, as plain HTML: the prose is sent as
// pre-rendered HTML strings (lib/content/static-html.ts), so these carry no React handlers. One
// delegated listener (components/prose-actions.tsx) copies, shows the tick and announces the result
// for screen readers, as the React CopyButton and HeadingAnchor did; it gives each its polite status
// region when the reader points at, focuses or touches it (before any click), not in the HTML.
import { ICON_SPRITE } from "./icon-sprite-file";

export type ProseIconName = "copy" | "check" | "link" | "external" | "note" | "tip" | "info" | "caution" | "danger" | "shield";

/**
 * A decorative icon of the prose, stroked in the colour of its text: a <use> of the sprite's symbol.
 * Sized by the `icon` class (app/globals.css); `icon-external` is the smaller one.
 */
export function ProseIcon({ name, className }: { name: ProseIconName; className?: string }) {
  const classes = `icon${name === "external" ? " icon-external" : ""}${className ? ` ${className}` : ""}`;
  return (
    <svg aria-hidden="true" className={classes}>
      <use href={`${ICON_SPRITE}#${name}`} />
    </svg>
  );
}

/** `text`: what to copy; without it, the text of the nearest code block. */
export function StaticCopyButton({ text, label = "Copy", className = "", showText = false }: { text?: string; label?: string; className?: string; showText?: boolean }) {
  return (
    <button type="button" aria-label={label} title={label} data-copy={text ?? ""} className={className ? `copy-button ${className}` : "copy-button"}>
      <ProseIcon name="copy" />
      {showText && (
        <span aria-hidden="true" data-copy-word="">
          Copy
        </span>
      )}
    </button>
  );
}

/** The "#" link beside a heading: follows the link and copies the section's full URL. */
export function StaticHeadingAnchor({ id, title }: { id: string; title: string }) {
  return (
    <a href={`#${id}`} aria-label={`Link to section: ${title} (copies the link)`} className="heading-anchor" data-anchor-copy="">
      <ProseIcon name="link" />
    </a>
  );
}
