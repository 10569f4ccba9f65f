// Admin consent: client credentials prove the ID and secret, not consent ("authentication but not
// authorization"), so this check gives the admin-consent link for the customer's tenant instead.
import { adminConsentUrl, REQUIRED_REDIRECT_URI } from "../constants";
import type { Registration } from "../manifest";
import { makeCheck, type Check } from "../report";
import { isGuid, trimAll } from "../text";
import type { RuleContext } from "./context";
import { describeIdMistake, describeTenantMistake, validateTenant } from "./identity";

/** The tenant to use for live checks and links: the one given, else the manifest's publisher domain. */
export function effectiveTenant(ctx: RuleContext): { value: string; from: "input" | "publisherDomain" } | undefined {
  if (ctx.input.tenant !== undefined) {
    const v = validateTenant(ctx.input.tenant);
    // A GUID that is known to be something else (the app's Object ID, a Secret ID…) is no tenant to ask.
    if (!v.ok || (isGuid(v.value) && describeTenantMistake(v.value, ctx)?.status === "fail")) return undefined;
    return { value: v.value, from: "input" };
  }
  const pd = ctx.input.manifest?.publisherDomain;
  if (pd) {
    const v = validateTenant(pd);
    if (v.ok) return { value: v.value, from: "publisherDomain" };
  }
  return undefined;
}

/** The client ID to use: the one given if it is a GUID, else the manifest's appId if that is. */
export function effectiveClientId(ctx: RuleContext): string | undefined {
  const typed = ctx.input.clientId !== undefined ? trimAll(ctx.input.clientId) : undefined;
  if (typed !== undefined) return isGuid(typed) && describeIdMistake(typed, ctx)?.status !== "fail" ? typed.toLowerCase() : undefined;
  const appId = ctx.input.manifest?.appId !== undefined ? trimAll(ctx.input.manifest.appId) : undefined;
  return appId !== undefined && isGuid(appId) ? appId.toLowerCase() : undefined;
}

/**
 * The admin-consent link sends the administrator back to Codat's redirect URI, and Microsoft refuses a
 * redirect_uri the app has not registered exactly (AADSTS50011): when the registration is known and
 * lacks it, the link's text says so, or the administrator would blame consent for a redirect problem.
 */
export function consentLinkCaveat(reg: Registration | undefined): string {
  if (!reg || reg.redirects.some((r) => r.uri === REQUIRED_REDIRECT_URI)) return "";
  return ` The link works only once ${REQUIRED_REDIRECT_URI} is registered on the app exactly (see the redirect URI check): Microsoft sends the administrator back there and refuses a redirect URI the app does not have (AADSTS50011).`;
}

export function consentAdmin(ctx: RuleContext): Check {
  const tenant = effectiveTenant(ctx);
  const clientId = effectiveClientId(ctx);
  if (!tenant || !clientId) {
    const missing = [!clientId ? "a valid client ID" : "", !tenant ? "a valid tenant" : ""].filter(Boolean).join(" and ");
    return makeCheck(
      "consent.admin",
      "skip",
      `Admin consent can't be seen from outside. Give ${missing} to get the admin-consent link for your tenant.`,
    );
  }
  const url = adminConsentUrl(tenant.value, clientId);
  return makeCheck(
    "consent.admin",
    "skip",
    `Admin consent can't be proven with the app's own credentials (a sign-in with ID and secret works with or without it). If "Grant admin consent" was not done in API permissions, an administrator of ${tenant.value} can grant it by opening the admin-consent link.`,
    `Sign in as a Global Administrator (or an Application, Cloud Application or Privileged Role Administrator) of ${tenant.value} and open ${url}, or in API permissions select "Grant admin consent for …" and confirm.${consentLinkCaveat(ctx.input.manifest)}`,
    { label: "Grant admin consent", href: url },
  );
}
