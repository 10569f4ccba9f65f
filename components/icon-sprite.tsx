// The sprite of the prose's icons: public/icons-<hash>.svg, one <symbol> per icon, drawn from the same
// components as the React icons (components/icons.tsx). `npx tsx scripts/icons.ts` writes it (and
// components/icon-sprite-file.ts, its name); tests/unit/static-html.test.ts fails while the file
// differs from what this module makes.
//
// Why a file of symbols and <svg><use href="/icons-<hash>.svg#name"/></svg> in the page, not the CSS masks
// of data: URIs the prose had before: every SVG used as an image (a mask, a background, an <img>) is a
// document of its own that Chromium builds on the main thread — the guide's 8 distinct icons were 8 such
// documents, requested while the page's first styles were computed (a trace at 4× CPU: 20–30 ms each).
// One external <use> document is parsed once. Measured on the guide page at 4× CPU against the build
// before, alternating cold loads (2026-12-01, seven rounds of 16–20 loads each): Verify-ready's median
// was lower in six rounds (by 20–384 ms) and 99 ms higher in one, −80 ms by the median of the seven
// differences; small beside the host's own spread, so read it as "no longer paid", not as a goal met. An inline <svg> per use would cost the HTML its shapes twice
// (the markup and the RSC payload); a fragment of one SVG image as the mask (`url(icons.svg#copy)`) is,
// by the CSS Masking spec, a reference to a <mask> element, not an image.
import { createHash } from "node:crypto";
import { renderToStaticMarkup } from "react-dom/server";
import { createElement, type ComponentType, type SVGProps } from "react";
import { CautionIcon, CheckIcon, CopyIcon, DangerIcon, ExternalIcon, InfoIcon, LinkIcon, NoteIcon, ShieldIcon, TipIcon } from "./icons";
import type { ProseIconName } from "./prose-static";

export const SPRITE_ICONS: Record<ProseIconName, ComponentType<SVGProps<SVGSVGElement>>> = {
  copy: CopyIcon,
  check: CheckIcon,
  link: LinkIcon,
  external: ExternalIcon,
  info: InfoIcon,
  note: NoteIcon,
  tip: TipIcon,
  caution: CautionIcon,
  danger: DangerIcon,
  shield: ShieldIcon,
};

/** The shapes of one icon (its <svg>'s children), as React writes them. */
export function iconShapes(name: ProseIconName): string {
  const svg = renderToStaticMarkup(createElement(SPRITE_ICONS[name]));
  return svg.replace(/^<svg[^>]*>/, "").replace(/<\/svg>$/, "");
}

/** The sprite's file name: named by its content (SHA-256), so it can be cached for good (next.config.js). */
export function iconSpriteFileName(svg: string): string {
  return `icons-${createHash("sha256").update(svg).digest("hex").slice(0, 8)}.svg`;
}

/** The sprite: each icon a <symbol>, stroked in the colour of the text that shows it. */
export function iconSpriteSvg(): string {
  const symbols = (Object.keys(SPRITE_ICONS) as ProseIconName[]).map(
    (name) =>
      `<symbol id="${name}" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">${iconShapes(name)}</symbol>`,
  );
  return `<svg xmlns="http://www.w3.org/2000/svg"><!-- written by scripts/icons.ts from components/icons.tsx -->\n${symbols.join("\n")}\n</svg>\n`;
}
