// The support list: lib/progress's listSetups (one SQL query: filters, search, keyset pages on the
// schema's indexes) plus what the console adds: the stuck reason per row, the count of matches and
// the batched iteration the CSV export streams from.
import { getPrisma, type Prisma, type SetupStatus } from "../db";
import { listSetups, ProgressInputError, STUCK_FAILURE_STREAK, type ListSort, type SetupListItem } from "../progress";
import { PAGE_SIZE, type ListParams, type SetupFilters, type SortKey } from "./filters";

export { STUCK_FAILURE_STREAK };

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The shape of a setup's public id, as lib/progress/list.ts matches it. */
const PUBLIC_ID = /^[A-Za-z0-9_-]{16,64}$/;
const DAY = 86_400_000;

export interface StuckRule {
  /** No activity for this many days (and not completed). */
  days: number;
  now?: Date;
}

export interface SetupRow extends SetupListItem {
  /** Why the setup is flagged stuck, or null. */
  stuck: string | null;
}

export interface SetupPage {
  rows: SetupRow[];
  /** Cursor of the next page, or null on the last one. */
  next: string | null;
}

/** A page link that cannot be used (damaged, or from another sort): say so and offer the first page. */
export class CursorError extends Error {}

const SORT: Record<SortKey, ListSort> = { activity: "lastActivity", created: "created" };

export function stuckCutoff(rule: StuckRule): Date {
  return new Date((rule.now ?? new Date()).getTime() - rule.days * DAY);
}

/** The stuck badge: not completed, and failing the same check 3 times in a row or idle for `days` days. */
export function stuckReason(
  s: Pick<SetupRow, "status" | "lastActivityAt" | "consecutiveFailures" | "lastFailedCheck">,
  rule: StuckRule,
): string | null {
  if (s.status === "completed") return null;
  if (s.consecutiveFailures >= STUCK_FAILURE_STREAK) {
    return `${s.lastFailedCheck ?? "the same check"} failed ${s.consecutiveFailures} times in a row`;
  }
  if (s.lastActivityAt.getTime() < stuckCutoff(rule).getTime()) {
    const days = Math.floor(((rule.now ?? new Date()).getTime() - s.lastActivityAt.getTime()) / DAY);
    return `no progress for ${days} day${days === 1 ? "" : "s"}`;
  }
  return null;
}

/** One page of the filtered list (newest first by the chosen sort); `after` is the previous page's `next`. */
export async function listSupportSetups(params: ListParams, rule: StuckRule, limit = PAGE_SIZE): Promise<SetupPage> {
  const now = rule.now ?? new Date();
  let page;
  try {
    page = await listSetups({
      q: params.q,
      status: params.status,
      currentStep: params.step as never,
      stuck: params.stuck === undefined ? undefined : params.stuck === "yes",
      stuckDays: rule.days,
      sort: SORT[params.sort],
      limit,
      cursor: params.after,
      now,
    });
  } catch (err) {
    if (err instanceof ProgressInputError && err.field === "cursor") {
      throw new CursorError("This page link is damaged or belongs to another sort; start again from the first page.");
    }
    if (err instanceof ProgressInputError && err.field === "currentStep") return { rows: [], next: null };
    throw err;
  }
  return {
    rows: page.items.map((r) => ({ ...r, stuck: stuckReason(r, { ...rule, now }) })),
    next: page.nextCursor,
  };
}

function likeEscape(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The same conditions as listSetups, for counting the matches (kept equal by tests/integration/support-list.test.ts). */
export function filterWhere(f: SetupFilters, rule: StuckRule): Prisma.SetupWhereInput {
  const and: Prisma.SetupWhereInput[] = [];
  const q = f.q?.trim();
  if (q) {
    const contains = { contains: likeEscape(q), mode: "insensitive" as const };
    const or: Prisma.SetupWhereInput[] = [{ companyName: contains }, { contactEmail: contains }];
    if (GUID.test(q)) or.push({ clientId: q.toLowerCase() });
    if (PUBLIC_ID.test(q)) or.push({ publicId: q });
    and.push({ OR: or });
  }
  if (f.status) and.push({ status: f.status as SetupStatus });
  if (f.step) and.push({ currentStep: f.step });
  if (f.stuck) {
    const cutoff = stuckCutoff(rule);
    const stuck: Prisma.SetupWhereInput = {
      status: { not: "completed" },
      OR: [{ lastActivityAt: { lt: cutoff } }, { consecutiveFailures: { gte: STUCK_FAILURE_STREAK } }],
    };
    and.push(f.stuck === "yes" ? stuck : { NOT: stuck });
  }
  return and.length ? { AND: and } : {};
}

/** How many setups match the filters (the number above the table). */
export function countSupportSetups(filters: SetupFilters, rule: StuckRule): Promise<number> {
  return getPrisma().setup.count({ where: filterWhere(filters, rule) });
}

/**
 * Every matching setup in list order, in keyset batches (the CSV export): memory holds one batch
 * however many rows match.
 */
export async function* iterateSupportSetups(filters: SetupFilters, rule: StuckRule, batchSize = 500): AsyncGenerator<SetupRow[]> {
  const fixed = { ...rule, now: rule.now ?? new Date() };
  let after: string | undefined;
  for (;;) {
    const page = await listSupportSetups({ ...filters, after }, fixed, batchSize);
    if (page.rows.length) yield page.rows;
    if (!page.next) return;
    after = page.next;
  }
}
