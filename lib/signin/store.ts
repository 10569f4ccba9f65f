// Sign-ins in flight, in PostgreSQL: the OAuth state (only its SHA-256), the PKCE verifier and the
// nonce, bound to the customer's setup. take() deletes the row it returns, so a state works once;
// rows expire after 10 minutes. No token of the signed-in user is ever written here.
import { createHash } from "node:crypto";
import { getPrisma } from "../db";
import { log } from "../log";

export const SIGN_IN_TTL_MS = 10 * 60_000;

export interface PendingSignIn {
  setupPublicId: string;
  clientId: string;
  codeVerifier: string;
  nonce: string;
  returnTo: string;
  expiresAt: Date;
}

export const hashState = (state: string) => createHash("sha256").update(state).digest("hex");

export async function savePendingSignIn(state: string, p: Omit<PendingSignIn, "expiresAt">, now = new Date()): Promise<void> {
  const prisma = getPrisma();
  await prisma.microsoftSignIn.deleteMany({ where: { expiresAt: { lt: now } } });
  await prisma.microsoftSignIn.create({ data: { ...p, stateHash: hashState(state), createdAt: now, expiresAt: new Date(now.getTime() + SIGN_IN_TTL_MS) } });
}

/** The pending sign-in of this state, removed in the same step (one use); undefined when unknown or already used. */
export async function takePendingSignIn(state: string): Promise<PendingSignIn | undefined> {
  const prisma = getPrisma();
  const rows = await prisma.$queryRaw<PendingSignIn[]>`
    DELETE FROM microsoft_sign_in WHERE "stateHash" = ${hashState(state)}
    RETURNING "setupPublicId", "clientId", "codeVerifier", "nonce", "returnTo", "expiresAt"`;
  return rows[0];
}

/** A refused callback (state missing, tampered, replayed, or of another setup), for the audit trail. */
export async function auditRefusedSignIn(details: { why: string; setupPublicId?: string | undefined }, request: { ip: string | null; userAgent: string | null }): Promise<void> {
  try {
    await getPrisma().auditEvent.create({
      data: {
        actorId: null,
        actorEmail: "customer",
        action: "customer.microsoft_sign_in_refused",
        targetType: details.setupPublicId ? "setup" : null,
        targetId: details.setupPublicId?.slice(0, 128) ?? null,
        details: { why: details.why },
        ip: request.ip?.slice(0, 64) ?? null,
        userAgent: request.userAgent?.slice(0, 512) ?? null,
      },
    });
  } catch {
    log().error({ event: "microsoft_sign_in.audit_failed" }, "microsoft sign-in: could not write the audit event of a refused callback");
  }
}
