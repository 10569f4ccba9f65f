// The support list: filters, search and keyset pagination that returns every row exactly once,
// even while new setups keep arriving.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countSetups, listSetups, newPublicId, type ListSetupsInput } from "../../lib/progress";
import { createTestDatabase, type TestDatabase } from "../helpers/db";

let db: TestDatabase;
const N = 1500;
const now = new Date("2026-06-01T12:00:00.000Z");
const STATUSES = ["not_started", "in_progress", "failing", "completed"] as const;
const STEPS = ["prerequisites", "register-application", "client-secret", "api-permissions"] as const;

beforeAll(async () => {
  db = await createTestDatabase({ label: "list" });
  // Many rows share a timestamp (ties broken by id), spread over statuses, steps and names.
  const rows = Array.from({ length: N }, (_, i) => {
    const status = STATUSES[i % 4]!;
    return {
      id: randomUUID(),
      publicId: newPublicId(),
      guide: "dynamics365-business-central",
      companyName: i % 10 === 0 ? null : `${["Contoso", "Fabrikam", "Northwind", "Adatum"][i % 4]} Holdings ${i}`,
      contactEmail: `it${i}@${["contoso", "fabrikam", "northwind", "adatum"][i % 4]}.example`,
      clientId: i % 3 === 0 ? null : `${String(i).padStart(8, "0")}-aaaa-4bbb-8ccc-${String(i).padStart(12, "0")}`,
      status,
      currentStep: status === "completed" ? null : STEPS[i % STEPS.length]!,
      consecutiveFailures: status === "failing" ? i % 5 : 0,
      createdAt: new Date(now.getTime() - (i % 97) * 86_400_000),
      lastActivityAt: new Date(now.getTime() - Math.floor(i / 7) * 3_600_000),
    };
  });
  await db.prisma.setup.createMany({ data: rows });
});
afterAll(() => db?.drop());

async function pageAll(params: ListSetupsInput, during?: () => Promise<void>) {
  const seen: string[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 1000; pages++) {
    const page = await listSetups({ ...params, cursor });
    seen.push(...page.items.map((r) => r.id));
    if (during) await during();
    if (!page.nextCursor) return seen;
    cursor = page.nextCursor;
  }
  throw new Error("pagination did not end");
}

async function idsWhere(sql: string, args: unknown[] = []): Promise<string[]> {
  const { rows } = await db.pool.query<{ id: string }>(`SELECT id::text AS id FROM setup WHERE ${sql}`, args);
  return rows.map((r) => r.id);
}

describe("listSetups", () => {
  it("returns every row exactly once across pages, in sort order, while setups are being inserted", async () => {
    const before = await idsWhere("true");
    let inserted = 0;
    const seen = await pageAll({ limit: 37 }, async () => {
      // New setups arrive between page loads (now-ish activity: they sort before the cursor).
      await db.prisma.setup.createMany({
        data: Array.from({ length: 5 }, () => ({ publicId: newPublicId(), guide: "dynamics365-business-central", companyName: `Newcomer ${inserted++}` })),
      });
    });
    expect(new Set(seen).size).toBe(seen.length);
    const seenSet = new Set(seen);
    expect(before.every((id) => seenSet.has(id))).toBe(true);
    expect(inserted).toBeGreaterThan(100);
  });

  it("orders by (lastActivityAt, id) descending, ties included", async () => {
    const page = await listSetups({ limit: 200, q: "Holdings" });
    for (let i = 1; i < page.items.length; i++) {
      const a = page.items[i - 1]!;
      const b = page.items[i]!;
      const cmp = a.lastActivityAt.getTime() - b.lastActivityAt.getTime() || a.id.localeCompare(b.id);
      expect(cmp).toBeGreaterThan(0);
    }
  });

  it("pages by creation date too, each row once", async () => {
    const seen = await pageAll({ sort: "created", limit: 101, status: "completed" });
    expect(seen.sort()).toEqual((await idsWhere(`status = 'completed'`)).sort());
  });

  it("filters by status and current step", async () => {
    const seen = await pageAll({ status: "failing", currentStep: "client-secret", limit: 50 });
    expect(seen.sort()).toEqual((await idsWhere(`status = 'failing' AND "currentStep" = 'client-secret'`)).sort());
    expect(seen.length).toBeGreaterThan(0);
    expect(await countSetups({ status: "failing", currentStep: "client-secret" })).toBe(seen.length);
  });

  it("finds stuck setups: idle for N days or 3 failures in a row, never completed ones", async () => {
    const seen = await pageAll({ stuck: true, stuckDays: 5, now, limit: 200 });
    const cutoff = new Date(now.getTime() - 5 * 86_400_000);
    const expected = await idsWhere(`status <> 'completed' AND ("lastActivityAt" < $1 OR "consecutiveFailures" >= 3)`, [cutoff]);
    expect(seen.sort()).toEqual(expected.sort());
    const notStuck = await pageAll({ stuck: false, stuckDays: 5, now, limit: 500 });
    expect(notStuck.length + seen.length).toBe(await db.prisma.setup.count());
  });

  it("searches company and email (any case, contains), exact setup id, and client ID", async () => {
    const byCompany = await pageAll({ q: "fabrikam holdings 1", limit: 500 });
    expect(byCompany.sort()).toEqual((await idsWhere(`"companyName" ILIKE '%fabrikam holdings 1%' OR "contactEmail" ILIKE '%fabrikam holdings 1%'`)).sort());
    expect(byCompany.length).toBeGreaterThan(10);
    expect(await countSetups({ q: "fabrikam holdings 1" })).toBe(byCompany.length);

    const byEmail = await listSetups({ q: "IT43@ADATUM" });
    expect(byEmail.items.map((r) => r.contactEmail)).toContain("it43@adatum.example");

    const one = (await db.prisma.setup.findFirst({ where: { clientId: { not: null } }, select: { id: true, publicId: true, clientId: true } }))!;
    expect((await listSetups({ q: one.clientId!.toUpperCase() })).items.map((r) => r.id)).toEqual([one.id]);
    expect((await listSetups({ q: one.publicId })).items.map((r) => r.id)).toEqual([one.id]);

    // LIKE wildcards are searched for literally.
    expect((await listSetups({ q: "%" })).items).toEqual([]);
  });

  it("rejects a damaged or foreign cursor naming the field", async () => {
    await expect(listSetups({ cursor: "garbage" })).rejects.toMatchObject({ field: "cursor" });
    const page = await listSetups({ limit: 5, sort: "created" });
    await expect(listSetups({ cursor: page.nextCursor!, sort: "lastActivity" })).rejects.toMatchObject({ field: "cursor" });
  });
});
