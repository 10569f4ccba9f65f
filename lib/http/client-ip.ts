// The client's address, for rate limits and the audit trail: the ONE place that reads
// X-Forwarded-For. Everything else (lib/api/client-key.ts, lib/auth/request-info.ts, the sign-in
// limits) calls clientIp().
//
// Where the address comes from. `next start` sets X-Forwarded-For to the socket's remoteAddress only
// when the request carries none (next/dist/server/base-server.js: `x-forwarded-for ??= socket.remoteAddress`),
// so on its own a client could name any address. scripts/http-preload.cjs (preloaded by `npm start`
// and the e2e server) makes the app behave like a proxy: it APPENDS the socket address to whatever
// X-Forwarded-For the request carried. The right-most entry is then always the TCP peer, and each
// trusted proxy in front adds one entry to its left. With TRUSTED_PROXY_HOPS = N the client is the
// entry N places left of the right-most one: 0 = the socket peer (no proxy), 1 = the address the
// one proxy in front appended, and so on. Entries further left are whatever the client sent: never used.
// X-Real-IP is never read (any client can send it).
import "server-only";
import { isIP } from "node:net";
import { config } from "../config";

export const UNKNOWN_IP = "unknown";

function ipv4(raw: string): string | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(raw);
  if (!m) return null;
  const octets = m.slice(1).map((o) => Number.parseInt(o, 10));
  return octets.every((o) => o >= 0 && o <= 255) ? octets.join(".") : null;
}

/** "::ffff:a09:807" (the WHATWG canonical form of an IPv4-mapped address) → "10.9.8.7". */
function unmapIpv4(v6: string): string | null {
  const m = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(v6);
  if (!m) return null;
  const hi = Number.parseInt(m[1]!, 16);
  const lo = Number.parseInt(m[2]!, 16);
  return [hi >> 8, hi & 255, lo >> 8, lo & 255].join(".");
}

/**
 * One spelling per address: IPv4 without leading zeros; IPv4-mapped IPv6 as its IPv4 address; IPv6
 * lower-cased and compressed (RFC 5952, via the WHATWG URL parser); brackets, a port and an IPv6 zone
 * are dropped. Anything that is not an IP address → "unknown".
 */
export function normaliseIp(input: string | null | undefined): string {
  if (typeof input !== "string") return UNKNOWN_IP;
  let s = input.trim();
  if (s.length === 0 || s.length > 100) return UNKNOWN_IP;
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(s);
  if (bracketed) s = bracketed[1]!;
  else if (/^[\d.]+:\d{1,5}$/.test(s)) s = s.slice(0, s.lastIndexOf(":")); // 1.2.3.4:5678
  s = s.replace(/%[\w.-]+$/, ""); // fe80::1%eth0
  const v4 = ipv4(s);
  if (v4) return v4;
  // An IPv6 address ending in a dotted IPv4 part (::ffff:010.009.008.007): normalise that part first.
  const dotted = /^(.*:)([\d.]+)$/.exec(s);
  if (dotted && dotted[2]!.includes(".")) {
    const tail = ipv4(dotted[2]!);
    if (!tail) return UNKNOWN_IP;
    s = `${dotted[1]}${tail}`;
  }
  if (!s.includes(":") || isIP(s) !== 6) return UNKNOWN_IP;
  let canonical: string;
  try {
    canonical = new URL(`http://[${s}]/`).hostname.slice(1, -1);
  } catch {
    return UNKNOWN_IP;
  }
  return unmapIpv4(canonical) ?? canonical;
}

/** The X-Forwarded-For entries, left to right (several headers are already joined by ", "). */
export function forwardedChain(headers: Headers): string[] {
  const raw = headers.get("x-forwarded-for");
  if (!raw) return [];
  return raw
    .split(",")
    .map((e) => e.trim())
    .filter((e) => e.length > 0);
}

/**
 * The normalised client address of a request: counted `hops` entries from the RIGHT of
 * X-Forwarded-For (see the top of this file). With fewer entries than hops + 1 (a request that did
 * not come through the proxies), the left-most entry, i.e. the nearest address anybody vouches for.
 * No X-Forwarded-For at all (a direct call in a test) → "unknown".
 */
export function clientIp(headers: Headers, hops: number = config().TRUSTED_PROXY_HOPS): string {
  const chain = forwardedChain(headers);
  if (chain.length === 0) return UNKNOWN_IP;
  const index = Math.max(0, chain.length - 1 - hops);
  return normaliseIp(chain[index]);
}
