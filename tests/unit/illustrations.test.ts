// The static SVG files of the illustrations (public/illustrations/) are what the sketches draw: a sketch
// changed without `npx tsx scripts/illustrations.ts` fails here. Each file is a standalone document.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { ILLUSTRATIONS, type IllustrationName } from "@/components/illustrations/meta";
import { illustrationFile, illustrationSvg, themeAttributes } from "@/components/illustrations/svg-file";

const names = Object.keys(ILLUSTRATIONS) as IllustrationName[];

describe("illustration files", () => {
  for (const name of names) {
    for (const theme of ["light", "dark"] as const) {
      test(`${illustrationFile(name, theme)} is up to date and standalone`, () => {
        const file = readFileSync(path.join("public", "illustrations", illustrationFile(name, theme)), "utf8");
        expect(file, "run `npx tsx scripts/illustrations.ts`").toBe(illustrationSvg(name, theme));
        const { width, height, title } = ILLUSTRATIONS[name];
        expect(file).toMatch(new RegExp(`^<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"`));
        expect(file).toContain(`<title id="${title.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-title">${title}</title>`);
        // No Tailwind class is left: an <img> can't see the page's stylesheet.
        expect(file).not.toContain("class=");
        // Shown narrower than drawn, the sketch's text is shaped once and scaled, not shaped again at the
        // shown size (half the sketch's main-thread cost; components/illustrations/svg-file.tsx).
        expect(file.slice(0, file.indexOf(">"))).toContain(' text-rendering="geometricPrecision"');
      });
    }
  }

  test("dark files use the dark colours, and keep the light ones where no dark colour is given", () => {
    expect(themeAttributes("fill-zinc-800 dark:fill-zinc-100", "light")).toBe('fill="#27272a"');
    expect(themeAttributes("fill-zinc-800 dark:fill-zinc-100", "dark")).toBe('fill="#f4f4f5"');
    expect(themeAttributes("fill-zinc-50 stroke-zinc-300 dark:fill-zinc-900/60 dark:stroke-zinc-700", "dark")).toBe('fill="#18181b" fill-opacity="0.6" stroke="#3f3f46"');
    expect(themeAttributes("fill-white", "dark")).toBe('fill="#ffffff"');
    expect(() => themeAttributes("fill-pink-500", "light")).toThrow(/no colour for "pink-500"/);
  });
});
