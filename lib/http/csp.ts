// The Content-Security-Policy of every page (set by proxy.ts). What we chose, and why:
//
// - Guide pages (and the home and not-found pages) are prerendered at build time. A nonce needs a
//   render per request, which would make them dynamic (MDX + Shiki on every view). So a prerendered
//   page gets a policy that allows exactly its own inline scripts BY HASH: proxy.ts reads the page's
//   built HTML (.next/server/app/<path>.html) once, hashes each inline <script> (Next's flight data,
//   next-themes' theme script) and caches the list. External scripts come from 'self' only (Next's
//   chunks under /_next/static; no third-party script anywhere). No 'unsafe-inline', no 'unsafe-eval'.
// - Every other page is rendered per request anyway (support console, progress, reports): it gets a
//   fresh nonce, which Next puts on its own scripts (it reads the nonce from the request's CSP header),
//   plus the hashes of the layout's inline scripts that are the same on every page (the next-themes
//   script, which is rendered without a nonce), taken from the built not-found page.
//   'strict-dynamic' is NOT used: with it browsers ignore 'self', and the prerendered HTML of a
//   not-found answer (served for unknown paths) carries no nonce on its <script src> tags.
// - Styles: 'self' plus 'unsafe-inline'. The plain error pages use a style attribute (and next-themes
//   would insert a <style> with disableTransitionOnChange, which we no longer use); style injection
//   can't run script, and a nonce would turn 'unsafe-inline' off.
// - In development (`next dev`: nothing is prerendered, React needs eval) scripts are 'self'
//   'unsafe-inline' 'unsafe-eval'.
import { createHash } from "node:crypto";

export interface CspOptions {
  nonce?: string;
  /** 'sha256-…' sources of allowed inline scripts. */
  hashes?: readonly string[];
  dev?: boolean;
  /** The site is served over https: add upgrade-insecure-requests. */
  https?: boolean;
  /** Origins a form may lead to through a redirect (Microsoft's sign-in page, for "Sign in with Microsoft"). */
  formActions?: readonly string[];
}

/** Microsoft's sign-in origin (or the fake's), which the "Sign in with Microsoft" form redirects to. */
export function signInFormOrigins(env: Record<string, string | undefined> = process.env): string[] {
  try {
    return [new URL(env.ENTRA_LOGIN_BASE_URL || "https://login.microsoftonline.com").origin];
  } catch {
    return [];
  }
}

export function buildCsp(o: CspOptions): string {
  const script = o.dev
    ? ["'self'", "'unsafe-inline'", "'unsafe-eval'"]
    : ["'self'", ...(o.nonce ? [`'nonce-${o.nonce}'`] : []), ...(o.hashes ?? []).map((h) => `'${h}'`)];
  const directives = [
    "default-src 'self'",
    `script-src ${script.join(" ")}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    `form-action ${["'self'", ...(o.formActions ?? signInFormOrigins())].join(" ")}`,
    "frame-ancestors 'none'",
    "manifest-src 'self'",
    "worker-src 'self'",
    ...(o.https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

/** sha256 sources of the inline scripts (no src attribute) of an HTML document. */
export function inlineScriptHashes(html: string): string[] {
  const out = new Set<string>();
  const re = /<script\b([^>]*)>([\s\S]*?)<\/script>/gi;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    const attrs = m[1] ?? "";
    const body = m[2] ?? "";
    if (/\bsrc\s*=/i.test(attrs) || body.length === 0) continue;
    if (/\btype\s*=\s*["']?(application\/(ld\+)?json)/i.test(attrs)) continue;
    out.add(`sha256-${createHash("sha256").update(body, "utf8").digest("base64")}`);
  }
  return [...out];
}

/** Inline scripts that are not Next's per-page flight data (self.__next_f…): the layout's own. */
export function layoutScriptHashes(html: string): string[] {
  const flight = new Set(
    [...html.matchAll(/<script\b[^>]*>(self\.__next_f[\s\S]*?)<\/script>/gi)].map((m) => `sha256-${createHash("sha256").update(m[1]!, "utf8").digest("base64")}`),
  );
  return inlineScriptHashes(html).filter((h) => !flight.has(h));
}

/**
 * The built HTML file of a prerendered page, relative to .next/server/app, for a request path; null
 * for paths that can't be one (anything odd is simply treated as a dynamic page).
 */
export function prerenderedFile(pathname: string): string | null {
  if (pathname === "/") return "index.html";
  if (!/^\/[A-Za-z0-9._~\-/]*$/.test(pathname) || pathname.includes("..") || pathname.includes("//") || pathname.length > 300) return null;
  const clean = pathname.replace(/\/$/, "");
  return `${clean.slice(1)}.html`;
}
