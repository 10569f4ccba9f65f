// When proxy.ts answers a guide page from its gzipped copy (lib/http/precompressed.ts), and with what.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, describe, expect, test } from "vitest";
import { acceptsGzip, isPlainDocumentRequest, notModified, precompressedPage } from "@/lib/http/precompressed";

const PAGE = "/guides/dynamics365-business-central/setup";
const h = (init: Record<string, string> = {}) => new Headers({ "accept-encoding": "gzip, deflate, br", ...init });

describe("which requests get the gzipped copy", () => {
  test("a plain GET or HEAD of a guide page that accepts gzip", () => {
    expect(isPlainDocumentRequest("GET", PAGE, "", h())).toBe(true);
    expect(isPlainDocumentRequest("HEAD", PAGE, "", h())).toBe(true);
  });

  test("not the router's own requests (RSC navigations, prefetches, actions), a query string, POST or other paths", () => {
    for (const header of ["rsc", "next-router-state-tree", "next-router-prefetch", "next-router-segment-prefetch", "next-action", "next-url"]) {
      expect(isPlainDocumentRequest("GET", PAGE, "", h({ [header]: "1" })), header).toBe(false);
    }
    expect(isPlainDocumentRequest("GET", PAGE, "?_rsc=abc", h())).toBe(false);
    expect(isPlainDocumentRequest("POST", PAGE, "", h())).toBe(false);
    expect(isPlainDocumentRequest("GET", "/", "", h())).toBe(false);
    expect(isPlainDocumentRequest("GET", "/support/setups", "", h())).toBe(false);
    expect(isPlainDocumentRequest("GET", `${PAGE}/x`, "", h())).toBe(false);
  });

  test("only when Accept-Encoding allows gzip", () => {
    expect(acceptsGzip(null)).toBe(false);
    expect(acceptsGzip("")).toBe(false);
    expect(acceptsGzip("identity")).toBe(false);
    expect(acceptsGzip("br")).toBe(false);
    expect(acceptsGzip("gzip")).toBe(true);
    expect(acceptsGzip("deflate, GZIP;q=0.5")).toBe(true);
    expect(acceptsGzip("gzip;q=0")).toBe(false);
    expect(acceptsGzip("gzip; q=0.0, br")).toBe(false);
    expect(isPlainDocumentRequest("GET", PAGE, "", new Headers())).toBe(false);
  });
});

describe("the gzipped copy", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "precompressed-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(path.join(dir, "guides", "g"), { recursive: true });
  const html = "<!DOCTYPE html><html><body>" + "<p>same bytes for everyone</p>".repeat(200) + "</body></html>";
  writeFileSync(path.join(dir, "guides", "g", "p.html"), html);
  writeFileSync(
    path.join(dir, "guides", "g", "p.meta"),
    JSON.stringify({ headers: { "x-nextjs-stale-time": "300", "x-nextjs-prerender": "1", "x-next-cache-tags": "a,b" } }),
  );

  test("unzips to the built HTML, with Next's prerender headers and a weak ETag", () => {
    const page = precompressedPage(dir, "guides/g/p.html")!;
    expect(gunzipSync(page.gzip).toString("utf8")).toBe(html);
    expect(page.gzip.length).toBeLessThan(html.length / 10);
    expect(page.headers).toEqual({ "x-nextjs-stale-time": "300", "x-nextjs-prerender": "1" });
    expect(page.etag).toMatch(/^W\/"[\w-]{27}"$/);
    expect(precompressedPage(dir, "guides/g/p.html")).toBe(page); // made once
  });

  test("no file, no copy (Next answers)", () => {
    expect(precompressedPage(dir, "guides/g/missing.html")).toBeNull();
  });

  test("If-None-Match with the same tag (weak or strong, in a list, or *) is a 304", () => {
    const { etag } = precompressedPage(dir, "guides/g/p.html")!;
    expect(notModified(etag, etag)).toBe(true);
    expect(notModified(etag.replace(/^W\//, ""), etag)).toBe(true);
    expect(notModified(`"other", ${etag}`, etag)).toBe(true);
    expect(notModified("*", etag)).toBe(true);
    expect(notModified('"other"', etag)).toBe(false);
    expect(notModified(null, etag)).toBe(false);
  });
});
