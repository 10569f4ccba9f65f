// The CSV export: the same rows as the filtered list, in order, streamed in batches, safely
// escaped (quotes, commas, newlines, formula injection), behind a staff session, audited.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../helpers/db";
import { closeDatabase, createDatabase, setPrismaForTests, type PrismaClient } from "@/lib/db";
import { getAuth } from "@/lib/auth";
import { createStaffUser } from "@/lib/auth/staff";
import { csvCell, parseCsv } from "@/lib/support/csv";
import { CSV_HEADER, setupsCsvStream } from "@/lib/support/export";
import { handleExport } from "@/lib/support/export-handler";
import { iterateSupportSetups, listSupportSetups, type SetupRow } from "@/lib/progress";
import type { SetupFilters } from "@/lib/support/filters";
import { seedSetups } from "../../dev/support-fixtures";

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let prisma: PrismaClient;
let cookie: string;
const NASTY = ["=HYPERLINK(\"http://evil.example\",\"click\")", "+1+1", "-2+3", "@SUM(A1)", 'Quote "Inc", and\nnewline'];

beforeAll(async () => {
  db = await createTestDatabase();
  prisma = db.prisma;
  await seedSetups(prisma, { count: 2600, seed: 5 });
  for (const [i, name] of NASTY.entries()) {
    await prisma.setup.create({
      data: { publicId: `nasty-${i}`, guide: "dynamics365-business-central", companyName: name, status: "failing", currentStep: "client-secret" },
    });
  }
  await createStaffUser(prisma, { email: "exporter@example.com", password: "exporter password 1" }, { secret: "y".repeat(40), baseURL: "http://localhost:3000" });
  const res = await getAuth().handler(
    new Request("http://localhost:3000/api/auth/sign-in/email", {
      method: "POST",
      headers: { "content-type": "application/json", origin: "http://localhost:3000", "x-forwarded-for": "10.20.0.1" },
      body: JSON.stringify({ email: "exporter@example.com", password: "exporter password 1" }),
    }),
  );
  expect(res.status).toBe(200);
  cookie = res.headers.get("set-cookie")!.split(";")[0]!;
});

afterAll(async () => {
  await db?.drop();
});

/** The body as text, after checking it starts with a UTF-8 byte-order mark (for spreadsheets). */
async function csvText(res: Response): Promise<string> {
  const bytes = new Uint8Array(await res.arrayBuffer());
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return new TextDecoder("utf-8", { ignoreBOM: false }).decode(bytes);
}

function get(query: string): Request {
  return new Request(`http://localhost:3000/api/support/export${query}`, {
    headers: { cookie, "x-forwarded-for": "10.20.0.1", "user-agent": "vitest" },
  });
}

async function allRows(filters: SetupFilters): Promise<SetupRow[]> {
  const out: SetupRow[] = [];
  let after: string | undefined;
  for (;;) {
    const p = await listSupportSetups({ ...filters, after }, { days: 3 }, 500);
    out.push(...p.rows);
    if (!p.next) return out;
    after = p.next;
  }
}

describe("CSV cells", () => {
  it("quotes what needs quoting and defuses formulas", () => {
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell('a "b", c')).toBe('"a ""b"", c"');
    expect(csvCell("line\nbreak")).toBe('"line\nbreak"');
    expect(csvCell("=1+1")).toBe("'=1+1");
    expect(csvCell("+1")).toBe("'+1");
    expect(csvCell("-1")).toBe("'-1");
    expect(csvCell("@cmd")).toBe("'@cmd");
    expect(csvCell("\tx")).toBe("'\tx");
    expect(csvCell('=A1,"x"')).toBe(`"'=A1,""x"""`);
    expect(csvCell(null)).toBe("");
    expect(csvCell(-5)).toBe("-5");
    expect(csvCell(new Date("2026-01-02T03:04:05.006Z"))).toBe("2026-01-02T03:04:05.006Z");
  });
});

describe("the export's walk", () => {
  it("a setup whose activity changes mid-export is still exported, and every setup exactly once", async () => {
    const HOUR = 3_600_000;
    const base = Date.now() - 48 * HOUR;
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      const s = await prisma.setup.create({
        data: { publicId: `sweep-row-${String(i).padStart(4, "0")}`, guide: "dynamics365-business-central", companyName: `Sweep Walk ${i}`, status: "in_progress", lastActivityAt: new Date(base + i * HOUR) },
        select: { id: true },
      });
      ids.push(s.id);
    }
    const seen: string[] = [];
    const walk = iterateSupportSetups({ q: "Sweep Walk", sort: "activity" }, { days: 3 }, 2);
    const first = await walk.next();
    for (const r of first.value ?? []) seen.push(r.id);
    // The oldest setup, not reached yet, records activity now: it jumps ahead of the cursor.
    await prisma.setup.update({ where: { id: ids[0]! }, data: { lastActivityAt: new Date() } });
    // And one already exported does too: it must not come twice.
    await prisma.setup.update({ where: { id: seen[0]! }, data: { lastActivityAt: new Date() } });
    for await (const batch of walk) for (const r of batch) seen.push(r.id);
    expect(seen.length).toBe(7);
    expect(new Set(seen)).toEqual(new Set(ids));
  });
});

describe("GET /api/support/export", () => {
  it("streams exactly the filtered list, in the list's order", async () => {
    const res = await handleExport(get("?status=failing&sort=created"));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="setups-\d{8}-\d{4}\.csv"$/);
    const text = await csvText(res);
    const [header, ...rows] = parseCsv(text);
    expect(header).toEqual([...CSV_HEADER]);
    const expected = await allRows({ status: "failing", sort: "created" });
    expect(rows.map((r) => r[0])).toEqual(expected.map((r) => r.publicId));
    expect(new Set(rows.map((r) => r[4]))).toEqual(new Set(["failing"]));
  });

  it("has all 14 columns, named, and every value of a known row in its column (verified steps with their trust)", async () => {
    const DAY = 86_400_000;
    const created = new Date("2026-01-02T03:04:05.006Z");
    const active = new Date(Date.now() - 10 * DAY);
    await prisma.setup.create({
      data: {
        publicId: "known-row-0001",
        guide: "dynamics365-business-central",
        companyName: "Known Row Ltd",
        contactEmail: "ops@known-row.example",
        clientId: "3f2b8c6d-1e4a-4b7c-9d2e-6a5f8b1c0d93",
        status: "failing",
        currentStep: "client-secret",
        failedRuns: 7,
        consecutiveFailures: 4,
        lastFailedCheck: "secret.shape",
        createdAt: created,
        lastActivityAt: active,
        steps: {
          create: [
            { stepId: "register-application", status: "verified", trust: "microsoft", attemptCount: 2 },
            { stepId: "prerequisites", status: "confirmed", attemptCount: 0 },
            { stepId: "client-secret", status: "failed", attemptCount: 7 },
          ],
        },
      },
    });
    const res = await handleExport(get("?q=Known%20Row%20Ltd"));
    expect(res.status).toBe(200);
    const [header, ...rows] = parseCsv(await csvText(res));
    expect(header).toEqual([
      "setup_id",
      "company",
      "contact_email",
      "client_id",
      "status",
      "current_step",
      "failed_attempts",
      "consecutive_failures",
      "last_failed_check",
      "stuck",
      "created_at",
      "last_activity_at",
      "completed_at",
      "verified_steps",
    ]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toEqual([
      "known-row-0001",
      "Known Row Ltd",
      "ops@known-row.example",
      "3f2b8c6d-1e4a-4b7c-9d2e-6a5f8b1c0d93",
      "failing",
      "client-secret",
      "7",
      "4",
      "secret.shape",
      "secret.shape failed 4 times in a row",
      "2026-01-02T03:04:05.006Z",
      active.toISOString(),
      "",
      "register-application:microsoft",
    ]);
    // The trust filter finds it by the level of its verified step, and only by that one.
    const confirmed = parseCsv(await csvText(await handleExport(get("?q=Known%20Row%20Ltd&trust=microsoft"))));
    expect(confirmed).toHaveLength(2);
    const rulesOnly = parseCsv(await csvText(await handleExport(get("?q=Known%20Row%20Ltd&trust=rules"))));
    expect(rulesOnly).toHaveLength(1);
  });

  it("matches a search and keeps hostile company names inert", async () => {
    const all = await handleExport(get("?status=failing&step=client-secret"));
    expect(all.status).toBe(200);
    const [, ...rows] = parseCsv(await csvText(all));
    expect(rows.length).toBe((await allRows({ status: "failing", step: "client-secret", sort: "activity" })).length);
    const byId = new Map(rows.map((r) => [r[0], r]));
    for (const [i, name] of NASTY.entries()) {
      const company = byId.get(`nasty-${i}`)![1]!;
      // A cell that starts like a formula gets a leading apostrophe; others are as typed.
      expect(company).toBe(/^[=+\-@]/.test(name) ? `'${name}` : name);
    }
  });

  it("is written in batches, not all at once", async () => {
    const stream = setupsCsvStream({ sort: "activity" }, { days: 3 }, { batchSize: 500 });
    const reader = stream.getReader();
    let chunks = 0;
    let lines = 0;
    const decoder = new TextDecoder();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks++;
      lines += (decoder.decode(value).match(/\r\n/g) ?? []).length;
    }
    const total = await prisma.setup.count();
    // One CRLF per row plus the header (a newline inside a company name is a bare LF, inside quotes).
    expect(lines).toBe(total + 1);
    expect(chunks).toBe(1 + Math.ceil(total / 500));
  });

  it("names a bad filter with a 400", async () => {
    const res = await handleExport(get("?status=sideways"));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: "invalid_filter", field: "status" } });
  });

  it("records who exported what", async () => {
    const rows = await prisma.auditEvent.findMany({ where: { action: "setups.export_csv" }, orderBy: { at: "asc" } });
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(rows[0]).toMatchObject({ actorEmail: "exporter@example.com", ip: "10.20.0.1" });
    expect(rows[0]!.details).toMatchObject({ filters: { status: "failing", sort: "created" } });
  });

  it("a database that does not answer before the first row is a 503 with a message, not a 200 with a header and nothing after it", async () => {
    const before = await prisma.auditEvent.count({ where: { action: "setups.export_csv" } });
    // The session lookup (the one-query path on the pg pool) still answers; the list's queries do not.
    const down = createDatabase("postgresql://postgres@127.0.0.1:9/closed", { max: 1 });
    setPrismaForTests(down.prisma, db.pool);
    let res: Response;
    try {
      res = await handleExport(get("?status=failing"));
    } finally {
      setPrismaForTests(db.prisma, db.pool);
      await closeDatabase(down);
    }
    expect(res.status).toBe(503);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("unavailable");
    expect(body.error.message).toMatch(/database did not answer/);
    expect(body.error.message).not.toMatch(/ECONNREFUSED|at .*\.ts/);
    // Nothing was exported, so nothing is recorded as exported.
    expect(await prisma.auditEvent.count({ where: { action: "setups.export_csv" } })).toBe(before);
  });

  it("any other failure before the first row is the same honest 503, never a bare 500", async () => {
    await db.pool.query("ALTER TABLE setup RENAME TO setup_moved_away");
    let res: Response;
    try {
      res = await handleExport(get("?status=failing"));
    } finally {
      await db.pool.query("ALTER TABLE setup_moved_away RENAME TO setup");
    }
    expect(res.status).toBe(503);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error).toEqual({ code: "unavailable", message: "Could not export: something went wrong on our side. Nothing was exported. Try again in a moment." });
  });

  it("a database that stops answering mid-export ends the file with a line saying it is incomplete", async () => {
    const res = await handleExport(get("?sort=created"), { batchSize: 100 });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = decoder.decode((await reader.read()).value!, { stream: true }); // the header
    text += decoder.decode((await reader.read()).value!, { stream: true }); // the first 100 rows
    const down = createDatabase("postgresql://postgres@127.0.0.1:9/closed", { max: 1 });
    setPrismaForTests(down.prisma, db.pool);
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        text += decoder.decode(value, { stream: true });
      }
    } finally {
      setPrismaForTests(db.prisma, db.pool);
      await closeDatabase(down);
    }
    const rows = parseCsv(text.replace(/^\uFEFF/, ""));
    expect(rows).toHaveLength(1 + 100 + 1);
    expect(rows.at(-1)).toEqual(["# export incomplete: the database stopped answering after 100 rows; download again"]);
    expect(text.endsWith("download again\r\n")).toBe(true);
    // The audit row could not be updated (the database was down): it still says the export only started.
    const row = await prisma.auditEvent.findFirstOrThrow({ where: { action: "setups.export_csv" }, orderBy: { at: "desc" } });
    expect(row.details).toMatchObject({ filters: { sort: "created" }, outcome: "started" });
  });

  it("a read that fails mid-export for another reason ends the file the same way, and the audit row says incomplete with the rows sent", async () => {
    const res = await handleExport(get("?sort=created"), { batchSize: 250 });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = decoder.decode((await reader.read()).value!, { stream: true });
    text += decoder.decode((await reader.read()).value!, { stream: true });
    text += decoder.decode((await reader.read()).value!, { stream: true });
    await db.pool.query("ALTER TABLE setup RENAME TO setup_moved_away");
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        text += decoder.decode(value, { stream: true });
      }
    } finally {
      await db.pool.query("ALTER TABLE setup_moved_away RENAME TO setup");
    }
    const rows = parseCsv(text.replace(/^\uFEFF/, ""));
    expect(rows).toHaveLength(1 + 500 + 1);
    expect(rows.at(-1)).toEqual(["# export incomplete: reading the setups failed after 500 rows; download again"]);
    const row = await prisma.auditEvent.findFirstOrThrow({ where: { action: "setups.export_csv" }, orderBy: { at: "desc" } });
    expect(row.details).toMatchObject({ filters: { sort: "created" }, outcome: "incomplete", reason: "error", rows: 500 });
  });

  it("the audit row of a finished export holds how many rows were sent; of one the client abandoned, how many before it did", async () => {
    const res = await handleExport(get("?status=failing&sort=created"));
    const [, ...rows] = parseCsv(await csvText(res));
    expect(rows.length).toBeGreaterThan(500);
    const done = await prisma.auditEvent.findFirstOrThrow({ where: { action: "setups.export_csv" }, orderBy: { at: "desc" } });
    expect(done.details).toEqual({ filters: { status: "failing", sort: "created" }, outcome: "complete", rows: rows.length });

    const empty = await handleExport(get("?q=no%20company%20is%20called%20this"));
    expect(parseCsv(await csvText(empty))).toHaveLength(1);
    const none = await prisma.auditEvent.findFirstOrThrow({ where: { action: "setups.export_csv" }, orderBy: { at: "desc" } });
    expect(none.details).toMatchObject({ outcome: "complete", rows: 0 });

    const abandoned = await handleExport(get("?sort=created"), { batchSize: 100 });
    const reader = abandoned.body!.getReader();
    await reader.read();
    await reader.read();
    await reader.cancel();
    const cancelled = await prisma.auditEvent.findFirstOrThrow({ where: { action: "setups.export_csv" }, orderBy: { at: "desc" } });
    expect(cancelled.details).toMatchObject({ outcome: "cancelled", rows: 100 });
  });

  it("refuses without a session", async () => {
    const res = await handleExport(new Request("http://localhost:3000/api/support/export"));
    expect(res.status).toBe(401);
  });
});
