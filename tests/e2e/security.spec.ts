// Security headers and the Content-Security-Policy in a real browser against `next start`: the
// headers on a (prerendered) guide page, the (dynamic) support sign-in page and an API response; no
// page logs a CSP violation (console errors fail every test through the fixture; here we also listen
// for `securitypolicyviolation`); the theme script still runs; odd requests get 405 / 413, not 500.
import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { expect, SETUP, test } from "./docs-fixtures";
import type { E2ESupportData } from "../../dev/e2e-support-seed";

async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener("securitypolicyviolation", (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
  });
  return () => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
}

function expectCommonHeaders(h: Record<string, string>) {
  expect(h["x-content-type-options"]).toBe("nosniff");
  expect(h["x-frame-options"]).toBe("DENY");
  expect(h["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(h["permissions-policy"]).toContain("camera=()");
  expect(h["permissions-policy"]).toContain("microphone=()");
  expect(h["permissions-policy"]).toContain("geolocation=()");
  // Served over http here: no HSTS.
  expect(h["strict-transport-security"]).toBeUndefined();
}

function scriptSrc(csp: string): string {
  return csp.split(";").map((d) => d.trim()).find((d) => d.startsWith("script-src")) ?? "";
}

test("a prerendered guide page: hash-based CSP, every header, no violation, the theme toggle works", async ({ page }) => {
  const violations = await watchViolations(page);
  const response = await page.goto(SETUP);
  const h = response!.headers();
  expectCommonHeaders(h);
  const csp = h["content-security-policy"]!;
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  const scripts = scriptSrc(csp);
  expect(scripts).toMatch(/'sha256-[A-Za-z0-9+/=]+'/);
  expect(scripts).not.toContain("'unsafe-inline'");
  expect(scripts).not.toContain("'unsafe-eval'");
  // Still static: no nonce in the policy.
  expect(scripts).not.toContain("'nonce-");
  await page.locator("[data-search-button][data-ready]").waitFor();
  // next-themes' inline script and the toggle both run under the policy.
  await page.emulateMedia({ colorScheme: "light" });
  const html = page.locator("html");
  const before = (await html.getAttribute("class")) ?? "";
  await page.locator("[data-theme-toggle]").click();
  await expect.poll(async () => ((await html.getAttribute("class")) ?? "").includes("dark")).toBe(!before.includes("dark"));
  await page.reload();
  await page.locator("[data-search-button][data-ready]").waitFor();
  await expect.poll(async () => ((await html.getAttribute("class")) ?? "").includes("dark")).toBe(!before.includes("dark"));
  // Search (a lazily loaded chunk + its index) works too.
  await page.keyboard.press("Control+k");
  await expect(page.getByRole("dialog")).toBeVisible();
  expect(await violations()).toEqual([]);
});

test("the support sign-in page: a fresh nonce per request, on Next's scripts; signing in works", async ({ page }) => {
  const violations = await watchViolations(page);
  const first = await page.goto("/support/sign-in");
  const h = first!.headers();
  expectCommonHeaders(h);
  const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(scriptSrc(h["content-security-policy"]!))?.[1];
  expect(nonce).toBeTruthy();
  const again = await page.request.get("/support/sign-in");
  expect(again.headers()["content-security-policy"]).not.toContain(`'nonce-${nonce}'`);
  // The browser hides nonce attributes from getAttribute; the property keeps them.
  const nonces = await page.locator("script").evaluateAll((els) => els.map((e) => (e as HTMLScriptElement).nonce));
  expect(nonces.filter((n) => n === nonce).length).toBeGreaterThan(0);
  const data = JSON.parse(readFileSync(".tmp/e2e-support.json", "utf8")) as E2ESupportData;
  await page.getByLabel("Email").fill(data.email);
  await page.getByLabel("Password").fill(data.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/support$/);
  await expect(page.getByText(`Signed in as ${data.email}`)).toBeVisible();
  expect(await violations()).toEqual([]);
});

test("an API response, a redirect and a 404 carry the headers too", async ({ request, page, problems }) => {
  const health = await request.get("/api/health");
  expectCommonHeaders(health.headers());
  const verify = await request.post("/api/v1/verify", { data: { clientId: "not-a-guid" } });
  expectCommonHeaders(verify.headers());
  problems.allow(/HTTP 404: GET .*\/no-such-page/);
  problems.allow(/no-such-page: Failed to load resource: the server responded with a status of 404/);
  const violations = await watchViolations(page);
  const missing = await page.goto("/no-such-page");
  expect(missing!.status()).toBe(404);
  expectCommonHeaders(missing!.headers());
  expect(missing!.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  expect(await violations()).toEqual([]);
});

test("TRACE and other unknown methods → 405; an oversized server-action body → 413; a bad next → ignored", async ({ request }) => {
  for (const [method, path] of [["TRACE", SETUP], ["TRACE", "/api/v1/verify"], ["PUT", "/support"], ["DELETE", "/verify"], ["PATCH", "/"]] as const) {
    const res = await request.fetch(path, { method });
    expect(res.status(), `${method} ${path}`).toBe(405);
    expect(res.headers()["allow"]).toBe("GET, HEAD, POST");
  }
  // The JSON API answers every method it does not serve in JSON, GET through its route, the rest through the proxy.
  for (const method of ["GET", "PUT", "PATCH", "DELETE"]) {
    const res = await request.fetch("/api/v1/verify", { method });
    expect(res.status(), method).toBe(405);
    expect(res.headers()["allow"], method).toBe("POST");
    expect(res.headers()["content-type"], method).toMatch(/^application\/json/);
    expect(((await res.json()) as { error: { code: string } }).error.code, method).toBe("method_not_allowed");
  }
  const big = await request.post("/support/sign-in", {
    headers: { "next-action": "0".repeat(42), "content-type": "text/plain;charset=UTF-8" },
    data: "x".repeat(1024 * 1024 + 10),
  });
  expect(big.status()).toBe(413);
  const crlf = await request.get("/support/sign-in?next=/support%0d%0a");
  expect(crlf.status()).toBe(200);
  expect(await crlf.text()).toContain('name="next" value="/support"');
});
