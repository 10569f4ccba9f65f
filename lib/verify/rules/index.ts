import type { MisplacedField, PreparedInput } from "../input";
import type { Registration } from "../manifest";
import { makeCheck, type Check, type CheckId } from "../report";
import { consentAdmin } from "./consent";
import type { RuleContext } from "./context";
import { clientIdFormat, clientIdMatch, judgeAudience, manifestFormat, signInAudience, tenantFormat } from "./identity";
import { judgePermissions, permissionChecks, sourceFromRegistration } from "./permissions";
import { judgeRedirects, redirectUri } from "./redirect";
import { judgeSecretExpiry, judgeSecretMatch, secretExpiry, secretMatch, secretShape } from "./secret";

export type { RuleContext } from "./context";

/** Runs one rule; a bug in a rule becomes an "error" check, never an exception. */
function guarded(id: CheckId, rule: () => Check): Check {
  try {
    return rule();
  } catch {
    return makeCheck(id, "error", "This check could not run because of a problem in the checker itself; the other checks are unaffected.");
  }
}

function guardedMany(ids: CheckId[], rule: () => Check[]): Check[] {
  try {
    return rule();
  } catch {
    return ids.map((id) => makeCheck(id, "error", "This check could not run because of a problem in the checker itself; the other checks are unaffected."));
  }
}

const PERMISSION_IDS: CheckId[] = ["permissions.resource", "permissions.financials", "permissions.user-impersonation", "permissions.extra"];

/** Where a secret found in the wrong field is reported: the check that reads that field. */
const MISPLACED: Record<MisplacedField, { id: CheckId; label: string; fix: string; status: "fail" | "warn" }> = {
  clientId: { id: "client-id.format", label: "The client ID", status: "fail", fix: "Enter the Application (client) ID from the app's Overview page here (a GUID)." },
  tenant: { id: "tenant.format", label: "The tenant", status: "fail", fix: "Enter the Directory (tenant) ID from the app's Overview page here (a GUID), or your tenant's domain." },
  redirectUris: { id: "redirect-uri", label: "A redirect URI", status: "fail", fix: "Enter the redirect URI here: https://dynamics365businesscentral.codat.io/oauth/callback" },
  permissions: { id: "permissions.extra", label: "A permission", status: "fail", fix: "List the API permissions here (Financials.ReadWrite.All and user_impersonation, delegated)." },
  manifest: { id: "manifest.format", label: "The manifest", status: "warn", fix: "Remove the secret value from what you paste as the manifest." },
};

/** The check that reads a field holding a secret says so (the text itself was already removed). */
function flagMisplaced(checks: Check[], misplaced: PreparedInput["misplacedSecrets"]): Check[] {
  if (!misplaced) return checks;
  return checks.map((c) => {
    const entry = (Object.entries(misplaced) as [MisplacedField, string][]).find(([field]) => MISPLACED[field].id === c.id);
    if (!entry) return c;
    const m = MISPLACED[entry[0]];
    const status = c.status === "fail" ? "fail" : m.status;
    const detail = `${m.label} holds what looks like a client secret (starting ${JSON.stringify(entry[1])}): it belongs in the client secret field, so it was removed before anything was checked or saved. ${c.detail}`;
    const fix = `${m.fix} Paste the secret's Value only into the client secret field; if you shared it anywhere else, create a new secret.`;
    return { ...c, status, detail, fix };
  });
}

/** The checks that carry the notice of a secret found in the wrong field (flagMisplaced). */
export function misplacedSecretCheckIds(misplaced: PreparedInput["misplacedSecrets"]): CheckId[] {
  return misplaced ? (Object.keys(misplaced) as MisplacedField[]).map((field) => MISPLACED[field].id) : [];
}

/** Every offline rule, in report order (the live checks are added by the caller). */
export function ruleChecks(ctx: RuleContext): Check[] {
  return flagMisplaced(rawRuleChecks(ctx), ctx.input.misplacedSecrets);
}

function rawRuleChecks(ctx: RuleContext): Check[] {
  return [
    guarded("manifest.format", () => manifestFormat(ctx)),
    guarded("client-id.format", () => clientIdFormat(ctx)),
    guarded("client-id.match", () => clientIdMatch(ctx)),
    guarded("tenant.format", () => tenantFormat(ctx)),
    guarded("sign-in-audience", () => signInAudience(ctx)),
    guarded("redirect-uri", () => redirectUri(ctx)),
    guarded("secret.shape", () => secretShape(ctx)),
    guarded("secret.match", () => secretMatch(ctx)),
    guarded("secret.expiry", () => secretExpiry(ctx)),
    ...guardedMany(PERMISSION_IDS, () => permissionChecks(ctx)),
    guarded("consent.admin", () => consentAdmin(ctx)),
  ];
}

/** The registration rules applied to a registration read live from Microsoft Graph. */
export function registrationChecks(reg: Registration, secret: string | undefined, clientId: string | undefined, now: Date): Check[] {
  const name = "Microsoft's registration";
  return [
    guarded("sign-in-audience", () =>
      reg.signInAudience === undefined
        ? makeCheck("sign-in-audience", "skip", `${name} shows no signInAudience.`)
        : (() => {
            const v = judgeAudience(reg.signInAudience, `${name} has`, reg);
            return makeCheck("sign-in-audience", v.status, v.detail, v.fix);
          })(),
    ),
    guarded("redirect-uri", () => judgeRedirects(reg.redirects, undefined, name)),
    guarded("secret.match", () => judgeSecretMatch(secret, reg, clientId, name)),
    guarded("secret.expiry", () => judgeSecretExpiry(reg, secret, now, name)),
    ...guardedMany(PERMISSION_IDS, () => judgePermissions([sourceFromRegistration(reg, name)])),
  ];
}
