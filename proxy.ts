// Runs before every page and route (Next 16's renamed middleware):
//  - unknown HTTP methods (TRACE, PUT, …) → 405 (nothing here answers them; Next would throw a 500);
//  - server-action POSTs over the body limit → 413 (Next would throw a 500);
//  - a request id on every request and response (`x-request-id`: the proxy's own when it sends a plain
//    token, else a new one), which the log lines of the request carry (lib/log.ts, instrumentation.ts);
//  - the Content-Security-Policy of pages (lib/http/csp.ts explains the policy: hashes for prerendered
//    pages, a per-request nonce for dynamic ones);
//  - a prerendered guide page asked for by a plain document request is answered here, from a copy of
//    its built HTML gzipped once, instead of Next gzipping the same bytes on every view
//    (lib/http/precompressed.ts says when and with which headers).
// The other security headers (nosniff, frame, referrer, permissions, HSTS) are set for every response,
// static files included, in next.config.js.
import { readFileSync } from "node:fs";
import path from "node:path";
import { NextResponse, type NextRequest } from "next/server";
import { buildCsp, inlineScriptHashes, layoutScriptHashes, prerenderedFile } from "@/lib/http/csp";
import { PAGE_VARY, PRECOMPRESSED_ENABLED, PRECOMPRESSED_HEADER, isPlainDocumentRequest, notModified, precompressedPage } from "@/lib/http/precompressed";
import { SERVER_ACTION_BODY_LIMIT_BYTES } from "@/lib/http/limits";
import { requestIdOf } from "@/lib/http/request-id";
import { methodNotAllowedError, VERIFY_ALLOW, VERIFY_PATH } from "@/lib/api/method";
import { SETUP_COOKIE, SETUP_MARKER_COOKIE, isPublicId, setupMarkerCookieOptions } from "@/lib/customer/cookie";

const ALLOWED_METHODS = ["GET", "HEAD", "POST"];
const APP_DIR = path.join(process.cwd(), ".next", "server", "app");
const dev = process.env.NODE_ENV === "development";
const https = (process.env.SITE_URL ?? "").startsWith("https://");

const hashCache = new Map<string, string[] | null>();

/** Inline-script hashes of a prerendered page, or null when the path is not one (read once per path). */
function prerenderedHashes(file: string): string[] | null {
  if (hashCache.has(file)) return hashCache.get(file)!;
  let hashes: string[] | null = null;
  try {
    hashes = inlineScriptHashes(readFileSync(path.join(APP_DIR, file), "utf8"));
  } catch {
    hashes = null;
  }
  if (hashCache.size < 2000) hashCache.set(file, hashes);
  return hashes;
}

let layoutHashes: string[] | undefined;
/**
 * Hashes of the inline scripts the frames render (next-themes' no-flash script: the same in the guides'
 * frame and the console's, components/theme-provider.tsx), from the built home page.
 */
function commonHashes(): string[] {
  if (layoutHashes) return layoutHashes;
  try {
    layoutHashes = layoutScriptHashes(readFileSync(path.join(APP_DIR, "index.html"), "utf8"));
  } catch {
    layoutHashes = [];
  }
  return layoutHashes;
}

/** The request with its request id, and the response headers that echo it. */
function withRequestId(request: NextRequest, extra?: Headers): { headers: Headers; id: string } {
  const id = requestIdOf(request.headers.get("x-request-id"));
  const headers = extra ?? new Headers(request.headers);
  headers.set("x-request-id", id);
  return { headers, id };
}

/**
 * The page goes on with its request id and CSP. A browser that got its setup cookie before the
 * script-readable marker existed gets the marker too, so the static guide page knows to load its
 * progress (lib/customer/cookie.ts).
 */
function next(request: NextRequest, csp: string, requestHeaders?: Headers): NextResponse {
  const { headers, id } = withRequestId(request, requestHeaders);
  return withPageHeaders(request, NextResponse.next({ request: { headers } }), csp, id);
}

/** CSP, request id and (for a browser that has a setup but not the marker yet) the setup marker cookie. */
function withPageHeaders(request: NextRequest, res: NextResponse, csp: string, id: string): NextResponse {
  res.headers.set("content-security-policy", csp);
  res.headers.set("x-request-id", id);
  if (!request.cookies.has(SETUP_MARKER_COOKIE) && isPublicId(request.cookies.get(SETUP_COOKIE)?.value)) {
    res.cookies.set(SETUP_MARKER_COOKIE, "1", setupMarkerCookieOptions());
  }
  return res;
}

/** A prerendered guide page from its gzipped copy (lib/http/precompressed.ts); null: let Next serve it. */
function precompressed(request: NextRequest, file: string, csp: string): NextResponse | null {
  if (!PRECOMPRESSED_ENABLED() || !isPlainDocumentRequest(request.method, request.nextUrl.pathname, request.nextUrl.search, request.headers)) return null;
  const page = precompressedPage(APP_DIR, file);
  if (!page) return null;
  const headers = new Headers(page.headers);
  headers.set("etag", page.etag);
  headers.set("vary", PAGE_VARY);
  headers.set("cache-control", "s-maxage=31536000");
  if (notModified(request.headers.get("if-none-match"), page.etag)) {
    return withPageHeaders(request, new NextResponse(null, { status: 304, headers }), csp, requestIdOf(request.headers.get("x-request-id")));
  }
  headers.set("content-type", "text/html; charset=utf-8");
  headers.set(PRECOMPRESSED_HEADER, "gzip");
  const body = request.method === "HEAD" ? null : page.body;
  return withPageHeaders(request, new NextResponse(body, { status: 200, headers }), csp, requestIdOf(request.headers.get("x-request-id")));
}

export function proxy(request: NextRequest) {
  const preflight = request.method === "OPTIONS" && request.nextUrl.pathname.startsWith("/api/");
  if (!ALLOWED_METHODS.includes(request.method) && !preflight) {
    if (request.nextUrl.pathname === VERIFY_PATH) {
      // The JSON API answers in JSON, as for every other error of its own.
      return NextResponse.json(
        { error: methodNotAllowedError(request.method) },
        { status: 405, headers: { allow: VERIFY_ALLOW, "cache-control": "no-store", "x-request-id": requestIdOf(request.headers.get("x-request-id")) } },
      );
    }
    return new NextResponse("Method not allowed\n", { status: 405, headers: { allow: ALLOWED_METHODS.join(", "), "content-type": "text/plain; charset=utf-8" } });
  }
  if (request.method === "POST" && request.headers.has("next-action")) {
    const length = Number(request.headers.get("content-length") ?? "0");
    if (Number.isFinite(length) && length > SERVER_ACTION_BODY_LIMIT_BYTES) {
      return new NextResponse("Request body too large\n", { status: 413, headers: { "content-type": "text/plain; charset=utf-8" } });
    }
  }
  if (dev) return next(request, buildCsp({ dev: true }));
  const file = request.method === "GET" || request.method === "HEAD" ? prerenderedFile(request.nextUrl.pathname) : null;
  const pageHashes = file ? prerenderedHashes(file) : null;
  if (pageHashes) {
    const csp = buildCsp({ hashes: pageHashes, https });
    return (file && precompressed(request, file, csp)) || next(request, csp);
  }
  // A dynamic page (or a 404, whose prerendered not-found HTML the hashes cover): a fresh nonce.
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const notFound = prerenderedHashes("_not-found.html") ?? [];
  const csp = buildCsp({ nonce, hashes: [...new Set([...commonHashes(), ...notFound])], https });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", csp);
  return next(request, csp, requestHeaders);
}

export const config = {
  matcher: [
    {
      source: "/((?!_next/static|_next/image|favicon.ico|icon.svg).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
