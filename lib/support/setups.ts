// The support list: setups filtered, searched, sorted and paged by keyset (never OFFSET), on the
// indexes of prisma/schema.prisma: (last_activity_at, id), (created_at, id),
// (status, current_step, last_activity_at), client_id, and trigram indexes on company and email.
import { Prisma, type PrismaClient, type SetupStatus } from "../db";
import { PAGE_SIZE, type ListParams, type SetupFilters, type SortKey } from "./filters";

export const STUCK_FAILURE_STREAK = 3;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface StuckRule {
  /** No activity for this many days (and not completed). */
  days: number;
  now?: Date;
}

export interface SetupRow {
  id: string;
  publicId: string;
  guide: string;
  companyName: string | null;
  contactEmail: string | null;
  clientId: string | null;
  status: SetupStatus;
  currentStep: string | null;
  failedRuns: number;
  lastFailedCheck: string | null;
  consecutiveFailures: number;
  createdAt: Date;
  lastActivityAt: Date;
  completedAt: Date | null;
  /** Why the setup is flagged stuck, or null. */
  stuck: string | null;
}

const rowSelect = {
  id: true,
  publicId: true,
  guide: true,
  companyName: true,
  contactEmail: true,
  clientId: true,
  status: true,
  currentStep: true,
  failedRuns: true,
  lastFailedCheck: true,
  consecutiveFailures: true,
  createdAt: true,
  lastActivityAt: true,
  completedAt: true,
} satisfies Prisma.SetupSelect;

const DAY = 24 * 60 * 60 * 1000;

export function stuckCutoff(rule: StuckRule): Date {
  return new Date((rule.now ?? new Date()).getTime() - rule.days * DAY);
}

/** The stuck badge: not completed, and idle for `days` days or failing the same check 3 times in a row. */
export function stuckReason(
  s: Pick<SetupRow, "status" | "lastActivityAt" | "consecutiveFailures" | "lastFailedCheck">,
  rule: StuckRule,
): string | null {
  if (s.status === "completed") return null;
  if (s.consecutiveFailures >= STUCK_FAILURE_STREAK) {
    return `${s.lastFailedCheck ?? "the same check"} failed ${s.consecutiveFailures} times in a row`;
  }
  const now = rule.now ?? new Date();
  if (s.lastActivityAt.getTime() < stuckCutoff(rule).getTime()) {
    const days = Math.floor((now.getTime() - s.lastActivityAt.getTime()) / DAY);
    return `no progress for ${days} day${days === 1 ? "" : "s"}`;
  }
  return null;
}

/** Escapes LIKE wildcards so a search for "50%" means the text "50%". */
function likeEscape(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** What a search box entry matches: company or contact email (contains, any case), setup id, client ID. */
export function searchWhere(q: string): Prisma.SetupWhereInput {
  const term = q.trim();
  if (GUID.test(term)) {
    const variants = [...new Set([term, term.toLowerCase(), term.toUpperCase()])];
    return {
      OR: [{ clientId: { in: variants } }, { id: term.toLowerCase() }, { publicId: term }],
    };
  }
  const contains = { contains: likeEscape(term), mode: "insensitive" as const };
  return {
    OR: [{ companyName: contains }, { contactEmail: contains }, { publicId: term }, { clientId: term }],
  };
}

export function stuckWhere(stuck: "yes" | "no", rule: StuckRule): Prisma.SetupWhereInput {
  const cutoff = stuckCutoff(rule);
  const isStuck: Prisma.SetupWhereInput = {
    status: { not: "completed" },
    OR: [{ lastActivityAt: { lt: cutoff } }, { consecutiveFailures: { gte: STUCK_FAILURE_STREAK } }],
  };
  if (stuck === "yes") return isStuck;
  return {
    OR: [
      { status: "completed" },
      { lastActivityAt: { gte: cutoff }, consecutiveFailures: { lt: STUCK_FAILURE_STREAK } },
    ],
  };
}

export function filterWhere(f: SetupFilters, rule: StuckRule): Prisma.SetupWhereInput {
  const and: Prisma.SetupWhereInput[] = [];
  if (f.q) and.push(searchWhere(f.q));
  if (f.status) and.push({ status: f.status });
  if (f.step) and.push({ currentStep: f.step });
  if (f.stuck) and.push(stuckWhere(f.stuck, rule));
  return and.length ? { AND: and } : {};
}

// ---- keyset cursors ----

const SORT_FIELD: Record<SortKey, "lastActivityAt" | "createdAt" | "failedRuns"> = {
  activity: "lastActivityAt",
  created: "createdAt",
  failures: "failedRuns",
};

interface Cursor {
  v: string | number;
  id: string;
}

export function encodeCursor(sort: SortKey, row: Pick<SetupRow, "id" | "lastActivityAt" | "createdAt" | "failedRuns">): string {
  const field = SORT_FIELD[sort];
  const value = row[field];
  const c: Cursor = { v: value instanceof Date ? value.toISOString() : value, id: row.id };
  return Buffer.from(JSON.stringify(c)).toString("base64url");
}

export class CursorError extends Error {}

export function decodeCursor(sort: SortKey, raw: string): { value: Date | number; id: string } {
  let c: unknown;
  try {
    c = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
  } catch {
    throw new CursorError("the page link is damaged; start again from the first page");
  }
  const obj = c as Partial<Cursor> | null;
  if (!obj || typeof obj.id !== "string" || !GUID.test(obj.id)) throw new CursorError("the page link is damaged; start again from the first page");
  if (sort === "failures") {
    if (typeof obj.v !== "number" || !Number.isInteger(obj.v)) throw new CursorError("the page link does not match the sort; start again");
    return { value: obj.v, id: obj.id };
  }
  const d = typeof obj.v === "string" ? new Date(obj.v) : new Date(NaN);
  if (Number.isNaN(d.getTime())) throw new CursorError("the page link does not match the sort; start again");
  return { value: d, id: obj.id };
}

/**
 * Rows strictly after the cursor in the (field, id) order going `dir`. The leading `field <= v`
 * (or >=) is what lets Postgres start the index scan at the cursor instead of filtering every row
 * before it (deep pages and the CSV export stay as fast as the first page).
 */
function keysetWhere(sort: SortKey, dir: "asc" | "desc", cursor: { value: Date | number; id: string }): Prisma.SetupWhereInput {
  const field = SORT_FIELD[sort];
  const op = dir === "desc" ? "lt" : "gt";
  const opOrEqual = dir === "desc" ? "lte" : "gte";
  return {
    AND: [
      { [field]: { [opOrEqual]: cursor.value } },
      { OR: [{ [field]: { [op]: cursor.value } }, { id: { [op]: cursor.id } }] },
    ],
  } as Prisma.SetupWhereInput;
}

function orderBy(sort: SortKey, dir: "asc" | "desc"): Prisma.SetupOrderByWithRelationInput[] {
  return [{ [SORT_FIELD[sort]]: dir }, { id: dir }];
}

export interface SetupPage {
  rows: SetupRow[];
  /** Cursor for the next page (further in the sort order), or null at the end. */
  next: string | null;
  /** Cursor for the previous page, or null on the first page. */
  prev: string | null;
}

/**
 * One page of the filtered list. `after` pages forward, `before` pages back; both are cursors
 * produced by this function. Each row appears on exactly one page for a fixed data set.
 */
export async function listSupportSetups(
  prisma: PrismaClient,
  params: ListParams,
  rule: StuckRule,
  limit = PAGE_SIZE,
): Promise<SetupPage> {
  const base = filterWhere(params, rule);
  const backwards = !params.after && Boolean(params.before);
  const cursorRaw = params.after ?? params.before;
  const dir = backwards ? (params.dir === "desc" ? "asc" : "desc") : params.dir;
  const where: Prisma.SetupWhereInput = cursorRaw
    ? { AND: [base, keysetWhere(params.sort, dir, decodeCursor(params.sort, cursorRaw))] }
    : base;
  const found = await prisma.setup.findMany({ where, orderBy: orderBy(params.sort, dir), take: limit + 1, select: rowSelect });
  const more = found.length > limit;
  const page = found.slice(0, limit);
  if (backwards) page.reverse();
  const rows = page.map((r) => ({ ...r, stuck: stuckReason(r, rule) }));
  const first = rows[0];
  const last = rows[rows.length - 1];
  let next: string | null = null;
  let prev: string | null = null;
  if (backwards) {
    prev = more && first ? encodeCursor(params.sort, first) : null;
    next = last ? encodeCursor(params.sort, last) : null;
  } else {
    next = more && last ? encodeCursor(params.sort, last) : null;
    prev = params.after && first ? encodeCursor(params.sort, first) : null;
  }
  return { rows, next, prev };
}

/** How many setups match the filters (for "N setups" above the table). */
export function countSupportSetups(prisma: PrismaClient, filters: SetupFilters, rule: StuckRule): Promise<number> {
  return prisma.setup.count({ where: filterWhere(filters, rule) });
}

/**
 * Every matching setup in sort order, fetched in keyset batches (the CSV export): memory stays at
 * one batch however many rows match.
 */
export async function* iterateSupportSetups(
  prisma: PrismaClient,
  filters: SetupFilters,
  rule: StuckRule,
  batchSize = 1000,
): AsyncGenerator<SetupRow[]> {
  let after: string | undefined;
  const fixedRule = { ...rule, now: rule.now ?? new Date() };
  for (;;) {
    const page = await listSupportSetups(prisma, { ...filters, after }, fixedRule, batchSize);
    if (page.rows.length) yield page.rows;
    if (!page.next) return;
    after = page.next;
  }
}
