// The guide site in a real browser: rendering, navigation, search, copy, theme, mobile, accessibility.
import http from "node:http";
import { gunzipSync } from "node:zlib";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, gotoReady, REDIRECT_URI, SETUP, STEPS, TESTING, test } from "./docs-fixtures";

/**
 * The guide page's HTML may not grow past this (raw bytes). Issue 13's goal is 120 KB (`npm run bench --
 * guide` reports it); what is left above it is the HTML of the "Verify my setup" panels and the progress
 * bar, which are rendered on the server. Lower this as the page gets lighter. (Raised from 118 to 120 on
 * 2026-12-01: the prose's 53 icons became <use> references to one sprite file instead of CSS masks of
 * data: URIs, +1.9 KB raw; gzipped, the answer went from 25,158 to 25,018 bytes and the stylesheet lost
 * 3.4 KB. Each mask image was an SVG document of its own for the browser to build: components/icon-sprite.tsx.)
 */
const HTML_BUDGET_KB = 120;

async function readClipboard(page: Page): Promise<string> {
  return page.evaluate(() => navigator.clipboard.readText());
}

test.describe("guide page", () => {
  test("renders every step, in order, with its number and heading", async ({ page }) => {
    await gotoReady(page, SETUP);
    await expect(page).toHaveTitle(/Set up the Dynamics 365 Business Central integration/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Set up the Dynamics 365 Business Central integration");
    const sections = page.locator("section[data-step]");
    await expect(sections).toHaveCount(STEPS.length);
    for (const [i, [id, title]] of STEPS.entries()) {
      const section = sections.nth(i);
      await expect(section).toHaveAttribute("data-step", id);
      await expect(section.getByRole("heading", { level: 2, name: title })).toHaveAttribute("id", id);
      await expect(section.locator(".step-number")).toHaveText(String(i + 1));
    }
    await expect(page.getByText(/Last updated/)).toContainText("2026");
    await expect(page.getByRole("link", { name: /Next Test your integration/ })).toHaveAttribute("href", TESTING);
    // Our own illustrations are static SVG files, one per theme; only the current theme's is shown.
    await expect(page.locator("figure img.illustration")).toHaveCount(6);
    await expect(page.locator("figure img.illustration:visible")).toHaveCount(3);
  });

  test("the table of contents jumps to a section and marks it current", async ({ page }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await gotoReady(page, SETUP);
    const toc = page.getByRole("navigation", { name: "On this page" });
    await expect(toc).toBeVisible();
    await toc.getByRole("link", { name: "Add the Business Central permissions" }).click();
    await expect(page).toHaveURL(new RegExp(`${SETUP}#api-permissions$`));
    const heading = page.locator("#api-permissions");
    await expect(heading).toBeInViewport();
    // The heading lands just below everything sticky (header, progress bar), not under it.
    const gap = () =>
      heading.evaluate((el) => {
        const stuck = [...document.querySelectorAll<HTMLElement>(".site-header, [data-slot=top]")].map((e) => e.getBoundingClientRect().bottom);
        return Math.round(el.getBoundingClientRect().top - Math.max(...stuck));
      });
    await expect.poll(gap).toBeGreaterThanOrEqual(0);
    await expect.poll(gap).toBeLessThan(48);
    await expect(toc.getByRole("link", { name: "Add the Business Central permissions" })).toHaveAttribute("aria-current", "location");
    // Scrolling elsewhere moves the highlight.
    await page.locator("#client-secret").scrollIntoViewIfNeeded();
    await page.evaluate(() => document.getElementById("client-secret")!.scrollIntoView({ block: "start" }));
    await expect(toc.getByRole("link", { name: "Create a client secret" })).toHaveAttribute("aria-current", "location");
  });

  test("heading anchors link to the section and copy its URL", async ({ page, context, baseURL }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await gotoReady(page, SETUP);
    const anchor = page.getByRole("link", { name: "Link to section: Create a client secret (copies the link)" });
    await anchor.focus();
    await expect(anchor).toBeVisible();
    await anchor.click();
    await expect(page).toHaveURL(new RegExp("#client-secret$"));
    await expect.poll(() => readClipboard(page)).toBe(`${baseURL}${SETUP}#client-secret`);
  });

  test("every icon of the prose is drawn from the sprite (public/icons-<hash>.svg), which is cached for good", async ({ page, request }) => {
    await gotoReady(page, SETUP);
    const icons = page.locator("svg.icon");
    expect(await icons.count()).toBeGreaterThan(20);
    // A <use> whose symbol loaded has the symbol's box; a missing file or id leaves it empty.
    await expect
      .poll(() => page.evaluate(() => Array.from(document.querySelectorAll<SVGUseElement>("svg.icon use"), (u) => Math.round(u.getBBox().width)).filter((w) => w === 0).length))
      .toBe(0);
    const sprite = await page.locator("svg.icon use").first().getAttribute("href");
    const res = await request.get(sprite!.replace(/#.*$/, ""));
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toContain("image/svg+xml");
    expect(res.headers()["cache-control"]).toBe("public, max-age=31536000, immutable");
  });

  test("copy buttons put the exact redirect URI and the portal address on the clipboard", async ({ page, context }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await gotoReady(page, SETUP);
    await page.getByRole("button", { name: "Copy redirect URI", exact: true }).click();
    await expect.poll(() => readClipboard(page)).toBe(REDIRECT_URI);
    await expect(page.getByRole("button", { name: "Copy redirect URI", exact: true }).getByRole("status")).toHaveText("Copied to clipboard");
    // The tick is the sprite's "check" symbol for 2 s, then the copy icon again.
    const drawn = page.getByRole("button", { name: "Copy redirect URI", exact: true }).locator(".icon use");
    await expect(drawn).toHaveAttribute("href", /^\/icons-[0-9a-f]{8}\.svg#check$/);
    await expect(drawn).toHaveAttribute("href", /^\/icons-[0-9a-f]{8}\.svg#copy$/, { timeout: 5000 });

    await page.evaluate(() => navigator.clipboard.writeText(""));
    await page.getByRole("button", { name: "Copy redirect URI (Web)" }).click();
    await expect.poll(() => readClipboard(page)).toBe(REDIRECT_URI);

    // Business Central's own application ID is shown for reference, with no copy button: nobody types it
    // anywhere, and a button invited pasting it as the client ID (the checker fails that since 2026-12-02).
    await expect(page.getByRole("button", { name: "Copy Business Central application ID" })).toHaveCount(0);
    await page.getByRole("button", { name: "Copy Accounting integrations page address" }).click();
    await expect.poll(() => readClipboard(page)).toBe("https://app.codat.io/settings/integrations/accounting");

    // A whole code block copies without a trailing newline.
    await page.getByRole("button", { name: "Copy manifest excerpt" }).click();
    const manifest = JSON.parse(await readClipboard(page));
    expect(manifest.requiredResourceAccess[0].resourceAppId).toBe("996def3d-b36c-4153-8607-a6fd3c01b89f");
    expect(manifest.web.redirectUris).toEqual([REDIRECT_URI]);
  });

  test("the test page exists and every internal link on the guide resolves", async ({ page, request }) => {
    await gotoReady(page, SETUP);
    const hrefs = await page.locator("article a[href^='/'], article a[href^='#']").evaluateAll((as) => as.map((a) => a.getAttribute("href")!));
    expect(hrefs.length).toBeGreaterThan(10);
    for (const href of new Set(hrefs)) {
      const [path, hash] = href.startsWith("#") ? [SETUP, href.slice(1)] : href.split("#");
      const res = await request.get(path!);
      expect(res.status(), href).toBe(200);
      if (hash) expect(await res.text(), href).toContain(`id="${hash}"`);
    }
  });
});

test.describe("search", () => {
  test("finds “redirect URI” and Enter lands on #register-application", async ({ page }) => {
    await gotoReady(page, "/");
    const indexRequests: string[] = [];
    page.on("request", (r) => r.url().includes("search-index.json") && indexRequests.push(r.url()));
    await page.waitForLoadState("networkidle");
    expect(indexRequests, "the index loads only when search opens").toEqual([]);

    await page.keyboard.press("/");
    const dialog = page.getByRole("dialog", { name: "Search the guides" });
    await expect(dialog).toBeVisible();
    const input = dialog.getByRole("combobox", { name: "Search the guides" });
    await expect(input).toBeFocused();
    await input.fill("redirect URI");
    const options = dialog.getByRole("option");
    await expect(options.first()).toContainText("Register an application in Microsoft Entra ID");
    await expect(options.first()).toHaveAttribute("aria-selected", "true");
    expect(indexRequests).toHaveLength(1);
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(new RegExp(`${SETUP}#register-application$`));
    await expect(dialog).toBeHidden();
    await expect(page.locator("#register-application")).toBeInViewport();
  });

  test("Ctrl+K opens it, arrows move the selection, Escape closes and returns focus", async ({ page }) => {
    await gotoReady(page, SETUP);
    const button = page.getByRole("button", { name: "Search", exact: true });
    await button.focus();
    await page.keyboard.press("Control+k");
    const dialog = page.getByRole("dialog", { name: "Search the guides" });
    await expect(dialog).toBeVisible();
    await page.keyboard.type("secret");
    const options = dialog.getByRole("option");
    await expect(options.nth(1)).toBeVisible();
    await page.keyboard.press("ArrowDown");
    await expect(options.nth(1)).toHaveAttribute("aria-selected", "true");
    await expect(dialog.getByRole("combobox")).toHaveAttribute("aria-activedescendant", (await options.nth(1).getAttribute("id"))!);
    await page.keyboard.press("ArrowUp");
    await expect(options.nth(0)).toHaveAttribute("aria-selected", "true");
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
    await expect(button).toBeFocused();
    // The visible button opens it too, and a search across pages works.
    await button.click();
    await page.keyboard.type("sandbox or production");
    await expect(dialog.getByRole("option").first()).toContainText("Sandbox or production?");
    await dialog.getByRole("option").first().click();
    await expect(page).toHaveURL(new RegExp(`${TESTING}#sandbox-or-production$`));
  });

  test("says so when nothing matches", async ({ page }) => {
    await gotoReady(page, SETUP);
    await page.keyboard.press("/");
    await page.getByRole("combobox").fill("xylophone");
    await expect(page.getByRole("dialog").getByRole("status")).toHaveText("No results for “xylophone”.");
  });
});

test.describe("theme", () => {
  test("follows the system by default", async ({ browser }) => {
    const context = await browser.newContext({ colorScheme: "dark" });
    const page = await context.newPage();
    await gotoReady(page, SETUP);
    await expect(page.locator("html")).toHaveClass(/dark/);
    await context.close();
  });

  test("the toggle switches to dark and the choice survives a reload", async ({ page }) => {
    await page.emulateMedia({ colorScheme: "light" });
    await gotoReady(page, SETUP);
    const html = page.locator("html");
    await expect(html).not.toHaveClass(/dark/);
    const toggle = page.getByRole("button", { name: "Dark mode" });
    await expect(toggle).toHaveAttribute("aria-pressed", "false");
    await toggle.click();
    await expect(html).toHaveClass(/dark/);
    await expect(toggle).toHaveAttribute("aria-pressed", "true");
    await page.reload();
    await expect(html).toHaveClass(/dark/);
    await expect(page.getByRole("button", { name: "Dark mode" })).toHaveAttribute("aria-pressed", "true");
    // And back to light, which also persists.
    await page.getByRole("button", { name: "Dark mode" }).click();
    await page.reload();
    await expect(html).not.toHaveClass(/dark/);
  });

  test("loading a page adds no style element; switching pauses transitions, then restores them", async ({ page }) => {
    // next-themes with disableTransitionOnChange inserted (and removed) a <style> on every load, each a
    // recalculation of the whole page's styles; the toggle now pauses transitions itself.
    await page.addInitScript(() => {
      const w = window as unknown as { __styles: number };
      w.__styles = 0;
      new MutationObserver((records) => {
        for (const r of records) for (const n of Array.from(r.addedNodes)) if (n.nodeName === "STYLE") w.__styles++;
      }).observe(document, { childList: true, subtree: true });
    });
    await page.emulateMedia({ colorScheme: "light" });
    await gotoReady(page, SETUP);
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as unknown as { __styles: number }).__styles)).toBe(0);

    const toggle = page.getByRole("button", { name: "Dark mode" });
    // In the frame of the switch (the click's handler has run), and once it has been painted.
    const before = await toggle.evaluate((button) => getComputedStyle(button).transitionProperty);
    const during = await toggle.evaluate((button) => {
      (button as HTMLButtonElement).click();
      return { switching: document.documentElement.classList.contains("theme-switching"), transition: getComputedStyle(button).transitionProperty };
    });
    expect(during).toEqual({ switching: true, transition: "none" });
    expect(before).not.toBe("none");
    await expect(page.locator("html")).not.toHaveClass(/theme-switching/);
    await expect(page.locator("html")).toHaveClass(/dark/);
    expect(await toggle.evaluate((button) => getComputedStyle(button).transitionProperty)).toBe(before);
  });
});

test.describe("mobile (390 px)", () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true });

  test("the menu opens from the keyboard, lists the guides, closes with Escape and on navigation", async ({ page }) => {
    await gotoReady(page, SETUP);
    await expect(page.getByRole("navigation", { name: "On this page" })).toBeHidden();
    const menuButton = page.getByRole("button", { name: "Menu", exact: true });
    await expect(menuButton).toBeVisible();
    await expect(menuButton).toHaveAttribute("aria-expanded", "false");
    await menuButton.focus();
    await page.keyboard.press("Enter");
    const menu = page.getByRole("dialog", { name: "Menu" });
    await expect(menu).toBeVisible();
    await expect(menuButton).toHaveAttribute("aria-expanded", "true");
    await expect(menu.getByRole("link", { name: "Set up the integration" })).toHaveAttribute("aria-current", "page");
    await page.keyboard.press("Escape");
    await expect(menu).toBeHidden();
    await expect(menuButton).toBeFocused();

    await menuButton.click();
    await menu.getByRole("link", { name: "Test your integration" }).click();
    await expect(page).toHaveURL(new RegExp(`${TESTING}$`));
    await expect(menu).toBeHidden();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Test your Dynamics 365 Business Central integration");
  });

  test("nothing overflows sideways and the inline table of contents works", async ({ page }) => {
    await gotoReady(page, SETUP);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.locator("details.inline-toc summary").click();
    await page.locator("details.inline-toc").getByRole("link", { name: "Create a client secret" }).click();
    await expect(page).toHaveURL(/#client-secret$/);
    await expect(page.locator("#client-secret")).toBeInViewport();
  });
});

test.describe("sticky offset", () => {
  for (const [width, height] of [
    [390, 844],
    [1280, 800],
  ] as const) {
    test(`at ${width} px the stylesheet's offset is the header and progress bar's height: nothing restyles the page on load`, async ({ page }) => {
      await page.setViewportSize({ width, height });
      await gotoReady(page, SETUP);
      // The ResizeObserver has reported (its first report comes with the first layout after hydration).
      await page.waitForTimeout(300);
      const r = await page.evaluate(() => ({
        inline: document.documentElement.style.getPropertyValue("--sticky-offset"),
        css: parseFloat(getComputedStyle(document.documentElement).getPropertyValue("--sticky-offset")),
        measured: Math.round(document.querySelector(".site-header")!.getBoundingClientRect().height + document.querySelector('[data-slot="top"]')!.getBoundingClientRect().height),
      }));
      expect(r.css).toBe(r.measured);
      // components/sticky-offset.tsx set nothing on <html>.
      expect(r.inline).toBe("");
    });
  }
});

test.describe("site", () => {
  test("home lists the guides", async ({ page }) => {
    await gotoReady(page, "/");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await page.getByRole("link", { name: "Start the Dynamics 365 Business Central guide" }).click();
    await expect(page).toHaveURL(new RegExp(`${SETUP}$`));
  });

  test("an unknown page gets the friendly 404 with a way back", async ({ page, problems }) => {
    // The one expected 404: the page itself, and Chromium's console line about it.
    problems.allow(/^HTTP 404: GET http:\/\/[^/]+\/guides\/dynamics365-business-central\/nope$/);
    problems.allow(/^console error on http:\/\/[^/]+\/guides\/dynamics365-business-central\/nope: Failed to load resource: the server responded with a status of 404/);
    const res = await gotoReady(page, "/guides/dynamics365-business-central/nope");
    expect(res?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("We couldn’t find that page");
    await page.getByRole("link", { name: "Set up the integration" }).click();
    await expect(page).toHaveURL(new RegExp(`${SETUP}$`));
  });

  test("an address no route answers gets the same 404 with the guides' header and its search (app/global-not-found.tsx, static)", async ({ page, problems }) => {
    problems.allow(/^HTTP 404: GET http:\/\/[^/]+\/no\/such\/place$/);
    problems.allow(/^console error on http:\/\/[^/]+\/no\/such\/place: Failed to load resource: the server responded with a status of 404/);
    const res = await gotoReady(page, "/no/such/place");
    expect(res?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("We couldn’t find that page");
    await expect(page.locator("[data-search-button]")).toBeVisible();
    await page.keyboard.press("/");
    await expect(page.getByRole("dialog")).toBeVisible();
  });

  test("the icons: app/icon.svg is linked from every page, and /favicon.ico (which browsers ask for on their own) is served", async ({ page, request }) => {
    await gotoReady(page, SETUP);
    const href = await page.locator('link[rel="icon"]').first().getAttribute("href");
    expect(href).toMatch(/^\/icon\.svg/);
    expect((await request.get(href!)).status()).toBe(200);
    const ico = await request.get("/favicon.ico");
    expect(ico.status()).toBe(200);
    expect(ico.headers()["content-type"]).toBe("image/x-icon");
    // An ICO header: reserved 0, type 1 (icon), one image.
    expect([...(await ico.body()).subarray(0, 6)]).toEqual([0, 0, 1, 0, 1, 0]);
  });

  test("metadata, sitemap, robots and the search index", async ({ page, request }) => {
    await gotoReady(page, SETUP);
    await expect(page.locator('meta[name="description"]')).toHaveAttribute("content", /Register an app in Microsoft Entra ID/);
    await expect(page.locator('meta[property="og:title"]')).toHaveAttribute("content", "Set up the Dynamics 365 Business Central integration");
    await expect(page.locator('meta[property="og:type"]')).toHaveAttribute("content", "article");
    await expect(page.locator('link[rel="canonical"]')).toHaveAttribute("href", new RegExp(`${SETUP}$`));
    const sitemap = await (await request.get("/sitemap.xml")).text();
    expect(sitemap).toContain(`${SETUP}</loc>`);
    expect(sitemap).toContain(`${TESTING}</loc>`);
    expect(await (await request.get("/robots.txt")).text()).toContain("Sitemap:");
    const index = await request.get("/search-index.json");
    expect(index.headers()["content-type"]).toContain("application/json");
    expect((await index.json()).documentCount).toBeGreaterThan(10);
    const redirect = await request.get("/guides/dynamics365-business-central", { maxRedirects: 0 });
    expect([307, 308]).toContain(redirect.status());
  });

  test("a skip link leads keyboard users to the content", async ({ page }) => {
    await gotoReady(page, SETUP);
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Skip to content" });
    await expect(skip).toBeFocused();
    await expect(skip).toBeVisible();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/#main-content$/);
  });
});

test.describe("accessibility (axe)", () => {
  for (const scheme of ["light", "dark"] as const) {
    test(`no serious or critical violations in ${scheme} mode`, async ({ page, problems }) => {
      test.slow();
      // The one expected 404: the friendly not-found page scanned below, and Chromium's console line about it.
      problems.allow(/^HTTP 404: GET http:\/\/[^/]+\/guides\/x\/missing$/);
      problems.allow(/^console error on http:\/\/[^/]+\/guides\/x\/missing: Failed to load resource: the server responded with a status of 404/);
      await page.emulateMedia({ colorScheme: scheme, reducedMotion: "reduce" });
      const scan = async (label: string) => {
        const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
        const bad = result.violations
          .filter((v) => v.impact === "serious" || v.impact === "critical")
          .map((v) => `${label}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 5).join(", ")}`);
        return bad;
      };
      const found: string[] = [];
      for (const path of ["/", SETUP, TESTING, "/guides/x/missing"]) {
        await gotoReady(page, path);
        await expect(page.locator("html")).toHaveClass(scheme === "dark" ? /dark/ : /^(?!.*dark)/);
        found.push(...(await scan(path)));
      }
      await gotoReady(page, SETUP);
      await page.keyboard.press("/");
      await page.getByRole("combobox").fill("redirect");
      await expect(page.getByRole("option").first()).toBeVisible();
      found.push(...(await scan("search dialog")));
      await page.keyboard.press("Escape");
      await page.setViewportSize({ width: 390, height: 844 });
      await page.getByRole("button", { name: "Menu", exact: true }).click();
      await expect(page.getByRole("dialog", { name: "Menu" })).toBeVisible();
      found.push(...(await scan("mobile menu")));
      expect(found).toEqual([]);
    });
  }
});

// Issue 13: a smaller guide page, served from a gzipped copy; what it shows must not change.
test.describe("page weight", () => {
  /** A raw HTTP GET (no decompression), so the test sees what went over the wire. */
  function rawGet(url: string, headers: Record<string, string>): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
    return new Promise((resolve, reject) => {
      http
        .get(url, { headers }, (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        })
        .on("error", reject);
    });
  }

  test(`the guide page's HTML stays within ${HTML_BUDGET_KB} KB, and the gzipped answer is that same HTML with its CSP`, async ({ baseURL }) => {
    const plain = await rawGet(`${baseURL}${SETUP}`, { "accept-encoding": "identity" });
    expect(plain.status).toBe(200);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.length).toBeLessThanOrEqual(HTML_BUDGET_KB * 1024);
    // No sketch drawn into the page (they are files) and no inline colour on code tokens.
    const html = plain.body.toString("utf8");
    expect(html).not.toMatch(/<svg[^>]*role="img"/);
    expect(html).not.toMatch(/--shiki-(light|dark)/);

    const gz = await rawGet(`${baseURL}${SETUP}`, { "accept-encoding": "gzip, deflate, br" });
    expect(gz.status).toBe(200);
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gz.body).equals(plain.body)).toBe(true);
    expect(gz.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(String(gz.headers.vary)).toMatch(/rsc.*Accept-Encoding/i);
    expect(gz.headers["content-security-policy"]).toBe(plain.headers["content-security-policy"]);
    expect(gz.headers["content-security-policy"]).toMatch(/script-src 'self' 'sha256-/);
    expect(gz.headers["x-request-id"]).toBeTruthy();
    // Revalidation: the same ETag answers 304.
    const etag = String(gz.headers.etag);
    const again = await rawGet(`${baseURL}${SETUP}`, { "accept-encoding": "gzip", "if-none-match": etag });
    expect(again.status).toBe(304);
    // A client-side navigation or prefetch (RSC request) still gets Next's flight data, not the HTML.
    // (Without the `_rsc` query that matches its headers, Next first redirects to the URL with it.)
    for (const headers of [{ rsc: "1" }, { rsc: "1", "next-router-prefetch": "1" }] as Record<string, string>[]) {
      let rsc = await rawGet(`${baseURL}${SETUP}`, { "accept-encoding": "gzip", ...headers });
      expect(String(rsc.headers["content-type"] ?? ""), JSON.stringify(headers)).not.toContain("text/html");
      if (rsc.status === 307) rsc = await rawGet(new URL(String(rsc.headers.location), baseURL).toString(), { "accept-encoding": "gzip", ...headers });
      expect(rsc.status, JSON.stringify(headers)).toBe(200);
      expect(String(rsc.headers["content-type"]), JSON.stringify(headers)).toContain("text/x-component");
    }
  });

  test("every script the guide page loads starts with V8's compile hint (scripts/compile-hints.cjs), and the page works", async ({ page }) => {
    const scripts: string[] = [];
    page.on("response", (r) => {
      if (r.request().resourceType() === "script") scripts.push(r.url());
    });
    await gotoReady(page, SETUP);
    // A panel woken up (its chunk fetched too): the page's code ran from the hinted chunks.
    await page.locator('[data-verify-step="register-application"]').scrollIntoViewIfNeeded();
    await expect(page.locator('[data-island="verify"][data-hydrated]').first()).toBeAttached();
    expect(scripts.length).toBeGreaterThan(3);
    for (const url of scripts) {
      const text = await (await page.request.get(url)).text();
      expect(text.startsWith("//# allFunctionsCalledOnLoad\n"), url).toBe(true);
    }
  });

  test("the stylesheet keeps prose styles out of .not-prose with class selectors, not [class~=] (scripts/postcss-class-attribute.cjs)", async ({ page }) => {
    await gotoReady(page, SETUP);
    const sheet = await page.evaluate(async () => {
      const href = document.querySelector<HTMLLinkElement>('link[rel="stylesheet"]')!.href;
      return (await fetch(href)).text();
    });
    expect(sheet).not.toContain("[class~=");
    expect(sheet).toContain(".not-prose");
    // The guard still works: a paragraph of the prose gets the prose's spacing, one inside a panel
    // (section.not-prose within the prose) does not.
    const margins = await page.evaluate(() => {
      const inProse = document.querySelector(".prose p:not(.not-prose p)")!;
      const inPanel = document.querySelector(".prose .not-prose p")!;
      return { prose: getComputedStyle(inProse).marginBottom, panel: getComputedStyle(inPanel).marginBottom };
    });
    expect(margins.prose).not.toBe("0px");
    expect(margins.panel).not.toBe(margins.prose);
  });

  test("code tokens are coloured by class, in light and in dark mode", async ({ page }) => {
    const colours = async () =>
      page.locator("[data-code-block] pre.shiki[data-language=json]").first().evaluate((pre) => {
        const token = (cls: string) => getComputedStyle(pre.querySelector(`span.${cls}`)!).color;
        return { keyword: token("k"), value: token("x"), plain: getComputedStyle(pre).color, background: getComputedStyle(pre).backgroundColor };
      });
    await page.emulateMedia({ colorScheme: "light" });
    await gotoReady(page, SETUP);
    const light = await colours();
    expect(light).toEqual({ keyword: "rgb(215, 58, 73)", value: "rgb(34, 134, 58)", plain: "rgb(36, 41, 46)", background: "rgb(255, 255, 255)" });
    await page.emulateMedia({ colorScheme: "dark" });
    await expect(page.locator("html")).toHaveClass(/dark/);
    const dark = await colours();
    expect(dark).toEqual({ keyword: "rgb(249, 117, 131)", value: "rgb(133, 232, 157)", plain: "rgb(225, 228, 232)", background: "rgb(36, 41, 46)" });
  });

  for (const scheme of ["light", "dark"] as const) {
    test(`illustrations load, with alt text, in ${scheme} mode`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme });
      await gotoReady(page, SETUP);
      await expect(page.locator("html")).toHaveClass(scheme === "dark" ? /dark/ : /^(?!.*dark)/);
      const figures = page.locator("figure.figure");
      await expect(figures).toHaveCount(3);
      for (let i = 0; i < 3; i++) {
        const figure = figures.nth(i);
        await figure.scrollIntoViewIfNeeded();
        const shown = figure.locator("img:visible");
        await expect(shown).toHaveCount(1);
        await expect(shown).toHaveAttribute("src", scheme === "dark" ? /-dark\.svg$/ : /\/illustrations\/[a-z-]+(?<!-dark)\.svg$/);
        await expect(shown).toHaveAttribute("alt", /\w.{40,}/);
        await expect.poll(() => shown.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
        await expect(figure.locator("figcaption")).not.toBeEmpty();
      }
    });
  }
});
