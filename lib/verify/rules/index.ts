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

/** Every offline rule, in report order (the live checks are added by the caller). */
export function ruleChecks(ctx: RuleContext): Check[] {
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
