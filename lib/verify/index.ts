// The checker's entry points, shared by the web page, the HTTP API and the CLI.
// Plain TypeScript: no framework, no database. Nothing here throws on bad input.
import { prepareInput, type FieldError, type PreparedInput } from "./input";
import type { LiveOptions } from "./live";
import { CREDENTIALS_PROVEN } from "./constants";
import { buildReport, makeCheck, redact, type Check, type CheckId, type Report } from "./report";
import { misplacedSecretCheckIds, ruleChecks } from "./rules";
import { effectiveClientId, effectiveTenant } from "./rules/consent";
import { secretExpiryAfterLiveSignIn, secretKind, secretMatchAfterLiveSignIn } from "./rules/secret";
import { isGuid, stripEnds, trimAll } from "./text";

export { prepareInput, verifyInputSchema, toFieldError, httpStatusFor, fieldLabel, safeFieldError } from "./input";
export type { FieldError, PreparedInput, PrepareOptions, VerifyInput, TypedPermission } from "./input";
export { reportSchema, CHECK_IDS, CHECK_INFO, STATUSES, worst } from "./report";
export type { Check, CheckId, Report, Status } from "./report";
export type { LiveOptions } from "./live";
export { DEFAULT_LIVE_TIMEOUT_MS } from "./constants";

export interface VerifyOptions {
  /** The clock, for expiry checks (tests inject one). */
  now?: Date;
  /** Where and how long the live checks may go. */
  live?: LiveOptions;
}

/**
 * The copies of a typed secret to hide. None for a GUID: it is never a secret value but a Secret ID or
 * a client ID, which the portal shows openly, and the report must be able to name it ("that is the
 * Secret ID of …").
 */
export function secretCopies(secret: string | undefined): string[] {
  if (!secret || isGuid(stripEnds(trimAll(secret), "{(\"'`", "})\"'`"))) return [];
  return [secret, secret.trim()];
}

/** Every secret the input carries: redacted from anything that leaves the engine. */
export function secretsOf(input: PreparedInput): string[] {
  const s = secretCopies(input.secret);
  for (const c of input.manifest?.secrets ?? []) if (c.secretText) s.push(c.secretText, c.secretText.trim());
  return s;
}

/**
 * The input with every copy of a secret replaced in every field but `secret` itself, before any rule
 * sees it: a secret pasted into another field can then never be quoted, not even cut in part by a
 * truncated quote.
 */
function withoutSecretCopies(input: PreparedInput): PreparedInput {
  const secrets = secretsOf(input);
  if (secrets.length === 0) return input;
  const { secret, ...rest } = input;
  const safe = redact(rest, secrets) as PreparedInput;
  if (secret !== undefined) safe.secret = secret;
  return safe;
}

function wanted(input: PreparedInput, id: CheckId): boolean {
  return !input.checks || input.checks.includes(id);
}

/**
 * The report of the checks asked for. A check that says a secret was found in the wrong field (and removed)
 * is reported whatever `checks` selects: the person must hear that a credential was pasted where it does
 * not belong (and may have been shared), even on a re-run of other checks. It is one of the contract's
 * checks with its own verdict, so the report stays what the contract describes (summary the worst of them).
 */
function finish(input: PreparedInput, checks: Check[]): Report {
  const notice = misplacedSecretCheckIds(input.misplacedSecrets);
  return redact(buildReport(checks.filter((c) => wanted(input, c.id) || notice.includes(c.id))), secretsOf(input));
}

function liveSkips(reason: string): Check[] {
  return [makeCheck("live.token", "skip", reason), makeCheck("live.registration", "skip", reason)];
}

/** The offline rules only (fast, synchronous); live checks are reported as skipped. */
/**
 * The app a submission is about: the client ID typed, unless the rules reject it (not a GUID, Business
 * Central's own app ID, a pasted manifest's Object ID or Secret ID, the tenant's GUID), else the manifest's
 * appId. Decided from the input, not from the report: "re-run failed checks" leaves client-id.format out.
 */
export function clientIdOf(input: PreparedInput): string | undefined {
  return effectiveClientId({ input, now: new Date() });
}

export function verifyRules(input: PreparedInput, options: VerifyOptions = {}): Report {
  const now = options.now ?? new Date();
  const checks = ruleChecks({ input: withoutSecretCopies(input), now });
  return finish(input, [...checks, ...liveSkips("Live checks against Microsoft were not requested.")]);
}

function liveTarget(input: PreparedInput, now: Date) {
  const ctx = { input, now };
  const tenant = effectiveTenant(ctx);
  const clientId = effectiveClientId(ctx);
  const missing = [!tenant ? "a valid tenant" : "", !clientId ? "a valid client ID" : "", !input.secret ? "the client secret" : ""].filter(Boolean);
  if (!tenant || !clientId || !input.secret) return { missing };
  return { target: { tenant: tenant.value, tenantFrom: tenant.from, clientId, secret: input.secret } };
}

/**
 * Whether verify() would ask Microsoft anything: live asked for, a live check wanted, and a tenant, client
 * ID and secret to ask with. Rate limits on live checks are charged only then, so a request that never
 * leaves the machine is never refused as "too many live checks".
 */
export function needsLive(input: PreparedInput, now: Date = new Date()): boolean {
  if (!input.live || !(wanted(input, "live.token") || wanted(input, "live.registration"))) return false;
  return liveTarget(input, now).target !== undefined;
}

/** The full verification: rules, then the live checks when input.live is set. Never throws. */
export async function verify(input: PreparedInput, options: VerifyOptions = {}): Promise<Report> {
  const now = options.now ?? new Date();
  const checks = ruleChecks({ input: withoutSecretCopies(input), now });
  const liveWanted = input.live && (wanted(input, "live.token") || wanted(input, "live.registration"));
  if (!liveWanted) return finish(input, [...checks, ...liveSkips("Live checks against Microsoft were not requested.")]);
  const t = liveTarget(input, now);
  if (!t.target) return finish(input, [...checks, ...liveSkips(`The live checks need ${t.missing.join(", ")}.`)]);
  let live: Check[];
  try {
    const ctx = {
      now,
      secretIsGuid: secretKind(input.secret ?? "", t.target.clientId) === "guid",
      ...(input.manifest ? { pasted: input.manifest } : {}),
    };
    // Loaded on demand: msal-node is only needed when a live check runs.
    const { runLiveChecks } = await import("./live");
    live = await runLiveChecks(t.target, options.live ?? {}, ctx);
  } catch {
    live = [
      makeCheck("live.token", "error", "Could not check: something went wrong while asking Microsoft. This says nothing about your setup.", "Try again in a minute."),
      makeCheck("live.registration", "skip", "Needs a working sign-in (see the live sign-in check)."),
    ];
  }
  // Microsoft accepting the secret for the manifest's own app outranks that manifest's older list of
  // secrets (for another client ID it proves nothing about the manifest: client-id.match says so).
  const manifestApp = input.manifest?.appId !== undefined ? trimAll(input.manifest.appId).toLowerCase() : undefined;
  // live.token passes, or warns after Microsoft issued a Graph token (Business Central missing from the
  // tenant): either way Microsoft accepted this secret for this app. No other warning proves that.
  const signedIn =
    manifestApp === t.target.clientId &&
    live.some((c) => c.id === "live.token" && (c.status === "pass" || (c.status === "warn" && c.detail.startsWith(CREDENTIALS_PROVEN))));
  return finish(input, [...(signedIn ? checks.map((c) => secretExpiryAfterLiveSignIn(secretMatchAfterLiveSignIn(c))) : checks), ...live]);
}

/**
 * Validates raw input and verifies it, for callers that only need the report (the CLI, tests).
 * Returns the report only (never the input, which holds the secret). The JSON API and the customer
 * panels call prepareInput() and verify() themselves: they need the prepared input (the live flag for
 * the rate limit, the secret to fingerprint).
 */
export async function verifyRaw(raw: unknown, options: VerifyOptions = {}): Promise<{ ok: true; report: Report } | { ok: false; error: FieldError }> {
  const prepared = prepareInput(raw);
  if (!prepared.ok) {
    const secret = typeof raw === "object" && raw !== null && typeof (raw as { secret?: unknown }).secret === "string" ? (raw as { secret: string }).secret : undefined;
    return { ok: false, error: secret ? redact(prepared.error, [secret, secret.trim()]) : prepared.error };
  }
  return { ok: true, report: await verify(prepared.input, options) };
}
