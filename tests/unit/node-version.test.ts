// scripts/lib/node-version.mjs: what `npm start` and `npm test` say about the Node running them, and the
// pins that must agree with it (.nvmrc, the Dockerfile's NODE_VERSION, .ci/run's second run).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
// @ts-expect-error plain ESM without types (it runs before `npm ci`)
import { checkNodeVersion, END_OF_LIFE, RECOMMENDED_MAJOR } from "../../scripts/lib/node-version.mjs";

type Check = { ok: boolean; line: string | null };
const check = checkNodeVersion as (v: string, today?: Date) => Check;
const day = (d: string) => new Date(`${d}T12:00:00Z`);

describe("checkNodeVersion", () => {
  it("refuses a Node below the floor (20.19), in one line naming the version", () => {
    for (const v of ["v18.20.4", "v20.18.3", "v16.0.0"]) {
      const r = check(v, day("2026-01-01"));
      expect(r.ok).toBe(false);
      expect(r.line).toContain("needs Node.js 20.19 or later");
      expect(r.line).toContain(v);
    }
  });

  it("runs on 20.19+, and says once that Node 20 is past its end of life after 2026-04-30", () => {
    expect(check("v20.19.0", day("2026-04-30"))).toEqual({ ok: true, line: null });
    const after = check("v20.20.2", day("2026-12-01"));
    expect(after.ok).toBe(true);
    expect(after.line).toMatch(/^Node\.js 20 reached its end of life on 2026-04-30 \(this is v20\.20\.2\)/);
    expect(after.line).not.toContain("\n");
  });

  it("says nothing on a supported line", () => {
    expect(check("v22.23.5", day("2026-12-01"))).toEqual({ ok: true, line: null });
    expect(check("v24.22.3", day("2026-12-01"))).toEqual({ ok: true, line: null });
    expect(check("v26.12.1", day("2026-12-01"))).toEqual({ ok: true, line: null });
    expect(check("v24.22.3", day("2028-05-01")).line).toContain("end of life on 2028-04-30");
  });

  it("names a short-lived odd line past its end of life too", () => {
    expect(check("v23.11.1", day("2026-12-01")).line).toContain("Node.js 23 reached its end of life on 2025-06-01");
  });

  it("leaves an unreadable version alone", () => {
    expect(check("nightly", day("2026-12-01"))).toEqual({ ok: true, line: null });
  });
});

describe("the Node the container runs", () => {
  it(".nvmrc, the Dockerfile and .ci/run's second run name the same major, the recommended one", () => {
    const nvmrc = readFileSync(".nvmrc", "utf8").trim();
    const docker = /^ARG NODE_VERSION=(\d+)-/m.exec(readFileSync("Dockerfile", "utf8"))?.[1];
    const ci = /^NODE_LTS=(\d+)\.\d+\.\d+$/m.exec(readFileSync(".ci/run", "utf8"))?.[1];
    expect(nvmrc).toBe(String(RECOMMENDED_MAJOR));
    expect(docker).toBe(nvmrc);
    expect(ci).toBe(nvmrc);
    expect((END_OF_LIFE as Record<number, string>)[RECOMMENDED_MAJOR]).toBeDefined();
  });
});
