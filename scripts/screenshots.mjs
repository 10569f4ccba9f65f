#!/usr/bin/env node
// Screenshots of the guide site for the README and for a visual check: desktop light and dark, mobile
// with the menu open, search open. Needs a running site (default http://127.0.0.1:3000).
//
//   node scripts/screenshots.mjs [--url BASE] [--out .tmp/screenshots]
// Writes docs/screenshot-guide.png (desktop, light) and <out>/site-*.png.
import { chromium } from "@playwright/test";
import { existsSync, mkdirSync, statSync } from "node:fs";

const args = process.argv.slice(2);
const opt = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const base = opt("--url", "http://127.0.0.1:3000");
const out = opt("--out", ".tmp/screenshots");
const guide = `${base}/guides/dynamics365-business-central/setup`;
mkdirSync(out, { recursive: true });
mkdirSync("docs", { recursive: true });

const executablePath = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => existsSync(p));
const browser = await chromium.launch({ executablePath, args: ["--disable-gpu", "--no-first-run"] });
async function shoot(file, options, act) {
  const context = await browser.newContext({ reducedMotion: "reduce", ...options });
  const page = await context.newPage();
  await page.goto(guide);
  await page.locator("[data-search-button][data-ready]").waitFor();
  if (act) await act(page);
  await page.screenshot({ path: file });
  await context.close();
  console.log(`${file} (${Math.round(statSync(file).size / 1024)} kB)`);
}
const desktop = { viewport: { width: 1280, height: 800 } };
await shoot("docs/screenshot-guide.png", { ...desktop, colorScheme: "light" }, (p) => p.evaluate(() => window.scrollTo(0, 0)));
await shoot(`${out}/site-desktop-dark.png`, { ...desktop, colorScheme: "dark" }, async (p) => {
  await p.locator("#register-application").scrollIntoViewIfNeeded();
  await p.evaluate(() => document.getElementById("register-application").scrollIntoView());
});
await shoot(`${out}/site-mobile-menu.png`, { viewport: { width: 390, height: 844 }, colorScheme: "light", hasTouch: true }, async (p) => {
  await p.getByRole("button", { name: "Menu", exact: true }).click();
  await p.getByRole("dialog", { name: "Menu" }).waitFor();
});
await shoot(`${out}/site-search.png`, { ...desktop, colorScheme: "light" }, async (p) => {
  await p.keyboard.press("/");
  await p.getByRole("combobox").fill("redirect URI");
  await p.getByRole("option").first().waitFor();
});
await browser.close();
