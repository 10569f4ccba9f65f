// Screenshots of the guide site for the README and for a visual check: desktop light and dark, mobile
// with the menu open, search open. Needs a running site (default http://127.0.0.1:3000).
//
//   npx tsx scripts/screenshots.ts [--url BASE] [--out .tmp/screenshots]
// Writes docs/screenshot-guide.png (desktop, light) and <out>/site-*.png. Chromium is launched with the
// same switches as the tests and the benches (scripts/lib/chromium-args.ts).
import { mkdirSync, statSync } from "node:fs";
import { chromium, type Browser, type BrowserContextOptions, type Page } from "playwright-core";
import { argValue } from "../lib/db/script";
import { GUIDE_PATH } from "../lib/steps";
import { CHROMIUM_ARGS, SYSTEM_CHROMIUM } from "./lib/chromium-args";

const argv = process.argv.slice(2);
const base = argValue(argv, "--url") ?? "http://127.0.0.1:3000";
const out = argValue(argv, "--out") ?? ".tmp/screenshots";
const guide = `${base}${GUIDE_PATH}`;

async function shoot(browser: Browser, file: string, options: BrowserContextOptions, act?: (page: Page) => Promise<unknown>): Promise<void> {
  const context = await browser.newContext({ reducedMotion: "reduce", ...options });
  const page = await context.newPage();
  await page.goto(guide);
  await page.locator("[data-search-button][data-ready]").waitFor();
  if (act) await act(page);
  await page.screenshot({ path: file });
  await context.close();
  console.log(`${file} (${Math.round(statSync(file).size / 1024)} kB)`);
}

async function main(): Promise<void> {
  const executablePath = SYSTEM_CHROMIUM;
  if (!executablePath) {
    console.log("screenshots: no Chromium at /usr/bin/chromium (apt-get install -y chromium)");
    process.exit(2);
  }
  mkdirSync(out, { recursive: true });
  mkdirSync("docs", { recursive: true });
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  try {
    const desktop = { viewport: { width: 1280, height: 800 } };
    await shoot(browser, "docs/screenshot-guide.png", { ...desktop, colorScheme: "light" }, (p) => p.evaluate(() => window.scrollTo(0, 0)));
    await shoot(browser, `${out}/site-desktop-dark.png`, { ...desktop, colorScheme: "dark" }, async (p) => {
      await p.locator("#register-application").scrollIntoViewIfNeeded();
      await p.evaluate(() => document.getElementById("register-application")?.scrollIntoView());
    });
    await shoot(browser, `${out}/site-mobile-menu.png`, { viewport: { width: 390, height: 844 }, colorScheme: "light", hasTouch: true }, async (p) => {
      await p.getByRole("button", { name: "Menu", exact: true }).click();
      await p.getByRole("dialog", { name: "Menu" }).waitFor();
    });
    await shoot(browser, `${out}/site-search.png`, { ...desktop, colorScheme: "light" }, async (p) => {
      await p.keyboard.press("/");
      await p.getByRole("combobox").fill("redirect URI");
      await p.getByRole("option").first().waitFor();
    });
  } finally {
    await browser.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
