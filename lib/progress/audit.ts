// The audit trail: every staff view of a setup and every staff action, with who, what, when and
// from where; listed newest first with keyset pagination.
import "server-only";
import { randomUUID } from "node:crypto";
import { getPrisma, Prisma } from "../db";
import { isGuid } from "../verify/text";
import { scrubOlderSecrets, scrubOlderSecretsDeep, scrubSecretShapes, scrubSecretShapesDeep } from "../verify/secret-shapes";
import type { RequestInfo } from "../auth/request-info";

export const AUDIT_ACTIONS = {
  signIn: "auth.sign_in",
  signInFailed: "auth.sign_in_failed",
  signInRateLimited: "auth.sign_in_rate_limited",
  signInLocked: "auth.sign_in_locked",
  signOut: "auth.sign_out",
  listSetups: "setups.list",
  viewSetup: "setup.view",
  viewInsights: "insights.view",
  viewAudit: "audit.view",
  exportCsv: "setups.export_csv",
} as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[keyof typeof AUDIT_ACTIONS];

export const AUDIT_LABELS: Record<AuditAction, string> = {
  "auth.sign_in": "Signed in",
  "auth.sign_in_failed": "Failed sign-in",
  "auth.sign_in_rate_limited": "Sign-in rate-limited",
  "auth.sign_in_locked": "Sign-in refused (account locked)",
  "auth.sign_out": "Signed out",
  "setups.list": "Searched setups",
  "setup.view": "Viewed setup",
  "insights.view": "Viewed insights",
  "audit.view": "Viewed audit log",
  "setups.export_csv": "Exported CSV",
};

export interface AuditInput {
  actor: { userId: string | null; email: string };
  action: AuditAction;
  target?: { type: string; id: string };
  details?: Record<string, unknown>;
  request?: RequestInfo;
}

/**
 * Text typed by whoever is audited (a search box, a filter, the email of a failed sign-in) with every
 * client-secret-shaped run (lib/verify/secret-shapes.ts: the current "Q~" shape and older-format
 * words) replaced by its 3-character hint: an engineer who pastes a secret into the support search
 * must not leave it in the audit trail. Applied by recordAudit to everything it stores.
 */
export function scrubAuditDetails<T>(details: T): T {
  return scrubOlderSecretsDeep(scrubSecretShapesDeep(details).value).value;
}

function scrubText(text: string, older: boolean): string {
  const t = scrubSecretShapes(text).text;
  return older ? scrubOlderSecrets(t) : t;
}

/**
 * Writes one audit row and waits for it (a view is audited before the page is sent; a failed write is
 * the caller's to handle); returns its id. One plain INSERT without RETURNING, cheaper than the model
 * API's create, which also reads every column back. Secret-shaped text is scrubbed (scrubAuditDetails).
 */
export async function recordAudit(e: AuditInput): Promise<string> {
  const id = randomUUID();
  const details = e.details ? JSON.stringify(scrubAuditDetails(e.details)) : null;
  const email = scrubText(e.actor.email.slice(0, 320), true).slice(0, 320);
  const userAgent = e.request?.userAgent ? scrubText(e.request.userAgent, false) : null;
  const targetId = e.target ? scrubText(e.target.id.slice(0, 128), false).slice(0, 128) : null;
  await getPrisma().$executeRaw`
    INSERT INTO audit_event (id, "actorId", "actorEmail", action, "targetType", "targetId", details, ip, "userAgent")
    VALUES (${id}::uuid, ${e.actor.userId}, ${email}, ${e.action}, ${e.target?.type ?? null},
            ${targetId}, ${details}::jsonb, ${e.request?.ip ?? null}, ${userAgent})`;
  return id;
}

/**
 * Adds to the details of an audit row written earlier (an export's outcome and row count once its
 * last row is sent): the row's who, what, when and from where never change.
 */
export async function addAuditDetails(id: string, details: Record<string, unknown>): Promise<void> {
  await getPrisma().$executeRaw`
    UPDATE audit_event SET details = COALESCE(details, '{}'::jsonb) || ${JSON.stringify(scrubAuditDetails(details))}::jsonb
     WHERE id = ${id}::uuid`;
}

export interface AuditRow {
  id: string;
  at: Date;
  actorId: string | null;
  actorEmail: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  details: unknown;
  ip: string | null;
  userAgent: string | null;
}

export interface AuditPage {
  rows: AuditRow[];
  next: string | null;
}


export function encodeAuditCursor(row: Pick<AuditRow, "at" | "id">): string {
  return Buffer.from(JSON.stringify({ at: row.at.toISOString(), id: row.id })).toString("base64url");
}

function decodeAuditCursor(raw: string): { at: Date; id: string } | null {
  try {
    const c = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as { at?: unknown; id?: unknown };
    const at = typeof c.at === "string" ? new Date(c.at) : new Date(NaN);
    if (typeof c.id !== "string" || !isGuid(c.id) || Number.isNaN(at.getTime())) return null;
    return { at, id: c.id };
  } catch {
    return null;
  }
}

export interface AuditFilters {
  actor?: string;
  action?: string;
  targetId?: string;
  after?: string;
}

/** Newest first; `after` is the cursor of the previous page's last row. */
export async function listAudit(f: AuditFilters, limit = 50): Promise<AuditPage> {
  const and: Prisma.AuditEventWhereInput[] = [];
  if (f.actor) and.push({ actorEmail: { contains: f.actor, mode: "insensitive" } });
  if (f.action) and.push({ action: f.action });
  if (f.targetId) and.push({ targetId: f.targetId });
  const cursor = f.after ? decodeAuditCursor(f.after) : null;
  if (cursor) and.push({ OR: [{ at: { lt: cursor.at } }, { at: cursor.at, id: { lt: cursor.id } }] });
  const found = await getPrisma().auditEvent.findMany({
    where: and.length ? { AND: and } : {},
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: limit + 1,
  });
  const rows = found.slice(0, limit);
  const last = rows[rows.length - 1];
  return { rows, next: found.length > limit && last ? encodeAuditCursor(last) : null };
}
