// The checks a signed-in administrator makes possible ("Sign in with Microsoft to check"): with a
// delegated Microsoft Graph token (Application.Read.All + Directory.Read.All, read-only) we read
//   applications(appId='…')                         → the registration rules (and live.registration)
//   servicePrincipals(appId='…')                    → the app is an enterprise app in the tenant
//   servicePrincipals(appId='996def3d-…')           → Business Central is in the tenant
//   servicePrincipals/{id}/oauth2PermissionGrants   → consent.admin
// Pure checker code: no framework, no database, no token kept (the caller passes it in and drops it).
import { adminConsentUrl, BC_RESOURCE_APP_ID, FINANCIALS_SCOPE, GRAPH_HOST, USER_IMPERSONATION_SCOPE } from "./constants";
import { judgeLiveRegistration } from "./live";
import { normalizeManifest, type Registration } from "./manifest";
import { describeFailure, requestJson, type FetchLike } from "./network";
import { makeCheck, type Check } from "./report";
import { registrationChecks } from "./rules";
import { consentLinkCaveat } from "./rules/consent";
import { isGuid, listOf, quote, stripTrailingSlashes } from "./text";

export interface DelegatedTarget {
  /** The customer's app (client) ID: a GUID. */
  clientId: string;
  /** The tenant the admin signed in to (tid of the token). */
  tenantId: string;
  /** Who signed in, for the report's wording (user principal name). */
  signedInAs?: string;
}

export interface DelegatedOptions {
  graphBaseUrl?: string;
  fetch?: FetchLike;
  /** Absolute deadline (ms since epoch) shared with the sign-in. */
  deadline: number;
  timeoutMs: number;
  now?: Date;
}

export type DelegatedOutcome =
  | { ok: true; checks: Check[]; requests: number }
  | { ok: false; reason: "forbidden" | "unreachable" | "bad-response"; detail: string; requests: number };

const APP_SELECT = ["id", "appId", "displayName", "publisherDomain", "signInAudience", "web", "spa", "publicClient", "requiredResourceAccess", "passwordCredentials", "api"].join(",");

interface ServicePrincipal {
  id: string;
  appId: string;
  displayName?: string;
  appOwnerOrganizationId?: string | null;
}

interface Grant {
  clientId?: unknown;
  consentType?: unknown;
  resourceId?: unknown;
  scope?: unknown;
}

const graphCode = (body: unknown): string => {
  const e = (body as { error?: { code?: unknown } }).error;
  return typeof e?.code === "string" ? e.code : "";
};

/** Reads what the signed-in admin may read and turns it into checks. Never throws. */
export async function runDelegatedChecks(accessToken: string, target: DelegatedTarget, options: DelegatedOptions): Promise<DelegatedOutcome> {
  const now = options.now ?? new Date();
  const fetchImpl = options.fetch ?? fetch;
  const base = `${stripTrailingSlashes(options.graphBaseUrl ?? GRAPH_HOST)}/v1.0`;
  let requests = 0;
  if (!isGuid(target.clientId) || !isGuid(target.tenantId)) {
    return { ok: false, reason: "bad-response", detail: "The client ID or the tenant is not a GUID.", requests };
  }
  const get = (path: string) => {
    requests++;
    return requestJson(fetchImpl, `${base}/${path}`, { method: "GET", headers: { Authorization: `Bearer ${accessToken}`, Accept: "application/json" } }, options.deadline);
  };
  const [appRes, spRes, bcRes] = await Promise.all([
    get(`applications(appId='${target.clientId}')?$select=${APP_SELECT}`),
    get(`servicePrincipals(appId='${target.clientId}')?$select=id,appId,displayName,appOwnerOrganizationId`),
    get(`servicePrincipals(appId='${BC_RESOURCE_APP_ID}')?$select=id,appId,displayName`),
  ]);
  for (const r of [appRes, spRes, bcRes]) {
    if (!r.ok) return { ok: false, reason: "unreachable", detail: describeFailure(r.failure, options.timeoutMs), requests };
  }
  const app = appRes.ok ? appRes : undefined;
  const sp = spRes.ok ? spRes : undefined;
  const bc = bcRes.ok ? bcRes : undefined;
  if (!app || !sp || !bc) return { ok: false, reason: "unreachable", detail: "Microsoft Graph could not be reached", requests };
  if ([app, sp, bc].some((r) => r.status === 403 || r.status === 401)) {
    const c = [app, sp, bc].map((r) => graphCode(r.body)).find(Boolean);
    return { ok: false, reason: "forbidden", detail: `Microsoft Graph answered ${[app, sp, bc].find((r) => r.status === 403 || r.status === 401)!.status}${c ? ` ${c}` : ""}`, requests };
  }
  const where = `the tenant ${target.tenantId}${target.signedInAs ? ` (signed in as ${target.signedInAs})` : ""}`;
  const checks: Check[] = [];

  // 1. The registration, judged by the same rules as a pasted manifest.
  let registration: Registration | undefined;
  if (app.status === 200) {
    const parsed = normalizeManifest(app.body, "graph");
    if (!parsed.ok) return { ok: false, reason: "bad-response", detail: "Microsoft Graph's answer was not an application", requests };
    const reg = parsed.registration;
    registration = reg;
    checks.push(...registrationChecks(reg, undefined, target.clientId, now).filter((c) => c.id !== "secret.match"));
    checks.push(judgeLiveRegistration(reg, { clientId: target.clientId }, { now }));
  } else if (app.status === 404) {
    const owner = sp.status === 200 ? (sp.body as ServicePrincipal).appOwnerOrganizationId : undefined;
    checks.push(
      makeCheck(
        "live.registration",
        "warn",
        sp.status === 200
          ? `The app ${target.clientId} is installed in ${where}, but it is registered in another tenant${owner ? ` (${owner})` : ""}, so its registration can't be read from here.`
          : `There is no app with the client ID ${target.clientId} in ${where}: either the client ID is wrong, or the app is registered in another tenant.`,
        `Sign in with an administrator account of the tenant where the app is registered${owner && isGuid(owner) ? ` (${owner})` : ""}, and check that the client ID is the Application (client) ID from the app's Overview page.`,
      ),
    );
  } else {
    return { ok: false, reason: "bad-response", detail: `Microsoft Graph answered ${app.status}${graphCode(app.body) ? ` ${graphCode(app.body)}` : ""}`, requests };
  }

  // 2. Admin consent: the app's enterprise app, Business Central's, and the grant between them.
  const consentLink = { label: "Grant admin consent", href: adminConsentUrl(target.tenantId, target.clientId) };
  const consentFix = `Sign in as a Global Administrator (or an Application, Cloud Application or Privileged Role Administrator) of ${target.tenantId} and open ${consentLink.href}, or in the app's API permissions select "Grant admin consent for …" and confirm.${consentLinkCaveat(registration)}`;
  if (sp.status !== 200) {
    if (app.status === 200) {
      checks.push(makeCheck("consent.admin", "fail", `The app ${target.clientId} has no enterprise application (service principal) in ${where}: nobody has consented to it there yet, so there is no admin consent.`, consentFix, consentLink));
    }
    return { ok: true, checks, requests };
  }
  if (bc.status !== 200) {
    checks.push(
      makeCheck(
        "consent.admin",
        "fail",
        `Dynamics 365 Business Central (${BC_RESOURCE_APP_ID}) is not in ${where}, so nothing can be consented on it: Business Central has never been set up in this tenant.`,
        "Sign in to Business Central once in this tenant (or use the tenant where your Business Central environment lives), then grant admin consent.",
        consentLink,
      ),
    );
    return { ok: true, checks, requests };
  }
  const appSp = sp.body as ServicePrincipal;
  const bcSp = bc.body as ServicePrincipal;
  const grantsRes = await get(`servicePrincipals/${encodeURIComponent(appSp.id)}/oauth2PermissionGrants`);
  if (!grantsRes.ok) return { ok: false, reason: "unreachable", detail: describeFailure(grantsRes.failure, options.timeoutMs), requests };
  if (grantsRes.status === 403 || grantsRes.status === 401) return { ok: false, reason: "forbidden", detail: `Microsoft Graph answered ${grantsRes.status} ${graphCode(grantsRes.body)}`.trim(), requests };
  if (grantsRes.status !== 200) return { ok: false, reason: "bad-response", detail: `Microsoft Graph answered ${grantsRes.status}`, requests };
  const value = (grantsRes.body as { value?: unknown }).value;
  const grants = (Array.isArray(value) ? value : []) as Grant[];
  const onBc = grants.filter((g) => g.resourceId === bcSp.id && typeof g.scope === "string");
  const scopesOf = (g: Grant) => String(g.scope).split(/\s+/).filter(Boolean);
  const admin = onBc.filter((g) => g.consentType === "AllPrincipals");
  const adminScopes = new Set(admin.flatMap(scopesOf));
  const required = [FINANCIALS_SCOPE.name, USER_IMPERSONATION_SCOPE.name];
  const missing = required.filter((s) => !adminScopes.has(s));
  if (missing.length === 0) {
    checks.push(makeCheck("consent.admin", "pass", `Admin consent is granted in ${where}: a tenant-wide (AllPrincipals) grant on Dynamics 365 Business Central covers ${listOf(required)}.`));
    return { ok: true, checks, requests };
  }
  const perUser = onBc.filter((g) => g.consentType === "Principal").length;
  const detail =
    admin.length === 0
      ? `Admin consent is missing in ${where}: there is no tenant-wide (AllPrincipals) grant on Dynamics 365 Business Central${perUser ? ` (only ${perUser === 1 ? "one user has" : `${perUser} users have`} consented for themselves, which is not admin consent)` : ""}. Missing: ${listOf(missing)}.`
      : `Admin consent in ${where} does not cover ${listOf(missing)}: the tenant-wide grant on Business Central has ${quote([...adminScopes].join(" ") || "(no scopes)", 120)}. It was probably granted before ${missing.length === 1 ? "that permission was" : "those permissions were"} added: grant it again.`;
  checks.push(makeCheck("consent.admin", "fail", detail, consentFix, consentLink));
  return { ok: true, checks, requests };
}
