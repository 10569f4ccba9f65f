// "Sign in with Microsoft to check" in a real browser: the whole redirect dance through msal-node,
// against `next start` and the fake Entra ID / Graph (scripts/e2e-server.ts gives the site the fake's
// checker registration). Admin → green and the steps updated; consent missing → consent.admin fails
// with the link; cancel → a message; a tampered state → refused.
import type { Page } from "@playwright/test";
import { FAKE } from "../../dev/fake-entra";
import { expect, SETUP, test } from "./docs-fixtures";

const A = FAKE.apps;
const U = FAKE.users;

async function signIn(page: Page, clientId: string, account: string | "cancel", before?: (callback: string) => string) {
  await page.goto(SETUP);
  const box = page.locator("#sign-in-with-microsoft");
  await expect(box.getByRole("button", { name: "Sign in with Microsoft to check" })).toBeEnabled();
  await box.getByLabel("Application (client) ID").fill(clientId);
  if (before) {
    // Microsoft's redirect back to us, altered on the way (redirects themselves are not routed: rewrite the 302).
    await page.route((url) => url.pathname.endsWith("/oauth2/v2.0/authorize"), async (route) => {
      if (route.request().method() !== "POST") return route.continue();
      const res = await route.fetch({ maxRedirects: 0 });
      const headers = { ...res.headers(), location: before(res.headers().location ?? "") };
      await route.fulfill({ status: res.status(), headers });
    });
  }
  await box.getByRole("button", { name: "Sign in with Microsoft to check" }).click();
  await expect(page.getByRole("heading", { name: "Pick an account" })).toBeVisible();
  if (account === "cancel") await page.getByRole("button", { name: "Cancel" }).click();
  else await page.getByRole("button", { name: account }).click();
  await page.waitForURL(/\/(guides\/dynamics365-business-central\/setup|progress)\?signin=/);
  return page.locator("#sign-in-with-microsoft");
}

test("an admin signs in: a passing report from Microsoft, and the steps updated", async ({ page }) => {
  const t0 = Date.now();
  const box = await signIn(page, A.good.appId, U.contosoAdmin.upn);
  expect(new URL(page.url()).searchParams.get("signin")).toBe("ok");
  const results = box.locator('[data-signin-outcome="ok"]');
  await expect(results.locator('[data-check-id="consent.admin"]')).toHaveAttribute("data-status", "pass");
  await expect(results.locator('[data-check-id="live.registration"]')).toHaveAttribute("data-status", "pass");
  await expect(results.locator('[data-check-id="redirect-uri"]')).toHaveAttribute("data-status", "pass");
  console.log(`measured: the whole redirect dance in the browser, ${Date.now() - t0} ms`);
  await page.goto("/progress");
  await expect(page.locator('[data-progress-step="register-application"]')).toHaveAttribute("data-status", "verified");
  await expect(page.locator('[data-progress-step="api-permissions"]')).toHaveAttribute("data-status", "verified");
});

test("admin consent missing: consent.admin fails and links to the tenant's admin consent", async ({ page }) => {
  const box = await signIn(page, A.consent.appId, U.contosoAdmin.upn);
  const consent = box.locator('[data-check-id="consent.admin"]');
  await expect(consent).toHaveAttribute("data-status", "fail");
  await expect(consent).toContainText("no tenant-wide (AllPrincipals) grant");
  await expect(consent.getByRole("link", { name: "Grant admin consent" })).toHaveAttribute("href", new RegExp(`/${FAKE.tenants.contoso.id}/adminconsent\\?client_id=${A.consent.appId}`));
});

test("the admin cancels: a message, nothing recorded", async ({ page }) => {
  const box = await signIn(page, A.good.appId, "cancel");
  await expect(box.getByRole("alert")).toContainText("You cancelled the sign-in with Microsoft");
});

test("a tampered state is refused", async ({ page }) => {
  const box = await signIn(page, A.good.appId, U.contosoAdmin.upn, (url) => {
    const u = new URL(url);
    u.searchParams.set("state", `${u.searchParams.get("state")}tampered`);
    return u.href;
  });
  // Refused before anything about the sign-in is trusted, so not even its return page: /progress says why.
  expect(new URL(page.url()).pathname).toBe("/progress");
  expect(new URL(page.url()).searchParams.get("signin")).toBe("state");
  await expect(box.getByRole("alert")).toContainText("did not start here");
});
