// Nothing typed is lost before the page is ready: on a slow device (Chromium, CPU throttled 6×) a
// customer who types or pastes into a panel at DOMContentLoaded — before React has hydrated the page —
// keeps what they typed once React takes over (the panel's code comes when the reader reaches it), and
// it is what gets verified.
import { expect, REDIRECT_URI, SETUP, test } from "./docs-fixtures";

test("text typed before hydration survives it (CPU throttled 6×)", async ({ page }) => {
  test.setTimeout(120_000);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 6 });
  const typed = `${REDIRECT_URI}/`;
  await page.goto(SETUP, { waitUntil: "domcontentloaded" });
  const panel = page.locator('[data-verify-step="register-application"]');
  const fields = panel.getByRole("form", { name: /Verify: Register/ });
  // Fill straight into the server-rendered inputs, before any script has run on them.
  await page.evaluate(
    ({ uri }) => {
      const form = document.querySelector<HTMLFormElement>('[data-verify-step="register-application"] form[data-mode="fields"]')!;
      const set = (name: string, value: string) => {
        const el = form.elements.namedItem(name) as HTMLInputElement;
        el.value = value;
      };
      set("redirectUri", uri);
      set("clientId", "6f1c2b7a-3d4e-4f50-8a91-b2c3d4e5f607");
      const radio = form.querySelector<HTMLInputElement>('input[name="signInAudience"][value="AzureADandPersonalMicrosoftAccount"]')!;
      radio.checked = true;
    },
    { uri: typed },
  );
  // Hydrated: the header's search is listening.
  await page.locator("[data-search-button][data-ready]").waitFor({ timeout: 90_000 });
  // The panel's code comes when the reader is at the panel (components/verify/lazy.tsx).
  await panel.scrollIntoViewIfNeeded();
  await page.locator("[data-island][data-hydrated]").filter({ has: panel }).waitFor({ timeout: 90_000 });
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 1 });
  await expect(fields.getByLabel("Redirect URI (Web)")).toHaveValue(typed);
  await expect(fields.getByLabel("Application (client) ID")).toHaveValue("6f1c2b7a-3d4e-4f50-8a91-b2c3d4e5f607");
  await expect(fields.getByLabel(/personal Microsoft accounts \(e\.g\. Skype, Xbox\)/)).toBeChecked();
  // React knows the values: the instant hint speaks of what was typed, and Verify sends it.
  // The panel itself may hydrate after the header on a throttled, busy machine: allow it time.
  await expect(panel.locator("[data-hint]").filter({ hasText: "trailing slash" })).toBeVisible({ timeout: 45_000 });
  await fields.getByRole("button", { name: "Verify" }).click();
  await expect(panel.getByText("a trailing slash (/) at the end").first()).toBeVisible();
});
