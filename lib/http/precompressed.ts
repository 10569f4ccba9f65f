// Prerendered guide pages, served gzipped from a copy compressed once (by proxy.ts).
//
// A guide page is static: built once by `next build` (.next/server/app/guides/<guide>/<page>.html) and
// the same bytes for every reader (its CSP allows its inline scripts by hash, so there is no nonce in
// it). Next nevertheless gzips those bytes again on every request (its `compression` middleware, zlib
// level 6: ≈ 1–3 ms of CPU a view, most of a view's cost). Here the first request compresses the file
// once (level 9) and every later one gets that copy: the same HTML, the headers Next sends with it
// (content type, Vary, the prerender headers, a weak ETag with If-None-Match → 304), and proxy.ts adds
// the CSP, the request id and the setup marker cookie as for any page. Only a plain document request
// qualifies: GET or HEAD, no query string, none of the router's RSC headers (a client-side navigation
// wants the RSC payload, not HTML), and `Accept-Encoding` allowing gzip. Anything else goes to Next.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

/**
 * Next drops a Content-Encoding header that the proxy sets (and would gzip the body again): the proxy
 * names the encoding in this header, which scripts/http-preload.cjs (preloaded into the server by
 * `npm start`, the e2e server and the benchmarks) turns into Content-Encoding as Next writes the
 * headers. Without the preload, precompressed answers are off (PRECOMPRESSED_ENABLED).
 */
export const PRECOMPRESSED_HEADER = "x-bc-precompressed-encoding";

/** The preload marks the process (Symbol.for, same name as in scripts/http-preload.cjs). */
export const PRECOMPRESSED_ENABLED = (): boolean => Boolean((globalThis as Record<symbol, unknown>)[Symbol.for("bc-setup-checker.precompressed")]);

/** Headers of the App Router's own requests (navigations, prefetches, actions): those want Next. */
const ROUTER_HEADERS = ["rsc", "next-router-state-tree", "next-router-prefetch", "next-router-segment-prefetch", "next-action", "next-url"];

/** The Vary Next sends with an app page (the router headers) and Accept-Encoding, which `compression` adds. */
export const PAGE_VARY = "rsc, next-router-state-tree, next-router-prefetch, next-router-segment-prefetch, Accept-Encoding";

/** True when `Accept-Encoding` allows gzip (present, and not `q=0`). */
export function acceptsGzip(header: string | null): boolean {
  if (!header) return false;
  for (const part of header.split(",")) {
    const [coding, ...params] = part.trim().toLowerCase().split(";");
    if (coding?.trim() !== "gzip" && coding?.trim() !== "x-gzip") continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    return q === undefined || Number(q.slice(2)) > 0;
  }
  return false;
}

/** A request a precompressed guide page may answer: a plain browser/document GET or HEAD. */
export function isPlainDocumentRequest(method: string, pathname: string, search: string, headers: Headers): boolean {
  if (method !== "GET" && method !== "HEAD") return false;
  if (search !== "" || !/^\/guides\/[a-z0-9-]+\/[a-z0-9-]+$/.test(pathname)) return false;
  if (ROUTER_HEADERS.some((h) => headers.has(h))) return false;
  return acceptsGzip(headers.get("accept-encoding"));
}

export interface Precompressed {
  gzip: Buffer;
  /** The same bytes as a response body. */
  body: ArrayBuffer;
  /** Weak: the gzipped copy of the same HTML (as nginx marks what it compresses). */
  etag: string;
  /** Headers of the prerendered page that Next would send (.meta beside the HTML). */
  headers: Record<string, string>;
}

const cache = new Map<string, Precompressed | null>();

/** The gzipped copy of a built page (path relative to .next/server/app), made on first use; null when there is no such file. */
export function precompressedPage(appDir: string, file: string): Precompressed | null {
  if (cache.has(file)) return cache.get(file)!;
  let entry: Precompressed | null = null;
  try {
    const html = readFileSync(path.join(appDir, file));
    let headers: Record<string, string> = {};
    try {
      const meta = JSON.parse(readFileSync(path.join(appDir, file.replace(/\.html$/, ".meta")), "utf8")) as { headers?: Record<string, unknown> };
      for (const [k, v] of Object.entries(meta.headers ?? {})) if (typeof v === "string" && /^x-nextjs-/.test(k)) headers[k] = v;
    } catch {
      headers = {};
    }
    const hash = createHash("sha256").update(html).digest("base64url").slice(0, 27);
    const gzip = gzipSync(html, { level: 9 });
    const body = new ArrayBuffer(gzip.length);
    new Uint8Array(body).set(gzip);
    entry = { gzip, body, etag: `W/"${hash}"`, headers };
  } catch {
    entry = null;
  }
  if (cache.size < 500) cache.set(file, entry);
  return entry;
}

/** True when `If-None-Match` names this entity tag (weak comparison, `*` included). */
export function notModified(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const bare = (t: string) => t.trim().replace(/^W\//, "");
  return ifNoneMatch.split(",").some((t) => t.trim() === "*" || bare(t) === bare(etag));
}
