// The support list on real Postgres at a few thousand setups: filters, search, sort and keyset
// pagination agree with direct SQL, and paging visits every matching row exactly once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../helpers/db";
import type { PrismaClient } from "@/lib/db";
import { parseListParams, SORT_KEYS, type ListParams } from "@/lib/support/filters";
import {
  countSupportSetups,
  CursorError,
  iterateSupportSetups,
  listSupportSetups,
  stuckReason,
  type SetupRow,
} from "@/lib/progress";
import { seedSetups, type SeededSetup } from "../../dev/support-fixtures";

const NOW = new Date("2026-06-15T12:00:00.000Z");
const RULE = { days: 3, now: NOW };
const DAY = 86_400_000;

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let prisma: PrismaClient;
let seeded: SeededSetup[];

beforeAll(async () => {
  db = await createTestDatabase();
  prisma = db.prisma;
  seeded = await seedSetups(prisma, { count: 3000, now: NOW, seed: 11 });
  // A company name with LIKE wildcards and a quote, to check search escaping.
  await prisma.setup.update({ where: { id: seeded[5]!.id }, data: { companyName: "100% O'Brien_Co" } });
  seeded[5]!.companyName = "100% O'Brien_Co";
});

afterAll(async () => {
  await db?.drop();
});

async function allPages(params: Omit<ListParams, "after">, limit: number): Promise<SetupRow[]> {
  const out: SetupRow[] = [];
  let after: string | undefined;
  for (let guard = 0; guard < 10_000; guard++) {
    const page = await listSupportSetups({ ...params, after }, RULE, limit);
    expect(page.rows.length).toBeLessThanOrEqual(limit);
    out.push(...page.rows);
    if (!page.next) break;
    after = page.next;
  }
  return out;
}

function isStuck(s: SeededSetup): boolean {
  return s.status !== "completed" && (s.lastActivityAt.getTime() < NOW.getTime() - 3 * DAY || s.consecutiveFailures >= 3);
}

const key = (s: Pick<SetupRow, "lastActivityAt" | "createdAt">, sort: string) =>
  sort === "activity" ? s.lastActivityAt.getTime() : s.createdAt.getTime();

describe("keyset pagination", () => {
  for (const sort of SORT_KEYS) {
    it(`visits every setup exactly once, newest first by ${sort}`, async () => {
      const rows = await allPages({ sort }, 137);
      expect(rows).toHaveLength(seeded.length);
      expect(new Set(rows.map((r) => r.id)).size).toBe(seeded.length);
      for (let i = 1; i < rows.length; i++) {
        const a = rows[i - 1]!;
        const b = rows[i]!;
        const ka = key(a, sort);
        const kb = key(b, sort);
        expect(ka > kb || (ka === kb && a.id > b.id)).toBe(true);
      }
    });
  }

  it("shares timestamps between many rows, so ties are broken by id", () => {
    const stamps = new Set(seeded.map((s) => s.lastActivityAt.getTime()));
    expect(stamps.size).toBeLessThan(seeded.length / 5);
  });

  it("rejects a damaged or mismatched cursor with a clear error", async () => {
    await expect(listSupportSetups({ sort: "activity", after: "not-a-cursor" }, RULE)).rejects.toThrow(CursorError);
    const p = await listSupportSetups({ sort: "activity" }, RULE, 5);
    await expect(listSupportSetups({ sort: "created", after: p.next! }, RULE)).rejects.toThrow(/another sort/);
  });

  it("the export iterator yields every matching row once, in batches", async () => {
    const ids: string[] = [];
    let batches = 0;
    for await (const batch of iterateSupportSetups({ status: "failing", sort: "created" }, RULE, 200)) {
      batches++;
      ids.push(...batch.map((r) => r.id));
    }
    const expected = seeded.filter((s) => s.status === "failing").map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual(expected.sort());
    expect(batches).toBe(Math.ceil(expected.length / 200));
  });
});

describe("filters agree with the data", () => {
  const cases: [string, Omit<ListParams, "sort" | "dir">, (s: SeededSetup) => boolean][] = [
    ["status failing", { status: "failing" }, (s) => s.status === "failing"],
    ["status completed", { status: "completed" }, (s) => s.status === "completed"],
    ["current step api-permissions", { step: "api-permissions" }, (s) => s.currentStep === "api-permissions"],
    ["stuck only", { stuck: "yes" }, isStuck],
    ["not stuck", { stuck: "no" }, (s) => !isStuck(s)],
    [
      "in progress at client-secret and stuck",
      { status: "in_progress", step: "client-secret", stuck: "yes" },
      (s) => s.status === "in_progress" && s.currentStep === "client-secret" && isStuck(s),
    ],
  ];
  for (const [name, filters, predicate] of cases) {
    it(name, async () => {
      const expected = seeded.filter(predicate).map((s) => s.id).sort();
      expect(expected.length).toBeGreaterThan(0);
      const rows = await allPages({ ...filters, sort: "activity" }, 250);
      expect(rows.map((r) => r.id).sort()).toEqual(expected);
      expect(await countSupportSetups({ ...filters, sort: "activity" }, RULE)).toBe(expected.length);
    });
  }

  it("flags each listed row stuck exactly when the rule says so, with a reason", async () => {
    const rows = await allPages({ sort: "created" }, 500);
    const byId = new Map(seeded.map((s) => [s.id, s]));
    for (const r of rows) {
      expect(Boolean(r.stuck)).toBe(isStuck(byId.get(r.id)!));
    }
    expect(
      stuckReason({ status: "failing", lastActivityAt: NOW, consecutiveFailures: 3, lastFailedCheck: "redirect-uri" }, RULE),
    ).toBe("redirect-uri failed 3 times in a row");
    expect(
      stuckReason({ status: "in_progress", lastActivityAt: new Date(NOW.getTime() - 5 * DAY), consecutiveFailures: 0, lastFailedCheck: null }, RULE),
    ).toBe("no activity for 5 days");
    expect(
      stuckReason({ status: "completed", lastActivityAt: new Date(0), consecutiveFailures: 9, lastFailedCheck: null }, RULE),
    ).toBeNull();
  });
});

describe("search", () => {
  /** The ids a search lists (all pages); the count above the table must agree. */
  async function search(q: string) {
    const ids = (await allPages({ q, sort: "activity" }, 500)).map((r) => r.id).sort();
    expect(await countSupportSetups({ q, sort: "activity" }, RULE)).toBe(ids.length);
    return ids;
  }

  it("finds companies by any part of the name, in any case", async () => {
    const expected = seeded.filter((s) => s.companyName?.toLowerCase().includes("globex gmbh")).map((s) => s.id).sort();
    expect(expected.length).toBeGreaterThan(5);
    expect(await search("GLOBEX gmbh")).toEqual(expected);
  });

  it("finds contact emails by part", async () => {
    const target = seeded.find((s) => s.contactEmail)!;
    const expected = seeded
      .filter((s) => s.contactEmail?.includes(target.contactEmail!) || s.companyName?.toLowerCase().includes(target.contactEmail!))
      .map((s) => s.id)
      .sort();
    expect(await search(target.contactEmail!)).toEqual(expected);
    expect(expected).toContain(target.id);
  });

  it("finds a setup by client ID in any case and by its public id", async () => {
    const withClient = seeded.find((s) => s.clientId)!;
    expect(await search(withClient.clientId!.toUpperCase())).toEqual([withClient.id]);
    expect(await search(`  ${withClient.clientId!}  `)).toEqual([withClient.id]);
    const other = seeded[100]!;
    expect(await search(other.publicId)).toEqual([other.id]);
  });

  it("treats % and _ as text, not wildcards", async () => {
    expect(await search("100% o'brien_co")).toEqual([seeded[5]!.id]);
    expect(await search("%")).toEqual([seeded[5]!.id]);
  });

  it("combines search with filters", async () => {
    const expected = seeded
      .filter((s) => (s.companyName?.toLowerCase().includes("acme") || s.contactEmail?.includes("acme")) && s.status === "failing")
      .map((s) => s.id)
      .sort();
    const rows = await allPages({ q: "acme", status: "failing", sort: "created" }, 100);
    expect(rows.map((r) => r.id).sort()).toEqual(expected);
  });
});

describe("URL parameters", () => {
  it("parses a shared URL and names each bad field instead of failing", () => {
    const { params, errors } = parseListParams(
      new URLSearchParams("q=acme&status=broken&step=api-permissions&stuck=maybe&sort=created"),
    );
    expect(params).toMatchObject({ q: "acme", step: "api-permissions", sort: "created" });
    expect(params.status).toBeUndefined();
    expect(errors.map((e) => e.field).sort()).toEqual(["status", "stuck"]);
  });
});
