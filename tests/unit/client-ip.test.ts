// The one client-address helper: normalisation of every spelling, hop counting from the right.
import { describe, expect, it } from "vitest";
import { clientIp, normaliseIp, UNKNOWN_IP } from "@/lib/http/client-ip";
import { clientKey } from "@/lib/api/client-key";
import { loadConfig } from "@/lib/config";

const h = (xff?: string, extra: Record<string, string> = {}) => new Headers({ ...(xff !== undefined ? { "x-forwarded-for": xff } : {}), ...extra });

describe("normaliseIp", () => {
  it("gives six spellings of one IPv4 address one form", () => {
    const spellings = ["10.9.8.7", "::ffff:10.9.8.7", "010.009.008.007", "::FFFF:0a09:0807", "0:0:0:0:0:ffff:10.9.8.7", "[::ffff:10.9.8.7]:443", "10.9.8.7:51234", "::ffff:010.009.008.007"];
    expect(new Set(spellings.map(normaliseIp))).toEqual(new Set(["10.9.8.7"]));
  });

  it("lower-cases and compresses IPv6, drops brackets, port and zone", () => {
    expect(normaliseIp("2001:DB8:0:0:0:0:0:1")).toBe("2001:db8::1");
    expect(normaliseIp("2001:0db8:0000:0000:0000:0000:0000:0001")).toBe("2001:db8::1");
    expect(normaliseIp("[2001:db8::1]:8080")).toBe("2001:db8::1");
    expect(normaliseIp("fe80::1%eth0")).toBe("fe80::1");
    expect(normaliseIp("0000:0000:0000:0000:0000:0000:0000:0001")).toBe("::1");
  });

  it("answers unknown for anything that is not an address", () => {
    for (const bad of ["", " ", "256.1.1.1", "1.2.3", "1.2.3.4.5", "localhost", "::ffff:300.1.1.1", "abc::xyz", "1.2.3.4; DROP", "x".repeat(200), null, undefined]) {
      expect(normaliseIp(bad), String(bad)).toBe(UNKNOWN_IP);
    }
  });
});

describe("clientIp: X-Forwarded-For counted from the right", () => {
  it("hops = 0: the right-most entry (the socket peer appended by scripts/http-preload.cjs); spoofed entries are ignored", () => {
    expect(clientIp(h("203.0.113.9"), 0)).toBe("203.0.113.9");
    expect(clientIp(h("1.1.1.1, 2.2.2.2, 127.0.0.1"), 0)).toBe("127.0.0.1");
    const spoofed = Array.from({ length: 30 }, (_, i) => clientIp(h(`198.51.100.${i}, 127.0.0.1`), 0));
    expect(new Set(spoofed)).toEqual(new Set(["127.0.0.1"]));
  });

  it("hops = 1: the entry the one proxy appended", () => {
    expect(clientIp(h("6.6.6.6, 203.0.113.9, 10.0.0.2"), 1)).toBe("203.0.113.9");
    expect(clientIp(h("::ffff:203.0.113.9, 10.0.0.2"), 1)).toBe("203.0.113.9");
    // Fewer entries than hops: the left-most one (the request did not come through the proxy).
    expect(clientIp(h("10.0.0.2"), 1)).toBe("10.0.0.2");
    expect(clientIp(h("a, b, c, 10.0.0.2"), 2)).toBe(UNKNOWN_IP);
  });

  it("never reads X-Real-IP; no X-Forwarded-For → unknown", () => {
    expect(clientIp(h(undefined, { "x-real-ip": "9.9.9.9" }), 0)).toBe(UNKNOWN_IP);
    expect(clientIp(h(" , ,"), 0)).toBe(UNKNOWN_IP);
  });

  it("clientKey uses the same address", () => {
    expect(clientKey(h("1.2.3.4, 010.009.008.007"), [], 0)).toBe("ip:10.9.8.7");
    expect(clientKey(h("9.9.9.9"), [], 0)).toBe("ip:9.9.9.9");
  });
});

describe("configuration", () => {
  it("TRUSTED_PROXY_HOPS: default 0, a small integer", () => {
    expect(loadConfig({}).TRUSTED_PROXY_HOPS).toBe(0);
    expect(loadConfig({ TRUSTED_PROXY_HOPS: "1" }).TRUSTED_PROXY_HOPS).toBe(1);
    expect(() => loadConfig({ TRUSTED_PROXY_HOPS: "-1" })).toThrow(/TRUSTED_PROXY_HOPS/);
    expect(() => loadConfig({ TRUSTED_PROXY_HOPS: "two" })).toThrow(/TRUSTED_PROXY_HOPS/);
  });

  it("SITE_URL is required in production (not during next build)", () => {
    expect(() => loadConfig({ NODE_ENV: "production" })).toThrow(/^Missing environment variable SITE_URL/);
    expect(loadConfig({ NODE_ENV: "production", SITE_URL: "https://setup.example.com" }).SITE_URL).toBe("https://setup.example.com");
    expect(loadConfig({ NODE_ENV: "production", NEXT_PHASE: "phase-production-build" }).SITE_URL).toBe("http://localhost:3000");
    expect(loadConfig({ NODE_ENV: "development" }).SITE_URL).toBe("http://localhost:3000");
  });
});
