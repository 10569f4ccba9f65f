// The checks a signed-in administrator makes possible ("Sign in with Microsoft to check"): with a
// delegated Microsoft Graph token (Application.Read.All + Directory.Read.All, read-only) we read
//   applications(appId='…')                         → the registration rules (and live.registration)
//   servicePrincipals(appId='…')                    → the app is an enterprise app in the tenant
//   servicePrincipals(appId='996def3d-…')           → Business Central is in the tenant
//   servicePrincipals/{id}/oauth2PermissionGrants   → consent.admin
// Pure checker code: no framework, no database, no token kept (the caller passes it in and drops it).
import { adminConsentUrl, BC_NOT_IN_TENANT_FIX, BC_RESOURCE_APP_ID, FINANCIALS_SCOPE, GRAPH_HOST, USER_IMPERSONATION_SCOPE } from "./constants";
import { judgeLiveRegistration } from "./live";
import { normalizeManifest, type Registration } from "./manifest";
import { describeFailure, requestJson, tryAgainWhen, type FetchLike, type TransportFailure } from "./network";
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
  | {
      ok: false;
      /**
       * forbidden: Graph refused the reads (403: the account lacks a directory role). token-rejected:
       * Graph did not accept the sign-in's token (401: expired or not valid), so signing in again helps.
       * unreachable and bad-response: could not check, which says nothing about the setup.
       */
      reason: "forbidden" | "token-rejected" | "unreachable" | "bad-response";
      detail: string;
      requests: number;
    };

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

/** Pages of consent grants read at most (Graph's default page is 100 grants). */
export const MAX_GRANT_PAGES = 20;

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
  const getUrl = (url: string) => {
    requests++;
    return requestJson(fetchImpl, url, { method: "GET", headers: { Authorization: `Bearer ${accessToken}`, Accept: "application/json" } }, options.deadline);
  };
  const get = (path: string) => getUrl(`${base}/${path}`);
  const unreachable = (f: TransportFailure): DelegatedOutcome => ({ ok: false, reason: "unreachable", detail: `${describeFailure(f, options.timeoutMs)}. ${tryAgainWhen(f)}`, requests });
  const answered = (r: { status: number; body: unknown }) => `Microsoft Graph answered ${r.status}${graphCode(r.body) ? ` ${graphCode(r.body)}` : ""}`;
  // Graph's answers other than 200 and 404, in the order they matter: a 401 is the sign-in's token
  // (signing in again helps), a 403 the account's role; anything else (400, an unexpected status) is
  // "could not check". Only a 404 says an object does not exist.
  const refusal = (rs: { status: number; body: unknown }[]): DelegatedOutcome | undefined => {
    const r401 = rs.find((r) => r.status === 401);
    if (r401) {
      return { ok: false, reason: "token-rejected", detail: `${answered(r401)}: the sign-in has expired or was not accepted. Sign in again.`, requests };
    }
    const r403 = rs.find((r) => r.status === 403);
    if (r403) return { ok: false, reason: "forbidden", detail: answered(r403), requests };
    const other = rs.find((r) => r.status !== 200 && r.status !== 404);
    if (other) return { ok: false, reason: "bad-response", detail: `${answered(other)}. Try again in a minute.`, requests };
    return undefined;
  };
  const [appRes, spRes, bcRes] = await Promise.all([
    get(`applications(appId='${target.clientId}')?$select=${APP_SELECT}`),
    get(`servicePrincipals(appId='${target.clientId}')?$select=id,appId,displayName,appOwnerOrganizationId`),
    get(`servicePrincipals(appId='${BC_RESOURCE_APP_ID}')?$select=id,appId,displayName`),
  ]);
  if (!appRes.ok) return unreachable(appRes.failure);
  if (!spRes.ok) return unreachable(spRes.failure);
  if (!bcRes.ok) return unreachable(bcRes.failure);
  const app = appRes;
  const sp = spRes;
  const bc = bcRes;
  const refused = refusal([app, sp, bc]);
  if (refused) return refused;
  const isServicePrincipal = (body: unknown): body is ServicePrincipal => typeof (body as { id?: unknown }).id === "string" && (body as { id: string }).id.length > 0;
  if ((sp.status === 200 && !isServicePrincipal(sp.body)) || (bc.status === 200 && !isServicePrincipal(bc.body))) {
    return { ok: false, reason: "bad-response", detail: "Microsoft Graph's answer was not a service principal", requests };
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
    // No secret is known here, so secret.expiry judges the app's latest secret, not the one in the Codat
    // Portal: only "every secret has expired" is evidence about that one (it has expired too).
    checks.push(
      ...registrationChecks(reg, undefined, target.clientId, now)
        .filter((c) => c.id !== "secret.match")
        .map((c): Check => (c.id === "secret.expiry" && c.status !== "fail" ? { ...c, byStep: {} } : c)),
    );
    checks.push(judgeLiveRegistration(reg, { clientId: target.clientId }, { now }));
  } else {
    // 404: no registration in this tenant. A warning to the customer (the client ID may be wrong), but
    // no evidence about any step: nothing of the registration was read (byStep empty), so it neither
    // fails nor "confirms with Microsoft" a step.
    const owner = sp.status === 200 ? (sp.body as ServicePrincipal).appOwnerOrganizationId : undefined;
    checks.push({
      ...makeCheck(
        "live.registration",
        "warn",
        sp.status === 200
          ? `The app ${target.clientId} is installed in ${where}, but it is registered in another tenant${owner ? ` (${owner})` : ""}, so its registration can't be read from here.`
          : `There is no app with the client ID ${target.clientId} in ${where}: either the client ID is wrong, or the app is registered in another tenant.`,
        `Sign in with an administrator account of the tenant where the app is registered${owner && isGuid(owner) ? ` (${owner})` : ""}, and check that the client ID is the Application (client) ID from the app's Overview page.`,
      ),
      byStep: {},
    });
  }

  // 2. Admin consent: the app's enterprise app, Business Central's, and the grant between them.
  const consentLink = { label: "Grant admin consent", href: adminConsentUrl(target.tenantId, target.clientId) };
  const consentFix = `Sign in as a Global Administrator (or an Application, Cloud Application or Privileged Role Administrator) of ${target.tenantId} and open ${consentLink.href}, or in the app's API permissions select "Grant admin consent for …" and confirm.${consentLinkCaveat(registration)}`;
  if (sp.status !== 200) {
    if (app.status === 200) {
      checks.push(makeCheck("consent.admin", "fail", `The app ${target.clientId} has no enterprise application (service principal) in ${where}: nobody has consented to it there yet, so there is no admin consent.`, consentFix, consentLink));
    } else {
      // Neither the registration nor an enterprise app here: nothing to judge consent on, but the
      // report still says so and where consent would be granted once the right app is found.
      checks.push(
        makeCheck(
          "consent.admin",
          "skip",
          `The app ${target.clientId} was not found in ${where} (neither its registration nor an enterprise application), so there is no consent to check there.`,
          `Check the client ID (the Application (client) ID from the app's Overview page) and the tenant. Once the app is in ${target.tenantId}, an administrator grants consent with the link.`,
          consentLink,
        ),
      );
    }
    return { ok: true, checks, requests };
  }
  if (bc.status !== 200) {
    checks.push(
      makeCheck(
        "consent.admin",
        "fail",
        `Dynamics 365 Business Central (${BC_RESOURCE_APP_ID}) is not in ${where}, so nothing can be consented on it: Business Central has never been set up in this tenant.`,
        `${BC_NOT_IN_TENANT_FIX} Then grant admin consent.`,
        consentLink,
      ),
    );
    return { ok: true, checks, requests };
  }
  const appSp = sp.body as ServicePrincipal;
  const bcSp = bc.body as ServicePrincipal;

  // Graph pages the grants (100 by default) and links the next page with @odata.nextLink. We follow
  // it only within the Graph we called (never a host nobody configured), within the same deadline,
  // and for at most MAX_GRANT_PAGES pages. A page we can't read is "could not check", never "no consent".
  const grants: Grant[] = [];
  let truncated = false;
  let next: string | undefined = `${base}/servicePrincipals/${encodeURIComponent(appSp.id)}/oauth2PermissionGrants`;
  for (let page = 0; next !== undefined; page++) {
    if (page === MAX_GRANT_PAGES) {
      truncated = true;
      break;
    }
    const res = await getUrl(next);
    if (!res.ok) return unreachable(res.failure);
    const refusedGrants = refusal([res]);
    if (refusedGrants?.ok === false && refusedGrants.reason === "forbidden") {
      // The account may read applications but not the tenant's consent grants (Directory.Read.All with
      // a role such as Application Administrator): what was read still stands; consent could not be.
      checks.push(
        makeCheck(
          "consent.admin",
          "error",
          `Could not check admin consent: Microsoft Graph would not show the consent grants of ${where} to the account that signed in (${answered(res)}). The registration above was read.`,
          `Sign in again as an Application Administrator, Cloud Application Administrator or Global Administrator of ${target.tenantId} to check consent, or grant it with the link below.`,
          consentLink,
        ),
      );
      return { ok: true, checks, requests };
    }
    if (refusedGrants) return refusedGrants;
    if (res.status !== 200) return { ok: false, reason: "bad-response", detail: `${answered(res)} for the consent grants`, requests };
    const body = res.body as { value?: unknown; "@odata.nextLink"?: unknown };
    if (!Array.isArray(body.value)) return { ok: false, reason: "bad-response", detail: "Microsoft Graph's page of consent grants had no list of grants", requests };
    grants.push(...(body.value as Grant[]));
    const link = body["@odata.nextLink"];
    if (link === undefined || link === null) next = undefined;
    else if (typeof link === "string" && sameGraph(link, base)) next = link;
    else return { ok: false, reason: "bad-response", detail: "Microsoft Graph's link to the next page of consent grants points outside Microsoft Graph", requests };
  }
  const onBc = grants.filter((g) => g.resourceId === bcSp.id && typeof g.scope === "string");
  // Entra matches permission names without regard to case (user_impersonation is User_Impersonation).
  const scopesOf = (g: Grant) => String(g.scope).split(/\s+/).filter(Boolean);
  const admin = onBc.filter((g) => g.consentType === "AllPrincipals");
  const adminScopes = admin.flatMap(scopesOf);
  const adminKeys = new Set(adminScopes.map((x) => x.toLowerCase()));
  const required = [FINANCIALS_SCOPE.name, USER_IMPERSONATION_SCOPE.name];
  const missing = required.filter((x) => !adminKeys.has(x.toLowerCase()));
  if (missing.length === 0) {
    checks.push(makeCheck("consent.admin", "pass", `Admin consent is granted in ${where}: a tenant-wide (AllPrincipals) grant on Dynamics 365 Business Central covers ${listOf(required)}.`));
    return { ok: true, checks, requests };
  }
  if (truncated) {
    return { ok: false, reason: "bad-response", detail: `The app has more than ${MAX_GRANT_PAGES} pages of consent grants; the admin consent was not among those read`, requests };
  }
  const perUser = onBc.filter((g) => g.consentType === "Principal").length;
  const detail =
    admin.length === 0
      ? `Admin consent is missing in ${where}: there is no tenant-wide (AllPrincipals) grant on Dynamics 365 Business Central${perUser ? ` (only ${perUser === 1 ? "one user has" : `${perUser} users have`} consented for themselves, which is not admin consent)` : ""}. Missing: ${listOf(missing)}.`
      : `Admin consent in ${where} does not cover ${listOf(missing)}: the tenant-wide grant on Business Central has ${quote([...new Set(adminScopes)].join(" ") || "(no scopes)", 120)}. It was probably granted before ${missing.length === 1 ? "that permission was" : "those permissions were"} added: grant it again.`;
  checks.push(makeCheck("consent.admin", "fail", detail, consentFix, consentLink));
  return { ok: true, checks, requests };
}

/** A next-page link is followed only when it is on the Graph base URL (origin and /v1.0/) we called. */
function sameGraph(link: string, base: string): boolean {
  let u: URL;
  let b: URL;
  try {
    u = new URL(link);
    b = new URL(`${base}/`);
  } catch {
    return false;
  }
  return u.origin === b.origin && u.username === "" && u.password === "" && u.pathname.startsWith(b.pathname);
}
