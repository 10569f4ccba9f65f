// Small helpers for the plain-HTML POST routes (JavaScript off): same-origin check, bounded form
// reading, and 303 redirects (relative, so they are right behind any proxy).
import "server-only";
import { MAX_BODY_BYTES, readBodyText } from "../http/body";
import { GUIDE_PATH } from "../steps";
import { serializeSetupCookie, serializeSetupMarkerCookie } from "./cookie";

/** Forms post from our own pages: a cross-site POST (Origin of another host) is refused. */
export function sameOrigin(request: Request): boolean {
  const origin = request.headers.get("origin");
  if (!origin || origin === "null") return origin !== "null";
  try {
    const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

/** A form body (urlencoded or multipart) read through the one limited body reader (lib/http/body.ts). */
export async function readForm(request: Request, limit = MAX_BODY_BYTES): Promise<FormData | "too-large" | "bad"> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(type)) return "bad";
  try {
    const body = await readBodyText(request, limit);
    if (!body.ok) return body.reason === "too-large" ? "too-large" : "bad";
    const text = body.text;
    if (/^multipart\//i.test(type)) return await new Response(text, { headers: { "content-type": type } }).formData();
    const params = new URLSearchParams(text);
    const fd = new FormData();
    for (const [k, v] of params) fd.append(k, v);
    return fd;
  } catch {
    return "bad";
  }
}

export function seeOther(location: string, setupCookie?: string): Response {
  const headers = new Headers({ location, "cache-control": "no-store" });
  if (setupCookie) {
    headers.append("set-cookie", serializeSetupCookie(setupCookie));
    headers.append("set-cookie", serializeSetupMarkerCookie());
  }
  return new Response(null, { status: 303, headers });
}

/** A short plain page for the few answers that are not a redirect (refused, too large). */
export function plainPage(status: number, title: string, message: string, back = GUIDE_PATH): Response {
  const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="robots" content="noindex"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(title)}</title></head><body style="font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;line-height:1.5"><h1>${esc(title)}</h1><p>${esc(message)}</p><p><a href="${esc(back)}">Back to the guide</a></p></body></html>`;
  return new Response(html, { status, headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" } });
}
