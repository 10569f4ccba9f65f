// Shared fixture for the docs browser tests: every page is watched for console errors and warnings,
// uncaught exceptions and failed requests, and the test fails if any happened (unless it expects
// them). Warnings too: the browser's own about our pages (an unknown Permissions-Policy feature, a
// preload never used) are what a reader's console shows.
import { test as base, expect, type Page } from "@playwright/test";

export const SETUP = "/guides/dynamics365-business-central/setup";
export const TESTING = "/guides/dynamics365-business-central/test-your-integration";
export const REDIRECT_URI = "https://dynamics365businesscentral.codat.io/oauth/callback";
export const STEPS = [
  ["prerequisites", "Check what you need"],
  ["register-application", "Register an application in Microsoft Entra ID"],
  ["client-secret", "Create a client secret"],
  ["api-permissions", "Add the Business Central permissions"],
  ["add-keys-to-portal", "Add the keys to the Codat Portal"],
  ["enable-integration", "Switch on the integration"],
  ["extension-installation", "Prepare customers for the App Link extension"],
] as const;

type Problems = { list: string[]; allow: (pattern: RegExp) => void };

export const test = base.extend<{ problems: Problems }>({
  problems: [
    async ({ context }, use) => {
      const list: string[] = [];
      const allowed: RegExp[] = [];
      const watch = (page: Page) => {
        page.on("console", (m) => {
          if (m.type() === "error" || m.type() === "warning") list.push(`console ${m.type()} on ${page.url()}: ${m.text()}`);
        });
        page.on("pageerror", (e) => list.push(`uncaught exception on ${page.url()}: ${e.message}`));
        page.on("requestfailed", (r) => {
          // Navigations away cancel in-flight prefetches; that is the browser's doing, not a failure.
          if (r.failure()?.errorText === "net::ERR_ABORTED") return;
          list.push(`request failed: ${r.method()} ${r.url()} (${r.failure()?.errorText})`);
        });
        page.on("response", (r) => {
          if (r.status() >= 400) list.push(`HTTP ${r.status()}: ${r.request().method()} ${r.url()}`);
        });
      };
      context.pages().forEach(watch);
      context.on("page", watch);
      await use({ list, allow: (p) => allowed.push(p) });
      const unexpected = list.filter((p) => !allowed.some((a) => a.test(p)));
      expect(unexpected, "console errors or failed requests").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** Opens a page and waits until it is interactive (the header's search shortcuts are listening). */
export async function gotoReady(page: Page, path: string) {
  const response = await page.goto(path);
  await page.locator("[data-search-button][data-ready]").waitFor();
  return response;
}
