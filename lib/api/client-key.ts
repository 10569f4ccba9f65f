// Who is calling, for rate limits: a known API key (X-Api-Key) gets its own bucket; otherwise the
// normalised client address from lib/http/client-ip.ts (X-Forwarded-For counted from the right by
// TRUSTED_PROXY_HOPS; spoofed entries on the left are never used). Keys are bounded and never contain
// the raw API key.
import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { clientIp } from "../http/client-ip";

function sameKey(a: string, b: string): boolean {
  const x = createHash("sha256").update(a).digest();
  const y = createHash("sha256").update(b).digest();
  return timingSafeEqual(x, y);
}

export function parseApiKeys(list: string | undefined): string[] {
  return (list ?? "").split(",").map((k) => k.trim()).filter((k) => k.length >= 16);
}

export function clientKey(headers: Headers, apiKeys: readonly string[] = [], hops?: number): string {
  const key = headers.get("x-api-key")?.trim();
  if (key && apiKeys.some((k) => sameKey(k, key))) {
    return `key:${createHash("sha256").update(key).digest("hex").slice(0, 32)}`;
  }
  return `ip:${hops === undefined ? clientIp(headers) : clientIp(headers, hops)}`;
}
