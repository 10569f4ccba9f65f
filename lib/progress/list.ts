// The support list of setups: filters, search, sort and keyset pagination in one SQL query.
//
// Keyset: the cursor holds the last row's sort value and id; the next page is the rows strictly
// after (value, id) in (value DESC, id DESC) order, written as a row comparison so PostgreSQL walks
// the (value DESC, id DESC) index from there (no OFFSET: page 1000 costs what page 1 does). Every row
// that exists when paging starts and keeps its sort value is returned exactly once, however many
// rows are inserted meanwhile (new rows sort before the cursor).
import "server-only";
import { z } from "zod";
import { getPrisma, Prisma, type SetupStatus } from "../db";
import { SETUP_STATUSES, STEPS, type StepId } from "../steps";
import { isGuid } from "../verify/text";
import { ProgressInputError } from "./errors";
import { isPublicIdShape, parseInput } from "./setups";
import { stuckReason, stuckSql, type StuckRule } from "./stuck";
import type { SetupView } from "./views";

export const LIST_SORTS = ["lastActivity", "created"] as const;
export type ListSort = (typeof LIST_SORTS)[number];

const listSchema = z.object({
  status: z.enum(SETUP_STATUSES).optional(),
  currentStep: z.enum(STEPS as unknown as [StepId, ...StepId[]]).optional(),
  /** Not completed, and no activity for `stuckDays` days or STUCK_FAILURE_STREAK failures in a row. */
  stuck: z.boolean().optional(),
  stuckDays: z.number().int().min(1).max(3650).default(7),
  /** Setups with a step verified at this level of trust (lib/steps.ts TRUST_TEXT). */
  trust: z.enum(["rules", "microsoft"]).optional(),
  /** Company / contact email (contains, any case), an exact setup id, or a client ID. */
  q: z.string().trim().max(200).optional(),
  sort: z.enum(LIST_SORTS).default("lastActivity"),
  limit: z.number().int().min(1).max(500).default(50),
  cursor: z.string().max(200).optional(),
  now: z.date().optional(),
});
export type ListSetupsInput = z.input<typeof listSchema>;

/** A row of the list: the setup's own columns (as in SetupView) and its verified steps with their trust. */
export interface SetupListItem
  extends Pick<SetupView, "id" | "publicId" | "companyName" | "contactEmail" | "clientId" | "status" | "failedRuns" | "consecutiveFailures" | "lastFailedCheck" | "createdAt" | "lastActivityAt" | "completedAt"> {
  currentStep: string | null;
  /** Verified steps with their trust, in guide order: "register-application:microsoft;client-secret:rules". */
  verifiedSteps: string | null;
}

export interface SetupListPage {
  items: SetupListItem[];
  /** Cursor of the next page, null on the last one. */
  nextCursor: string | null;
}

/** Up to this many search matches are collected and sorted; more, and the activity index is walked. */
const SEARCH_COLLECT_MAX = 2000;

export function encodeListCursor(sort: ListSort, row: Pick<SetupListItem, "id" | "lastActivityAt" | "createdAt">): string {
  const value = sort === "created" ? row.createdAt : row.lastActivityAt;
  return Buffer.from(JSON.stringify({ s: sort, v: value.toISOString(), id: row.id })).toString("base64url");
}

export function decodeListCursor(sort: ListSort, cursor: string): { value: Date; id: string } {
  let c: { s?: unknown; v?: unknown; id?: unknown };
  try {
    c = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as typeof c;
  } catch {
    throw new ProgressInputError("cursor", "is damaged; start again from the first page");
  }
  const value = typeof c?.v === "string" ? new Date(c.v) : new Date(NaN);
  if (c?.s !== sort || typeof c.id !== "string" || !isGuid(c.id) || Number.isNaN(value.getTime())) {
    throw new ProgressInputError("cursor", "does not belong to this list; start again from the first page");
  }
  return { value, id: c.id };
}

function likePattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}

type ListParams = z.output<typeof listSchema>;

/** The filter conditions (everything but the cursor), shared by the list and the count. */
function filterConditions(p: ListParams): Prisma.Sql[] {
  const where: Prisma.Sql[] = [];
  if (p.status) where.push(Prisma.sql`status = ${p.status}::"SetupStatus"`);
  if (p.currentStep) where.push(Prisma.sql`"currentStep" = ${p.currentStep}`);
  if (p.trust) {
    where.push(Prisma.sql`EXISTS (SELECT 1 FROM step_progress sp WHERE sp."setupId" = setup.id AND sp.status = 'verified' AND sp.trust = ${p.trust})`);
  }
  if (p.stuck !== undefined) {
    const stuck = stuckSql({ days: p.stuckDays, now: p.now });
    where.push(p.stuck ? stuck : Prisma.sql`NOT ${stuck}`);
  }
  if (p.q) {
    const q = p.q;
    const matches: Prisma.Sql[] = [Prisma.sql`"companyName" ILIKE ${likePattern(q)}`, Prisma.sql`"contactEmail" ILIKE ${likePattern(q)}`];
    if (isGuid(q)) matches.push(Prisma.sql`"clientId" = ${q.toLowerCase()}`);
    if (isPublicIdShape(q)) matches.push(Prisma.sql`"publicId" = ${q}`);
    where.push(Prisma.sql`(${Prisma.join(matches, " OR ")})`);
  }
  return where;
}

/** How many setups match the filters (sort, limit and cursor are ignored). */
export async function countSetups(input: ListSetupsInput = {}): Promise<number> {
  const where = filterConditions(parseInput(listSchema, input));
  const whereSql = where.length ? Prisma.sql`WHERE ${Prisma.join(where, " AND ")}` : Prisma.empty;
  const rows = await getPrisma().$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM setup ${whereSql}`;
  return rows[0]?.n ?? 0;
}

/** One page of setups matching the filters, newest first by the chosen sort. */
export async function listSetups(input: ListSetupsInput = {}): Promise<SetupListPage> {
  const p = parseInput(listSchema, input);
  const column = p.sort === "created" ? Prisma.raw(`"createdAt"`) : Prisma.raw(`"lastActivityAt"`);
  const where = filterConditions(p);
  if (p.cursor) {
    const c = decodeListCursor(p.sort, p.cursor);
    where.push(Prisma.sql`(${column}, id) < (${c.value}, ${c.id}::uuid)`);
  }
  const whereSql = where.length ? Prisma.sql`WHERE ${Prisma.join(where, " AND ")}` : Prisma.empty;
  const select = Prisma.sql`
    SELECT id::text AS id, "publicId", "companyName", "contactEmail", "clientId", status::text AS status,
           "currentStep", "failedRuns", "consecutiveFailures", "lastFailedCheck", "createdAt", "lastActivityAt", "completedAt",
           (SELECT string_agg(sp."stepId" || ':' || sp.trust, ';' ORDER BY array_position(${STEPS as unknown as string[]}::text[], sp."stepId"::text))
              FROM step_progress sp WHERE sp."setupId" = setup.id AND sp.status = 'verified' AND sp.trust IS NOT NULL) AS "verifiedSteps"
      FROM setup
      ${whereSql}`;
  // Search: for a rare term, collect the matches through the trigram indexes, then sort them (left
  // alone, the planner walks the activity index filtering row by row: ~400 ms for a rare name at
  // 100k setups). For a common term that walk finds a page at once, while collecting every match
  // would not. A capped count through the trigram indexes tells which case this is.
  let collectFirst = false;
  if (p.q && p.q.length >= 3) {
    const probe = await getPrisma().$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM (SELECT 1 FROM setup ${whereSql} LIMIT ${SEARCH_COLLECT_MAX}) m`;
    collectFirst = (probe[0]?.n ?? 0) < SEARCH_COLLECT_MAX;
  }
  const rows = collectFirst
    ? await getPrisma().$queryRaw<SetupListItem[]>`
        WITH matches AS MATERIALIZED (${select})
        SELECT * FROM matches ORDER BY ${column} DESC, id DESC LIMIT ${p.limit + 1}`
    : // `setup.id`, the uuid column (as the cursor compares it and the index holds it), not the output's
      // `id::text`: ordered by the text PostgreSQL adds a sort step after the index scan.
      await getPrisma().$queryRaw<SetupListItem[]>`${select} ORDER BY ${column} DESC, setup.id DESC LIMIT ${p.limit + 1}`;
  const items = rows.slice(0, p.limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > p.limit && last ? encodeListCursor(p.sort, last) : null };
}

// ---- the support console's list: the same query, with the stuck reason per row ----

export interface SetupRow extends SetupListItem {
  /** Why the setup is flagged stuck, or null. */
  stuck: string | null;
}

export interface SetupPage {
  rows: SetupRow[];
  /** Cursor of the next page, or null on the last one. */
  next: string | null;
}

/** The support console's filters (lib/support/filters.ts parses them from the URL). */
export interface SupportListFilters {
  q?: string;
  status?: SetupStatus;
  step?: string;
  stuck?: "yes" | "no";
  trust?: "rules" | "microsoft";
  sort: "activity" | "created";
  after?: string;
}

/** A page link that cannot be used (damaged, or from another sort): say so and offer the first page. */
export class CursorError extends Error {}

const SUPPORT_SORT: Record<SupportListFilters["sort"], ListSort> = { activity: "lastActivity", created: "created" };

function supportInput(f: SupportListFilters, rule: StuckRule, now: Date): ListSetupsInput {
  return {
    q: f.q,
    status: f.status,
    currentStep: f.step as StepId | undefined,
    stuck: f.stuck === undefined ? undefined : f.stuck === "yes",
    trust: f.trust,
    stuckDays: rule.days,
    sort: SUPPORT_SORT[f.sort],
    cursor: f.after,
    now,
  };
}

/** One page of the filtered list (newest first by the chosen sort); `after` is the previous page's `next`. */
export async function listSupportSetups(params: SupportListFilters, rule: StuckRule, limit = 50): Promise<SetupPage> {
  const now = rule.now ?? new Date();
  let page;
  try {
    page = await listSetups({ ...supportInput(params, rule, now), limit });
  } catch (err) {
    if (err instanceof ProgressInputError && err.field === "cursor") {
      throw new CursorError("This page link is damaged or belongs to another sort; start again from the first page.");
    }
    if (err instanceof ProgressInputError && err.field === "currentStep") return { rows: [], next: null };
    throw err;
  }
  return { rows: page.items.map((r) => ({ ...r, stuck: stuckReason(r, { ...rule, now }) })), next: page.nextCursor };
}

/** How many setups match the filters (the number above the table): the list's own conditions. */
export async function countSupportSetups(filters: SupportListFilters, rule: StuckRule): Promise<number> {
  try {
    return await countSetups(supportInput({ ...filters, after: undefined }, rule, rule.now ?? new Date()));
  } catch (err) {
    if (err instanceof ProgressInputError && err.field === "currentStep") return 0;
    throw err;
  }
}

export interface SetupTotal {
  n: number;
  /** When it was counted: up to TOTAL_MAX_AGE_MS ago. */
  countedAt: Date;
}

/** How old the unfiltered list's total may be. */
export const TOTAL_MAX_AGE_MS = 30_000;
const totals = new WeakMap<object, { at: number; value: Promise<SetupTotal> }>();

/**
 * The number of all setups (the unfiltered list's heading), counted at most once per TOTAL_MAX_AGE_MS
 * per process and client (concurrent requests share one count). An exact count(*) over 100k setups
 * costs PostgreSQL a scan on every page view; the page shows the count's age when it is not fresh.
 */
export function countAllSetups(maxAgeMs = TOTAL_MAX_AGE_MS): Promise<SetupTotal> {
  const prisma = getPrisma();
  const cached = totals.get(prisma);
  if (cached && Date.now() - cached.at < maxAgeMs) return cached.value;
  const at = Date.now();
  const value = countSetups({}).then((n) => ({ n, countedAt: new Date(at) }));
  totals.set(prisma, { at, value });
  value.catch(() => {
    if (totals.get(prisma)?.value === value) totals.delete(prisma);
  });
  return value;
}

/**
 * Every matching setup in list order, in keyset batches (the CSV export): memory holds one batch
 * however many rows match, and the ids already given.
 *
 * Sorted by activity, a setup that records activity while the export runs jumps ahead of the cursor
 * and the keyset walk would never reach it. Any such setup has activity since the export began, so a
 * last sweep from the top, down to that moment, gives the ones not given yet (once each).
 */
export async function* iterateSupportSetups(filters: SupportListFilters, rule: StuckRule, batchSize = 500): AsyncGenerator<SetupRow[]> {
  const fixed = { ...rule, now: rule.now ?? new Date() };
  // A second early: activity stamped by another process's clock just before the walk still counts.
  const began = new Date(Date.now() - 1000);
  const given = new Set<string>();
  let after: string | undefined;
  for (;;) {
    const page = await listSupportSetups({ ...filters, after }, fixed, batchSize);
    for (const r of page.rows) given.add(r.id);
    if (page.rows.length) yield page.rows;
    if (!page.next) break;
    after = page.next;
  }
  if (filters.sort !== "activity") return;
  after = undefined;
  for (;;) {
    const page = await listSupportSetups({ ...filters, after }, fixed, batchSize);
    const recent = page.rows.filter((r) => r.lastActivityAt.getTime() >= began.getTime());
    const missed = recent.filter((r) => !given.has(r.id));
    for (const r of missed) given.add(r.id);
    if (missed.length) yield missed;
    if (!page.next || recent.length < page.rows.length) return;
    after = page.next;
  }
}
