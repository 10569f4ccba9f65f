// /docs/api and the operational endpoints on the built site: the reference is rendered from the
// OpenAPI document, the document is served, readiness says ready, API answers carry X-Request-Id.
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";

test("the API reference page lists the endpoint, every status and the CI recipe; no accessibility violations", async ({ page }) => {
  const res = await page.goto("/docs/api");
  expect(res!.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("API reference");
  await expect(page.getByRole("heading", { level: 2, name: "POST /api/v1/verify" })).toBeVisible();
  for (const status of ["200", "400", "413", "415", "429"]) await expect(page.locator(`#status-${status}`)).toBeVisible();
  await expect(page.locator("#status-429")).toContainText("Retry-After");
  await expect(page.getByRole("heading", { level: 2, name: "Check your app registration in CI" })).toBeVisible();
  await expect(page.getByText("npm run --silent verify -- --manifest app.json --json", { exact: false }).first()).toBeVisible();
  // The same WCAG rule sets as the guide pages (docs.spec.ts).
  const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
});

test("openapi.json, /api/ready and X-Request-Id on the running server", async ({ request }) => {
  const doc = await request.get("/api/v1/openapi.json");
  expect(doc.status()).toBe(200);
  expect((await doc.json()).openapi).toBe("3.1.0");
  const ready = await request.get("/api/ready");
  expect(ready.status()).toBe(200);
  expect(await ready.json()).toEqual({ status: "ready" });
  const verify = await request.post("/api/v1/verify", { data: { clientId: "not-a-guid" } });
  expect(verify.headers()["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
});
