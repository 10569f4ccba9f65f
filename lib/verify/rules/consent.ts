// Admin consent: client credentials prove the ID and secret, not consent ("authentication but not
// authorization"), so this check gives the admin-consent link for the customer's tenant instead.
import { adminConsentUrl } from "../constants";
import { makeCheck, type Check } from "../report";
import { isGuid, trimAll } from "../text";
import type { RuleContext } from "./context";
import { validateTenant } from "./identity";

/** The tenant to use for live checks and links: the one given, else the manifest's publisher domain. */
export function effectiveTenant(ctx: RuleContext): { value: string; from: "input" | "publisherDomain" } | undefined {
  if (ctx.input.tenant !== undefined) {
    const v = validateTenant(ctx.input.tenant);
    return v.ok ? { value: v.value, from: "input" } : undefined;
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
  if (typed !== undefined) return isGuid(typed) ? typed.toLowerCase() : undefined;
  const appId = ctx.input.manifest?.appId !== undefined ? trimAll(ctx.input.manifest.appId) : undefined;
  return appId !== undefined && isGuid(appId) ? appId.toLowerCase() : undefined;
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
    `Sign in as a Global Administrator (or Privileged Role / Cloud Application Administrator) of ${tenant.value} and open ${url}, or in API permissions select "Grant admin consent for …" and confirm.`,
    { label: "Grant admin consent", href: url },
  );
}
