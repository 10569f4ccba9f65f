// The client secret: is what was given a secret value (not the Secret ID), does it belong to this
// app, and when does it expire. The value itself never appears in a report: at most its first three
// characters, which the portal shows too (the "hint").
import { ACCESS_TOKEN_PATTERN, EXPIRED_FIRST, LIMITS, SECRET_VALUE_PATTERN } from "../constants";
import type { PasswordCredential, Registration } from "../manifest";
import { makeCheck, type Check } from "../report";
import { day, firstChars, isGuid, listOf, plural, quote, stripEnds, trimAll } from "../text";
import type { RuleContext } from "./context";

const NEW_SECRET_FIX =
  "In the app's Certificates & secrets page, choose New client secret, pick an expiry your policy allows (the portal allows up to 24 months), and copy the Value column at once: it is shown only once.";

/** Before "create a new secret" when the app already holds as many secrets as its account type allows. */
function roomFirst(count: number, expired: number): string {
  if (count < LIMITS.secretsForPersonalAccounts) return "";
  return expired > 0
    ? `The app already has ${count} secrets and this account type allows ${LIMITS.secretsForPersonalAccounts} at most, so first delete the expired one. `
    : `The app already has ${count} secrets and this account type allows ${LIMITS.secretsForPersonalAccounts} at most, so first delete one the Codat Portal does not use. `;
}

export type SecretKind = "value" | "guid" | "client-id" | "token" | "odd";

function hintOf(secret: string): string {
  return firstChars(trimAll(secret), 3);
}

/** What a given secret looks like (never returns any part of it beyond the 3-character hint). */
export function secretKind(secret: string, clientId?: string): SecretKind {
  const t = trimAll(secret);
  const inner = stripEnds(t, "{(\"'`", "})\"'`");
  if (clientId && inner.toLowerCase() === trimAll(clientId).toLowerCase()) return "client-id";
  if (isGuid(inner)) return "guid";
  if (ACCESS_TOKEN_PATTERN.test(t)) return "token";
  if (SECRET_VALUE_PATTERN.test(t)) return "value";
  return "odd";
}

export function secretShape(ctx: RuleContext): Check {
  const secret = ctx.input.secret;
  if (secret === undefined) return makeCheck("secret.shape", "skip", "No client secret given (it is never stored or shown).");
  const t = trimAll(secret);
  const clientId = ctx.input.clientId ?? ctx.input.manifest?.appId;
  const kind = secretKind(secret, clientId);
  // The first three characters are what the portal itself shows (the hint); never more, and not even
  // that for a value so short that three characters would give most of it away.
  const what = t.length >= 10
    ? `The secret you gave (${plural(t.length, "character")}, starting ${quote(hintOf(secret))})`
    : `The secret you gave (${plural(t.length, "character")})`;
  switch (kind) {
    case "client-id":
      return makeCheck(
        "secret.shape",
        "fail",
        `${what} is the client ID, not a secret.`,
        "In the app's Certificates & secrets page, copy the Value column of a client secret. If you no longer have it, create a new client secret and copy its Value at once: it is shown only once.",
      );
    case "guid": {
      const inner = stripEnds(t, "{(\"'`", "})\"'`").toLowerCase();
      const cred = ctx.input.manifest?.secrets.find((s) => s.keyId?.toLowerCase() === inner);
      return makeCheck(
        "secret.shape",
        "fail",
        `${what} is a GUID: that is a Secret ID${cred ? ` (the ID of the app's secret ${describe(cred)})` : ""}, not the secret's Value. Microsoft would answer AADSTS7000215 (invalid client secret).`,
        "In Certificates & secrets, copy the Value column, not the Secret ID column. The Value is shown only right after the secret is created: if you no longer have it, create a new client secret and copy its Value at once.",
      );
    }
    case "token":
      // A JSON Web Token ("eyJ…", three parts) is what Microsoft issues after a sign-in, never a client
      // secret: the token endpoint would refuse it as the secret (AADSTS7000215).
      return makeCheck(
        "secret.shape",
        "fail",
        `${what} is an access token (three parts separated by dots, starting "eyJ"), not a client secret. Microsoft would answer AADSTS7000215 (invalid client secret).`,
        "Copy the Value of a client secret from the app's Certificates & secrets page. If you no longer have it, create a new client secret and copy its Value at once: it is shown only once.",
      );
    case "value":
      if (t !== secret) {
        return makeCheck("secret.shape", "warn", `${what} looks like a secret value, but has spaces or invisible characters around it.`, "Paste the secret without the surrounding spaces (in the Codat Portal too).");
      }
      return makeCheck("secret.shape", "pass", `${what} looks like a client secret value.`);
    case "odd": {
      const bad = /[^A-Za-z0-9_~.-]/.test(t);
      const why = bad
        ? "it contains characters that current secret values never contain"
        : t.length < 30
          ? "it is shorter than current secret values (about 40 characters)"
          : "it does not follow the current pattern (three characters, a digit, Q~, then 31 to 34 more)";
      return makeCheck(
        "secret.shape",
        "warn",
        `${what} does not look like a current secret value: ${why}. Secrets made long ago can look different; the live check tells for sure.`,
        "Check that you copied the whole Value of the secret, nothing more. If in doubt, create a new client secret and copy its Value.",
      );
    }
  }
}

function describe(c: PasswordCredential): string {
  const parts = [c.displayName ? quote(c.displayName, 40) : "", c.hint ? `hint ${quote(c.hint)}` : ""].filter(Boolean);
  return parts.length ? parts.join(", ") : c.keyId ? `with Secret ID ${c.keyId}` : "without a name";
}

/** Does the given secret start like one of the registration's secrets (by the portal's 3-char hint)? */
export function judgeSecretMatch(secret: string | undefined, reg: Registration | undefined, clientId: string | undefined, where = "the manifest"): Check {
  if (secret === undefined) return makeCheck("secret.match", "skip", "No client secret given.");
  if (!reg) return makeCheck("secret.match", "skip", "Needs the manifest to compare the secret with the app's secrets.");
  if (secretKind(secret, clientId) !== "value" && secretKind(secret, clientId) !== "odd") {
    return makeCheck("secret.match", "skip", "What was given is not a secret value (see the client secret value check).");
  }
  const withHint = reg.secrets.filter((s) => s.hint);
  if (reg.secrets.length === 0) return makeCheck("secret.match", "skip", `${cap(where)} lists no client secret to compare with.`);
  if (withHint.length === 0) return makeCheck("secret.match", "skip", `The secrets in ${where} carry no hint (first three characters) to compare with.`);
  const hint = hintOf(secret);
  const matches = withHint.filter((s) => s.hint === hint);
  if (matches.length > 0) {
    return makeCheck("secret.match", "pass", `The secret you gave starts like the app's secret ${listOf(matches.map(describe))}.`);
  }
  // The hint is the first three characters of the value (azure-facts.md): a value that starts like none
  // of the app's secrets is not one of them, unless the secret was made after this copy of the
  // manifest. Either way the step is not done on this evidence (a live sign-in that works says which).
  return makeCheck(
    "secret.match",
    "fail",
    `${withHint.length === 1 ? `The app's only secret in ${where} does not start with ${quote(hint)} (its hint: ${quote(withHint[0]!.hint!)})` : `None of the app's ${withHint.length} secrets in ${where} starts with ${quote(hint)} (their hints: ${listOf(withHint.map((s) => quote(s.hint!)))})`}, so the value you gave is not one of this app's secrets: it may belong to another app or to a deleted secret, and Microsoft would refuse it (AADSTS7000215). Or the secret is newer than ${where === "the manifest" ? "this copy of the manifest" : where}.`,
    `If you created the secret after copying the manifest, copy the manifest again from the app's Manifest page. Otherwise copy the Value of a secret of this app, or create a new client secret and copy its Value at once.`,
  );
}

/**
 * A live sign-in that worked with this client ID and secret outranks the pasted manifest's hints: the
 * secret is the app's, so a manifest that does not list it is older than the secret.
 */
export function secretMatchAfterLiveSignIn(check: Check): Check {
  if (check.id !== "secret.match" || check.status !== "fail") return check;
  return makeCheck(
    "secret.match",
    "warn",
    "None of the secrets in the manifest you pasted starts like the value you gave, but Microsoft accepted that value for this app (the live sign-in worked): the manifest is older than the secret.",
    "Copy the manifest again from the app's Manifest page, so its secrets (and their expiry) are current.",
  );
}

/**
 * The same for secret.expiry: Microsoft refuses an expired secret (AADSTS7000222), so when it accepted
 * the value given, a manifest that shows no valid secret (or none at all) is older than that secret.
 */
export function secretExpiryAfterLiveSignIn(check: Check): Check {
  if (check.id !== "secret.expiry" || check.status !== "fail") return check;
  return makeCheck(
    "secret.expiry",
    "warn",
    "The manifest you pasted shows no valid client secret, but Microsoft accepted the value you gave for this app just now: the manifest is older than that secret, so it cannot say when the secret expires.",
    "Copy the manifest again from the app's Manifest page to see when your secret expires.",
  );
}

export function secretMatch(ctx: RuleContext): Check {
  return judgeSecretMatch(ctx.input.secret, ctx.input.manifest, ctx.input.clientId ?? ctx.input.manifest?.appId);
}

const DAY = 86_400_000;

function parseDate(s: string | undefined): Date | undefined {
  if (!s) return undefined;
  const t = Date.parse(s);
  return Number.isNaN(t) ? undefined : new Date(t);
}

/** Expiry of the registration's secrets; focused on the given secret when its hint identifies it. */
export function judgeSecretExpiry(reg: Registration | undefined, secret: string | undefined, now: Date, where = "the manifest"): Check {
  if (!reg) {
    return makeCheck("secret.expiry", "skip", "Paste the manifest: its passwordCredentials say when each secret expires.");
  }
  if (reg.secrets.length === 0) {
    return makeCheck("secret.expiry", "fail", `${cap(where)} lists no client secret: the app has none.`, NEW_SECRET_FIX);
  }
  const hint = secret !== undefined ? hintOf(secret) : undefined;
  const mine = hint ? reg.secrets.filter((s) => s.hint === hint) : [];
  const focus = mine.length > 0 ? mine : reg.secrets;
  const subject =
    mine.length > 1
      ? `The latest of the app's ${mine.length} secrets starting ${quote(hint!)} (yours is one of them)`
      : mine.length === 1
        ? "The secret you gave"
        : reg.secrets.length === 1
          ? "The app's only secret"
          : "The app's latest secret";
  // A secret was given, the manifest's secrets carry hints, and none is the given one: what follows is
  // about the app's other secrets, not the one given (secret.match says so).
  const notYours =
    hint !== undefined && mine.length === 0 && reg.secrets.some((s) => s.hint)
      ? ` The secret you gave is not among ${where === "the manifest" ? "the manifest's" : "them"} (see "Client secret belongs to this app").`
      : "";
  const dated = focus
    .map((c) => ({ c, end: parseDate(c.end), start: parseDate(c.start) }))
    .filter((x): x is { c: PasswordCredential; end: Date; start: Date | undefined } => x.end !== undefined);
  if (dated.length === 0) {
    return makeCheck("secret.expiry", "skip", `${cap(where)} shows no readable expiry date for the app's secrets.`);
  }
  dated.sort((a, b) => b.end.getTime() - a.end.getTime());
  const best = dated[0]!;
  const days = Math.floor((best.end.getTime() - now.getTime()) / DAY);
  const expiredOthers = reg.secrets.filter((c) => c !== best.c && (parseDate(c.end)?.getTime() ?? Infinity) <= now.getTime());
  const othersNote = expiredOthers.length
    ? ` ${plural(expiredOthers.length, "other secret has", "other secrets have")} expired and can be deleted.`
    : "";
  const name = describe(best.c);
  if (best.end.getTime() <= now.getTime()) {
    const detail =
      mine.length > 0
        ? `${subject} (${name}) expired on ${day(best.end)}. Microsoft would answer AADSTS7000222.`
        : `Every client secret of the app has expired (the latest, ${name}, on ${day(best.end)}).${notYours}`;
    return makeCheck(
      "secret.expiry",
      "fail",
      detail,
      `${EXPIRED_FIRST} Then: ${NEW_SECRET_FIX} Enter the new Value in the Codat Portal.`,
    );
  }
  if (best.start && best.start.getTime() > now.getTime()) {
    return makeCheck(
      "secret.expiry",
      "warn",
      `${subject} (${name}) is not valid until ${day(best.start)}.${notYours}`,
      "Use a secret that is already valid, or wait until its start date.",
    );
  }
  if (days < LIMITS.secretWarnDays) {
    return makeCheck(
      "secret.expiry",
      "warn",
      `${subject} (${name}) expires on ${day(best.end)}, ${inDays(best.end, now)}.${othersNote}${notYours}`,
      `${roomFirst(reg.secrets.length, expiredOthers.length)}Create a new client secret before ${day(best.end)}, enter its Value in the Codat Portal, then delete the old one. ${NEW_SECRET_FIX}`,
    );
  }
  return makeCheck(
    "secret.expiry",
    "pass",
    `${subject} (${name}) is valid until ${day(best.end)}, ${plural(days, "day")} from now.${othersNote}${notYours}`,
  );
}

/** "today", "tomorrow", "in 12 days": calendar days (UTC, as the dates shown) from now to the expiry. */
function inDays(end: Date, now: Date): string {
  const utcDay = (d: Date) => Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  const days = Math.round((utcDay(end) - utcDay(now)) / DAY);
  return days <= 0 ? "today" : days === 1 ? "tomorrow" : `in ${plural(days, "day")}`;
}

export function secretExpiry(ctx: RuleContext): Check {
  return judgeSecretExpiry(ctx.input.manifest, ctx.input.secret, ctx.now);
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
