// Honest progress in the browser: the client ID alone does not verify "Register the application" —
// the panel says 1 of 3 checks and asks for exactly what is missing; the account type and redirect URI
// complete it ("Checked by the rules"); a later trailing slash fails it again. Support sees the same.
import { readFileSync } from "node:fs";
import { FAKE } from "../../dev/fake-entra";
import { expect, gotoReady, REDIRECT_URI, SETUP, test } from "./docs-fixtures";

const A = FAKE.apps;
const support = () => JSON.parse(readFileSync(".tmp/e2e-support.json", "utf8")) as { email: string; password: string };

test("a step is verified only when its own checks have all passed, and support sees the same", async ({ page }) => {
  test.setTimeout(120_000);
  await gotoReady(page, SETUP);
  const panel = page.locator('[data-verify-step="register-application"]');
  const form = panel.getByRole("form", { name: /Verify: Register/ });
  const bar = page.getByRole("navigation", { name: "Your setup progress" }).getByRole("link", { name: /^Step 2, / });

  // 1. The client ID alone.
  await form.getByLabel("Application (client) ID").fill(A.good.appId);
  await form.getByRole("button", { name: "Verify" }).click();
  await expect(panel.getByText("Saved to your progress.")).toBeVisible();
  await expect(bar).toHaveAccessibleName(/: In progress( \(next step\))?$/);
  await expect(bar).toHaveAccessibleDescription("1 of 3 checks done; still to check: the supported account types and the Web redirect URI");
  await expect(panel.getByText("For this step so far: 1 of 3 checks done; still to check: the supported account types and the Web redirect URI.")).toBeVisible();

  // 2. Another visit: the account type and the redirect URI only.
  await gotoReady(page, SETUP);
  await form.getByLabel("Redirect URI (Web)").fill(REDIRECT_URI);
  await form.getByLabel(/personal Microsoft accounts \(e\.g\. Skype, Xbox\)/).check();
  await form.getByRole("button", { name: "Verify" }).click();
  await expect(panel.getByText("Saved to your progress.")).toBeVisible();
  await expect(bar).toHaveAccessibleName(/: Verified( \(next step\))?$/);
  await expect(bar).toHaveAccessibleDescription("Checked by the rules");

  await page.goto("/progress");
  const item = page.getByRole("list", { name: "Steps and their status" }).getByRole("listitem").filter({ hasText: /^2\. / });
  await expect(item).toContainText("Verified");
  await expect(item).toContainText("Checked by the rules");

  // 3. Support: the step grid says the same, with its trust.
  const setupId = (await page.context().cookies()).find((c) => c.name === "bc_setup")!.value;
  const staff = await page.context().browser()!.newContext();
  const s = await staff.newPage();
  await s.goto(`/support/sign-in?next=${encodeURIComponent(`/support/setups/${setupId}`)}`);
  await s.getByLabel("Email").fill(support().email);
  await s.getByLabel("Password").fill(support().password);
  await s.getByRole("button", { name: "Sign in" }).click();
  await s.waitForURL((u) => u.pathname === `/support/setups/${setupId}`);
  const cell = s.getByRole("list", { name: "Steps" }).getByRole("listitem").filter({ hasText: "Register an application" });
  await expect(cell).toContainText("Verified");
  await expect(cell).toContainText("Checked by the rules");
  await s.goto(`/support?trust=rules&q=${setupId}`);
  await expect(s.locator(`a[href="/support/setups/${setupId}"]`)).toHaveCount(1);
  await s.goto(`/support?trust=microsoft&q=${setupId}`);
  await expect(s.locator(`a[href="/support/setups/${setupId}"]`)).toHaveCount(0);

  // 4. A later trailing slash fails the step again.
  await gotoReady(page, SETUP);
  await form.getByLabel("Redirect URI (Web)").fill(`${REDIRECT_URI}/`);
  await form.getByRole("button", { name: "Verify" }).click();
  await expect(panel.getByText("Saved to your progress.")).toBeVisible();
  await expect(bar).toHaveAccessibleName(/: Needs a fix( \(next step\))?$/);
  await s.goto(`/support/setups/${setupId}`);
  await expect(cell).toContainText("Failed");
  await expect(cell).toContainText("2 of 3 checks passed; to fix: the Web redirect URI");
  await expect(cell).not.toContainText("Checked by the rules");
  await staff.close();
});
