// A reader costs nothing after load: the guide page, opened without cookies, makes no fetch, XHR or
// server-action POST once loaded (no progress load, no sign-in panel state, no link prefetch on load),
// nor when the progress bar wakes up.
// Once a panel is verified (the setup cookie and its marker are set), a reload loads the progress.
import type { Page, Request } from "@playwright/test";
import { FAKE } from "../../dev/fake-entra";
import { expect, gotoReady, SETUP, test } from "./docs-fixtures";

function watchAfterLoad(page: Page) {
  const seen: string[] = [];
  let loaded = false;
  page.on("load", () => (loaded = true));
  page.on("request", (r: Request) => {
    if (!loaded) return;
    const t = r.resourceType();
    if (t === "fetch" || t === "xhr" || r.method() === "POST" || r.headers()["next-action"]) seen.push(`${r.method()} ${t} ${r.url()}`);
  });
  return seen;
}

test("no cookies: no request after load; after a verification, a reload loads the progress", async ({ page, context }) => {
  await context.clearCookies();
  const seen = watchAfterLoad(page);
  await gotoReady(page, SETUP);
  await page.waitForLoadState("load");
  await page.waitForTimeout(2000);
  expect(seen).toEqual([]);
  // The progress bar is the server's HTML until touched ("My progress" links to /progress); touched, it
  // hydrates and knows without asking the server that there is no setup.
  const bar = page.locator("[data-progress-bar]");
  await expect(bar).toHaveAttribute("data-progress-state", "loading");
  await bar.hover();
  await expect(bar).toHaveAttribute("data-progress-state", "none");
  await page.waitForTimeout(500);
  expect(seen).toEqual([]);
  // The sign-in button works without asking the server first.
  await expect(page.locator("#sign-in-with-microsoft").getByRole("button", { name: "Sign in with Microsoft to check" })).toBeEnabled();

  const panel = page.locator('[data-verify-step="register-application"]');
  const form = panel.getByRole("form", { name: /Verify: Register/ });
  await form.getByLabel("Application (client) ID").fill(FAKE.apps.good.appId);
  await form.getByRole("button", { name: "Verify" }).click();
  await expect(panel.getByText("Saved to your progress.")).toBeVisible();
  const cookies = await context.cookies();
  expect(cookies.find((c) => c.name === "bc_setup")?.httpOnly).toBe(true);
  const marker = cookies.find((c) => c.name === "bc_has_setup");
  expect(marker).toMatchObject({ value: "1", httpOnly: false, sameSite: "Lax", path: "/" });

  const actions: string[] = [];
  page.on("request", (r) => {
    if (r.method() === "POST" && r.headers()["next-action"]) actions.push(r.url());
  });
  await page.reload();
  await expect(page.locator("[data-progress-bar]")).toHaveAttribute("data-progress-state", "ok");
  await expect(page.locator('[data-progress-step="register-application"]')).toHaveAttribute("data-status", "in_progress");
  expect(actions.length).toBeGreaterThan(0);
});

test("a setup cookie from before the marker existed gets the marker on the next page view", async ({ page, context }) => {
  await context.clearCookies();
  await gotoReady(page, SETUP);
  const panel = page.locator('[data-verify-step="register-application"]');
  const form = panel.getByRole("form", { name: /Verify: Register/ });
  await form.getByLabel("Application (client) ID").fill(FAKE.apps.good.appId);
  await form.getByRole("button", { name: "Verify" }).click();
  await expect(panel.getByText("Saved to your progress.")).toBeVisible();
  const setup = (await context.cookies()).find((c) => c.name === "bc_setup")!;
  await context.clearCookies({ name: "bc_has_setup" });
  expect((await context.cookies()).map((c) => c.name)).toContain(setup.name);
  await gotoReady(page, SETUP);
  expect((await context.cookies()).find((c) => c.name === "bc_has_setup")?.value).toBe("1");
  await page.reload();
  await expect(page.locator("[data-progress-bar]")).toHaveAttribute("data-progress-state", "ok");
});

test("a link is prefetched when the pointer is over it, not before", async ({ page, context }) => {
  await context.clearCookies();
  await gotoReady(page, SETUP);
  await page.waitForLoadState("load");
  const fetched: string[] = [];
  page.on("request", (r) => {
    if (r.resourceType() === "fetch") fetched.push(r.url());
  });
  const link = page.locator('a[rel="next"]');
  await page.waitForTimeout(500);
  expect(fetched).toEqual([]);
  await link.hover();
  await expect.poll(() => fetched.length, { timeout: 5000 }).toBeGreaterThan(0);
});
