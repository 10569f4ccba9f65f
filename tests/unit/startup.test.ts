// lib/startup.ts: what instrumentation.ts's register() checks once when a server starts (a bad value stops
// it with one line and exit 78, which scripts/cluster.cjs treats as fatal: tests/unit/cluster.test.ts).
import { describe, expect, it } from "vitest";
import { EXIT_CONFIG, startupProblem } from "@/lib/startup";

const KEY = "k".repeat(40);
const prod = { NODE_ENV: "production", SITE_URL: "https://setup.example.com", SECRET_FINGERPRINT_KEY: KEY, BETTER_AUTH_SECRET: KEY };

describe("startupProblem", () => {
  it("a complete production configuration built for its own origin starts", () => {
    expect(startupProblem(prod, "https://setup.example.com")).toBeNull();
    expect(startupProblem(prod, "https://setup.example.com/")).toBeNull();
    expect(EXIT_CONFIG).toBe(78);
  });

  it("any invalid variable is one line naming it (it used to surface only on the first page that read it)", () => {
    expect(startupProblem({ ...prod, LIVE_CHECK_TIMEOUT_MS: "abc" }, prod.SITE_URL)).toMatch(/^Invalid environment variable LIVE_CHECK_TIMEOUT_MS: /);
    expect(startupProblem({ ...prod, LOG_LEVEL: "verbose" }, prod.SITE_URL)).toMatch(/^Invalid environment variable LOG_LEVEL: /);
    expect(startupProblem({ ...prod, SITE_URL: undefined }, "")).toMatch(/^Missing environment variable SITE_URL: required in production/);
  });

  it("production needs both keys; development generates its own", () => {
    expect(startupProblem({ ...prod, SECRET_FINGERPRINT_KEY: undefined }, prod.SITE_URL)).toMatch(/^Missing environment variable SECRET_FINGERPRINT_KEY: required in production/);
    expect(startupProblem({ ...prod, BETTER_AUTH_SECRET: "" }, prod.SITE_URL)).toMatch(/^Missing environment variable BETTER_AUTH_SECRET: required in production/);
    expect(startupProblem({ NODE_ENV: "development" }, "")).toBeNull();
  });

  it("an https SITE_URL other than the build's is refused: the prerendered links, sitemap and HSTS would be the build's", () => {
    const line = startupProblem(prod, "");
    expect(line).toContain("SITE_URL is https://setup.example.com but this build was made for http://localhost:3000");
    expect(line).toContain("docker build --build-arg SITE_URL=https://setup.example.com");
    expect(line).not.toContain("\n");
    expect(startupProblem(prod, "https://other.example.com")).toContain("made for https://other.example.com");
    // A local run on another port (e2e, benches: http) is not a deployment: its build's origin does not matter.
    expect(startupProblem({ ...prod, SITE_URL: "http://127.0.0.1:4123" }, "")).toBeNull();
  });
});
