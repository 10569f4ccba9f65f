// scripts/lib/chromium-args.ts passes its own --disable-features, which replaces Playwright's (Chromium
// keeps a switch's last value), so it repeats Playwright's list. This reads that list from the installed
// playwright-core and fails when an upgrade changes it.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BROWSER_UI_FEATURES, CHROMIUM_ARGS, DISABLE_FEATURES_ARG, PLAYWRIGHT_DISABLED_FEATURES } from "@/scripts/lib/chromium-args";

/** The string entries of playwright-core's `disabledFeatures = [ … ]` (comments left out). */
function playwrightDefaults(): string[] {
  const lib = path.join(process.cwd(), "node_modules", "playwright-core", "lib");
  for (const file of readdirSync(lib, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".js"))) {
    const text = readFileSync(path.join(lib, file), "utf8");
    const at = text.indexOf("disabledFeatures = [");
    if (at < 0) continue;
    const body = text.slice(at, text.indexOf("]", at)).replace(/\/\/[^\n]*/g, "");
    return [...body.matchAll(/"([^"]+)"/g)].map((m) => m[1]!);
  }
  throw new Error("playwright-core no longer has a `disabledFeatures = [` list: check how it passes --disable-features");
}

describe("Chromium's switches for the bench and the browser tests", () => {
  it("repeat every feature Playwright disables itself", () => {
    const defaults = playwrightDefaults();
    expect(defaults.length).toBeGreaterThan(5);
    expect([...PLAYWRIGHT_DISABLED_FEATURES].sort()).toEqual([...new Set(defaults)].sort());
  });

  it("turn off the browser's omnibox WebUI in one --disable-features switch", () => {
    expect(CHROMIUM_ARGS.filter((a) => a.startsWith("--disable-features="))).toEqual([DISABLE_FEATURES_ARG]);
    const features = DISABLE_FEATURES_ARG.slice("--disable-features=".length).split(",");
    for (const f of [...PLAYWRIGHT_DISABLED_FEATURES, ...BROWSER_UI_FEATURES]) expect(features).toContain(f);
  });
});
