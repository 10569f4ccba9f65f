// scripts/postcss-class-attribute.cjs: `[class~=x]` written as `.x` after Tailwind, so that a change to an
// element's class attribute no longer restyles everything inside it (the typography plugin's not-prose).
import { createRequire } from "node:module";
import postcss from "postcss";
import { describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);
const plugin = require("../../scripts/postcss-class-attribute.cjs") as (() => postcss.Plugin) & { rewriteSelector: (s: string) => string };

const run = async (css: string) => (await postcss([plugin()]).process(css, { from: undefined })).css;

describe("class attribute selectors", () => {
  it("rewrites the typography plugin's not-prose guard into class selectors", async () => {
    const css = `.prose :where(p):not(:where([class~="not-prose"],[class~="not-prose"] *)){margin-top:1.25em}`;
    expect(await run(css)).toBe(`.prose :where(p):not(:where(.not-prose,.not-prose *)){margin-top:1.25em}`);
  });

  it("takes single quotes, no quotes and spaces, inside @media and @supports too", async () => {
    const css = `@media (min-width:40rem){.a [ class ~= 'lead' ] b{x:1}}@supports (display:grid){[class~=lead]{y:2}}`;
    expect(await run(css)).toBe(`@media (min-width:40rem){.a .lead b{x:1}}@supports (display:grid){.lead{y:2}}`);
  });

  it("leaves other attribute selectors and names that are not plain identifiers alone", () => {
    for (const s of [`[class="not-prose"]`, `[class*="prose"]`, `[class|="x"]`, `[data-class~="x"]`, `[class~="1abc"]`, `[class~="a b"]`, `[class~="a\\:b"]`, `[class~=""]`, `.prose > p`]) {
      expect(plugin.rewriteSelector(s), s).toBe(s);
    }
  });
});
