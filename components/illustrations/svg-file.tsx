// The sketches as standalone SVG files, one for the light theme and one for the dark theme
// (public/illustrations/<name>.svg and <name>-dark.svg, written by `npx tsx scripts/illustrations.ts`
// and held equal to this output by tests/unit/illustrations.test.ts).
//
// Why files: drawn inline, every sketch was in the page twice, once as SVG markup in the HTML and once
// more in the RSC payload that hydrates it (≈ 25 KB of the guide page). As <img> it is a few hundred
// bytes, loaded lazily and cached. An <img> can't see the page's `.dark` class, so the Tailwind classes
// the sketches are drawn with become plain fill/stroke attributes, once with the light colours and once
// with the dark ones, and <Figure> shows the file of the current theme.
import { renderToStaticMarkup } from "react-dom/server";
import { illustrations } from "./index";
import { ILLUSTRATIONS, type IllustrationName } from "./meta";

export type Theme = "light" | "dark";

/** Tailwind's palette (the hex values) for the colours the sketches use. */
const PALETTE: Record<string, string> = {
  white: "#ffffff",
  "zinc-50": "#fafafa",
  "zinc-100": "#f4f4f5",
  "zinc-300": "#d4d4d8",
  "zinc-400": "#a1a1aa",
  "zinc-500": "#71717a",
  "zinc-600": "#52525b",
  "zinc-700": "#3f3f46",
  "zinc-800": "#27272a",
  "zinc-900": "#18181b",
  "zinc-950": "#09090b",
  "violet-50": "#f5f3ff",
  "violet-300": "#c4b5fd",
  "violet-400": "#a78bfa",
  "violet-500": "#8b5cf6",
  "violet-600": "#7c3aed",
  "violet-700": "#6d28d9",
  "violet-950": "#2e1065",
  "emerald-50": "#ecfdf5",
  "emerald-300": "#6ee7b7",
  "emerald-400": "#34d399",
  "emerald-600": "#059669",
  "emerald-700": "#047857",
  "emerald-950": "#022c22",
  "red-50": "#fef2f2",
  "red-300": "#fca5a5",
  "red-400": "#f87171",
  "red-600": "#dc2626",
  "red-700": "#b91c1c",
  "red-950": "#450a0a",
  "sky-600": "#0284c7",
  "sky-700": "#0369a1",
};

/** `fill-zinc-800 dark:fill-zinc-100 …` → the fill/stroke attributes of one theme. */
export function themeAttributes(classes: string, theme: Theme): string {
  const out = new Map<string, string>();
  for (const cls of classes.split(/\s+/).filter(Boolean)) {
    const dark = cls.startsWith("dark:");
    if (dark !== (theme === "dark")) continue;
    const m = /^(?:dark:)?(fill|stroke)-([a-z]+(?:-\d+)?)(?:\/(\d+))?$/.exec(cls);
    if (!m) {
      if (cls === "h-auto" || cls === "w-full") continue; // sizing of the inline <svg>; the <img> sizes itself
      throw new Error(`illustrations: no SVG attribute for the class "${cls}"`);
    }
    const [, prop, colour, alpha] = m as unknown as [string, "fill" | "stroke", string, string | undefined];
    const hex = PALETTE[colour];
    if (!hex) throw new Error(`illustrations: no colour for "${colour}" (add it to PALETTE)`);
    out.set(prop, hex);
    if (alpha) out.set(`${prop}-opacity`, String(Number(alpha) / 100));
  }
  // Light classes are the base: in the dark theme, what has no dark: class keeps its light value.
  if (theme === "dark") {
    const light = themeAttributes(classes, "light");
    for (const m of light.matchAll(/([\w-]+)="([^"]*)"/g)) if (!out.has(m[1]!) && !(m[1]!.endsWith("-opacity") && out.has(m[1]!.replace("-opacity", "")))) out.set(m[1]!, m[2]!);
  }
  return [...out].map(([k, v]) => `${k}="${v}"`).join(" ");
}

/** The standalone SVG document of one illustration in one theme. */
export function illustrationSvg(name: IllustrationName, theme: Theme): string {
  const Sketch = illustrations[name];
  const { width, height } = ILLUSTRATIONS[name];
  let svg = renderToStaticMarkup(<Sketch />);
  svg = svg.replace(/ class="([^"]*)"/g, (_, classes: string) => {
    const attrs = themeAttributes(classes, theme);
    return attrs ? ` ${attrs}` : "";
  });
  // A document of its own: namespace and intrinsic size; the <img> carries the role and the text alternative.
  // text-rendering="geometricPrecision": the page shows a sketch narrower than its 720 px (646 px in the
  // guide's column at 1280×800, 358 px on a phone), and Chromium lays an SVG image out first at its own
  // size, then again at the size shown; by default it shapes every <text> again at the new scale, which
  // is most of the sketch's cost on the main thread. With geometricPrecision the glyphs are shaped once
  // and scaled: 18–22 ms against 43–49 ms of main thread at 1× per sketch (traced, 7 loads each); in a 4×
  // trace of the guide with a reader scrolled to the first panel, the three sketches nearby went from
  // ≈ 250 to ≈ 90 ms (two whole-page A/Bs of Verify-ready were within the host's noise: 2.41 → 2.05 s and
  // 2.26 → 2.29 s). It looks the same at 1× and 2×.
  svg = svg.replace(/^<svg([^>]*)>/, (_, attrs: string) => {
    const kept = attrs.replace(/ role="img"/, "").replace(/ aria-labelledby="[^"]*"/, "");
    return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"${kept} text-rendering="geometricPrecision">`;
  });
  return `${svg}\n`;
}

/** File name under public/illustrations/ of an illustration in a theme. */
export const illustrationFile = (name: IllustrationName, theme: Theme): string => (theme === "dark" ? `${name}-dark.svg` : `${name}.svg`);
