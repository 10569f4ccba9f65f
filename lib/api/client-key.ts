// Who is calling, for rate limits: a known API key (X-Api-Key) gets its own bucket; otherwise the
// client IP, taken from the first hop of X-Forwarded-For (set by the proxy in front of the app),
// then X-Real-IP. Keys are bounded and never contain the raw API key.
import { createHash, timingSafeEqual } from "node:crypto";

const IP = /^[0-9a-fA-F:.]{2,45}$/;

function sameKey(a: string, b: string): boolean {
  const x = createHash("sha256").update(a).digest();
  const y = createHash("sha256").update(b).digest();
  return timingSafeEqual(x, y);
}

export function parseApiKeys(list: string | undefined): string[] {
  return (list ?? "").split(",").map((k) => k.trim()).filter((k) => k.length >= 16);
}

export function clientKey(headers: Headers, apiKeys: readonly string[] = []): string {
  const key = headers.get("x-api-key")?.trim();
  if (key && apiKeys.some((k) => sameKey(k, key))) {
    return `key:${createHash("sha256").update(key).digest("hex").slice(0, 32)}`;
  }
  const first = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  if (first && IP.test(first)) return `ip:${first.toLowerCase()}`;
  const real = headers.get("x-real-ip")?.trim();
  if (real && IP.test(real)) return `ip:${real.toLowerCase()}`;
  return "ip:unknown";
}
