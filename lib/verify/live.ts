// Live checks against Microsoft: a client-credentials token request with @azure/msal-node proves the
// tenant, client ID and secret (live.token); then the app reads its own registration from Microsoft
// Graph and the registration rules run on what Microsoft actually has (live.registration).
// Microsoft unreachable (timeout, DNS, 5xx) is status "error": could not check, never "your setup is wrong".
import { AuthError, ConfidentialClientApplication, LogLevel } from "@azure/msal-node";
import { explainAadsts } from "./aadsts";
import { BC_DEFAULT_SCOPE, CREDENTIALS_PROVEN, BC_RESOURCE_APP_ID, DEFAULT_LIVE_TIMEOUT_MS, docsLink, GRAPH_DEFAULT_SCOPE, GRAPH_HOST, LOGIN_HOST, REQUIRED_REDIRECT_URI, VERIFIABLE_STEPS } from "./constants";
import { normalizeManifest, type Registration } from "./manifest";
import { BudgetedNetworkModule, describeFailure, requestJson, tryAgainWhen, type FetchLike, type TokenErrorBody, type TransportFailure } from "./network";
import { makeCheck, worst, type Check } from "./report";
import { registrationChecks } from "./rules";
import { isGuid, listOf, plural, quote, stripTrailingSlashes, trimAll } from "./text";

export interface LiveOptions {
  /** Where https://login.microsoftonline.com requests go (a fake in tests); default Microsoft. */
  loginBaseUrl?: string;
  /** Microsoft Graph base URL; default https://graph.microsoft.com. */
  graphBaseUrl?: string;
  /** Time budget for all live requests of one verification (default 8000 ms). */
  timeoutMs?: number;
  fetch?: FetchLike;
}

export interface LiveTarget {
  /** Already validated: a GUID or a domain name, lower case. */
  tenant: string;
  tenantFrom: "input" | "publisherDomain";
  /** Already validated: a GUID. */
  clientId: string;
  secret: string;
}


const GRAPH_SELECT = [
  "id",
  "appId",
  "displayName",
  "publisherDomain",
  "signInAudience",
  "web",
  "spa",
  "publicClient",
  "requiredResourceAccess",
  "passwordCredentials",
  "api",
].join(",");

type TokenOutcome =
  | { ok: true; accessToken: string }
  | { ok: false; kind: "transport"; failure: TransportFailure }
  | { ok: false; kind: "aadsts"; code: number | undefined; error: string | undefined; description: string | undefined; trace?: string; correlation?: string; timestamp?: string }
  | { ok: false; kind: "client"; message: string };

const DOMAIN_OR_GUID = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63})$/;

async function acquire(cca: ConfidentialClientApplication, net: BudgetedNetworkModule, scope: string): Promise<TokenOutcome> {
  net.failure = undefined;
  net.lastError = undefined;
  try {
    const result = await cca.acquireTokenByClientCredential({ scopes: [scope], skipCache: true });
    if (result?.accessToken) return { ok: true, accessToken: result.accessToken };
    return { ok: false, kind: "client", message: "Microsoft's answer had no token" };
  } catch (e) {
    // Read back what the network module saw (TypeScript narrowed these to undefined above).
    const failure = net.failure as TransportFailure | undefined;
    if (failure) return { ok: false, kind: "transport", failure };
    const le = net.lastError as TokenErrorBody | undefined;
    if (e instanceof AuthError || le) {
      const ae = e instanceof AuthError ? e : undefined;
      const errorNo = (ae as { errorNo?: string | number } | undefined)?.errorNo;
      let code = le?.error_codes?.[0] ?? (errorNo !== undefined && /^\d+$/.test(String(errorNo)) ? Number(errorNo) : undefined);
      const fromText = /AADSTS(\d+)/.exec(le?.error_description ?? ae?.errorMessage ?? "");
      if (code === undefined && fromText) code = Number(fromText[1]);
      if (code === undefined && !le) {
        return { ok: false, kind: "client", message: ae?.errorCode ?? "unknown" };
      }
      const out: TokenOutcome = {
        ok: false,
        kind: "aadsts",
        code,
        error: le?.error ?? ae?.errorCode,
        description: withoutTrace(le?.error_description),
      };
      if (le?.trace_id) out.trace = le.trace_id;
      if (le?.correlation_id) out.correlation = le.correlation_id;
      if (le?.timestamp) out.timestamp = le.timestamp;
      return out;
    }
    return { ok: false, kind: "client", message: "unexpected error" };
  }
}

function microsoftSaid(o: Extract<TokenOutcome, { kind: "aadsts" }>): string {
  const ids = [o.trace ? `trace ID ${o.trace}` : "", o.correlation ? `correlation ID ${o.correlation}` : "", o.timestamp ?? ""].filter(Boolean);
  const said = o.description ? ` Microsoft said: ${quote(o.description, 400)}` : o.code ? ` Microsoft answered AADSTS${o.code}.` : "";
  return `${said}${ids.length ? ` (${ids.join(", ")})` : ""}`;
}

function unreachable(id: "live.token" | "live.registration", f: TransportFailure, timeoutMs: number): Check {
  return makeCheck(
    id,
    "error",
    `Could not check: ${describeFailure(f, timeoutMs)}. This says nothing about your setup.`,
    tryAgainWhen(f),
  );
}

function tokenFailure(o: Exclude<TokenOutcome, { ok: true } | { kind: "transport" }>, target: LiveTarget, secretIsGuid: boolean): Check {
  if (o.kind === "client") {
    return makeCheck("live.token", "error", `Could not check: the sign-in library stopped before asking Microsoft (${o.message}).`, "Try again; if it persists, send this report to support.");
  }
  const ex = explainAadsts(o.code, o.error, { tenant: target.tenant, clientId: target.clientId, secretIsGuid });
  if (ex.about === "ids") {
    // The client ID or tenant is wrong: the secret was never tried. The fix is on the registration step
    // (where the Overview page's IDs are), and the secret step learns nothing (byStep without it).
    const c = makeCheck("live.token", ex.status, `${ex.meaning}${microsoftSaid(o)}`, ex.fix, {
      label: "Where to copy the client ID and tenant ID",
      href: docsLink("register-application"),
    });
    return { ...c, byStep: {} };
  }
  // A refusal of the secret or of the app itself (disabled, no enterprise application, a policy): these
  // keys do not sign in, so the secret step is not done, whichever it was; the detail says which.
  return makeCheck("live.token", ex.status, `${ex.meaning}${microsoftSaid(o)}`, ex.fix);
}

/** Runs live.token and live.registration. Never throws. */
export async function runLiveChecks(
  target: LiveTarget,
  options: LiveOptions,
  ctx: { now: Date; pasted?: Registration; secretIsGuid: boolean },
): Promise<[Check, Check]> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_LIVE_TIMEOUT_MS;
  const fetchImpl = options.fetch ?? fetch;
  // Defence in depth: the callers validate these, and nothing else ever reaches a URL.
  if (!DOMAIN_OR_GUID.test(target.tenant) || !isGuid(target.clientId)) {
    return [
      makeCheck("live.token", "skip", "Needs a valid tenant and client ID."),
      makeCheck("live.registration", "skip", "Needs a valid tenant and client ID."),
    ];
  }
  const deadline = Date.now() + timeoutMs;
  const net = new BudgetedNetworkModule(options.loginBaseUrl ?? LOGIN_HOST, deadline, fetchImpl);
  let cca: ConfidentialClientApplication;
  try {
    cca = new ConfidentialClientApplication({
      auth: { clientId: target.clientId, clientSecret: trimAll(target.secret), authority: `${LOGIN_HOST}/${target.tenant}` },
      system: {
        networkClient: net,
        loggerOptions: { loggerCallback: () => {}, piiLoggingEnabled: false, logLevel: LogLevel.Error },
      },
    });
  } catch {
    const c = makeCheck("live.token", "error", "Could not check: the sign-in library refused the settings.", "Check the tenant and client ID, then try again.");
    return [c, makeCheck("live.registration", "skip", "Needs a working sign-in (see the live sign-in check).")];
  }
  const via = target.tenantFrom === "publisherDomain" ? ` (the manifest's publisher domain, since no tenant was given)` : "";

  // 1. Business Central token: proves tenant + client ID + secret (not consent).
  let token: Check;
  let graphToken: string | undefined;
  const bc = await acquire(cca, net, BC_DEFAULT_SCOPE);
  if (bc.ok) {
    token = makeCheck(
      "live.token",
      "pass",
      `Microsoft issued a Business Central token to the app ${target.clientId} in the tenant ${target.tenant}${via}: the tenant, client ID and secret work together. (This does not prove admin consent.)`,
    );
  } else if (bc.kind === "transport") {
    return [unreachable("live.token", bc.failure, timeoutMs), makeCheck("live.registration", "skip", "Needs a working sign-in (see the live sign-in check).")];
  } else if (bc.kind === "aadsts" && bc.code === 500011) {
    // Business Central isn't in the tenant: ask for Graph to still prove the credentials.
    const g = await acquire(cca, net, GRAPH_DEFAULT_SCOPE);
    const ex = explainAadsts(500011, bc.error, { tenant: target.tenant, clientId: target.clientId, secretIsGuid: ctx.secretIsGuid });
    if (g.ok) {
      graphToken = g.accessToken;
      token = makeCheck(
        "live.token",
        "warn",
        `${CREDENTIALS_PROVEN} However, ${ex.meaning}${microsoftSaid(bc)}`,
        ex.fix,
      );
    } else if (g.kind === "transport") {
      return [unreachable("live.token", g.failure, timeoutMs), makeCheck("live.registration", "skip", "Needs a working sign-in (see the live sign-in check).")];
    } else {
      token = tokenFailure(g, target, ctx.secretIsGuid);
    }
  } else {
    token = tokenFailure(bc, target, ctx.secretIsGuid);
  }
  if (token.status !== "pass" && token.status !== "warn") {
    return [token, makeCheck("live.registration", "skip", "Needs a working sign-in (see the live sign-in check).")];
  }

  // 2. The app's own registration from Microsoft Graph.
  if (!graphToken) {
    const g = await acquire(cca, net, GRAPH_DEFAULT_SCOPE);
    if (g.ok) graphToken = g.accessToken;
    else if (g.kind === "transport") return [token, unreachable("live.registration", g.failure, timeoutMs)];
    else {
      return [
        token,
        makeCheck(
          "live.registration",
          "error",
          `Could not read the registration: Microsoft did not issue a Microsoft Graph token.${g.kind === "aadsts" ? microsoftSaid(g) : ""}`,
          "Paste the app's manifest instead to check the registration.",
        ),
      ];
    }
  }
  const graphBase = stripTrailingSlashes(options.graphBaseUrl ?? GRAPH_HOST);
  const url = `${graphBase}/v1.0/applications(appId='${target.clientId}')?$select=${GRAPH_SELECT}`;
  const r = await requestJson(fetchImpl, url, { method: "GET", headers: { Authorization: `Bearer ${graphToken}`, Accept: "application/json" } }, deadline);
  if (!r.ok) return [token, unreachable("live.registration", r.failure, timeoutMs)];
  if (r.status === 404) {
    // Reached only by an app that may read applications (403 comes first otherwise) and signed in to a
    // tenant other than its home one: the token worked, so the app is installed here, and a
    // registration lives only in its home tenant. Nothing to correct: a multi-tenant app is used
    // from the tenant where Business Central is, not from its home tenant.
    return [
      token,
      makeCheck(
        "live.registration",
        "skip",
        `Microsoft Graph has no application ${target.clientId} in the tenant ${target.tenant}: an app registration lives only in the app's home tenant (where it was created), and here the app is installed as an enterprise application, so its registration can't be read from this tenant. That is not a fault: the sign-in above worked in this tenant, so if your Business Central is in ${target.tenant}, these are the right credentials. To check the registration, paste the app's manifest, or sign in with Microsoft below as an administrator of the app's home tenant (read-only).`,
      ),
    ];
  }
  if (r.status !== 200) {
    const err = (r.body as { error?: { code?: unknown; message?: unknown } }).error;
    const code = typeof err?.code === "string" ? err.code : "";
    const msg = typeof err?.message === "string" ? err.message : "";
    if (r.status === 403) {
      // Microsoft's normal answer: an app reads applications (itself included) only with a Graph
      // application permission such as Application.Read.All, which the guide's setup does not need.
      return [token, selfReadRefused(code)];
    }
    return [
      token,
      makeCheck(
        "live.registration",
        "error",
        `Could not read the registration: Microsoft Graph answered ${r.status}${code ? ` ${code}` : ""}${msg ? ` (${quote(msg, 160)})` : ""}. The other checks use what you pasted.`,
        "Paste the app's manifest to check the registration instead.",
      ),
    ];
  }
  const parsed = normalizeManifest(r.body, "graph");
  if (!parsed.ok) {
    return [token, makeCheck("live.registration", "error", "Could not read the registration: Microsoft Graph's answer was not an application.", "Try again in a minute.")];
  }
  return [token, judgeLiveRegistration(parsed.registration, target, ctx)];
}

/** The registration could not be read with the app's own credentials: a skip, with the two ways to check it. */
export const SELF_READ_REFUSED_DETAIL =
  "Microsoft Graph does not let an app read its own registration with its own credentials unless it holds a Graph application permission such as Application.Read.All, which an app set up as this guide says does not have";
function selfReadRefused(code: string): Check {
  return makeCheck(
    "live.registration",
    "skip",
    `${SELF_READ_REFUSED_DETAIL} (Graph answered 403${code ? ` ${code}` : ""}: this is normal, not a fault). To check the registration, sign in with Microsoft below as an administrator of the tenant (read-only), or paste the app's manifest.`,
  );
}

function bcPermissionKeys(reg: Registration): string[] {
  return reg.resources
    .filter((r) => r.resourceAppId.toLowerCase() === BC_RESOURCE_APP_ID)
    .flatMap((r) => r.access.map((a) => `${a.id.toLowerCase()}:${a.type}`))
    .sort();
}

function differences(live: Registration, pasted: Registration): string[] {
  const out: string[] = [];
  if (pasted.appId && live.appId && trimAll(pasted.appId).toLowerCase() !== live.appId.toLowerCase()) {
    out.push(`the pasted manifest is of another app (${quote(pasted.appId, 60)})`);
    return out;
  }
  if ((pasted.signInAudience ?? "") !== (live.signInAudience ?? "")) {
    out.push(`account type ${quote(pasted.signInAudience ?? "(none)", 60)} pasted, ${quote(live.signInAudience ?? "(none)", 60)} at Microsoft`);
  }
  const uris = (reg: Registration) => reg.redirects.map((r) => `${r.platform}:${r.uri}`).sort().join("\n");
  if (uris(pasted) !== uris(live)) out.push("the redirect URIs");
  if (bcPermissionKeys(pasted).join() !== bcPermissionKeys(live).join()) out.push("the Business Central permissions");
  if (pasted.secrets.length !== live.secrets.length) out.push(`the number of client secrets (${pasted.secrets.length} pasted, ${live.secrets.length} at Microsoft)`);
  return out;
}

/** live.registration from a registration read from Graph (the app's own token, or a signed-in admin's). */
export function judgeLiveRegistration(reg: Registration, target: { clientId: string; secret?: string | undefined }, ctx: { now: Date; pasted?: Registration }): Check {
  const checks = registrationChecks(reg, target.secret, target.clientId, ctx.now);
  const bcCount = bcPermissionKeys(reg).length;
  const web = reg.redirects.filter((r) => r.platform === "web").length;
  const summary = `Read from Microsoft Graph: ${reg.displayName ? `app ${quote(reg.displayName, 60)}, ` : ""}account type ${reg.signInAudience ?? "(none)"}, ${plural(web, "Web redirect URI")}, ${plural(bcCount, "permission")} on Business Central, ${plural(reg.secrets.length, "client secret")}.`;
  const problems = checks.filter((c) => c.status === "fail" || c.status === "warn" || c.status === "error");
  const status = worst(checks.map((c) => c.status));
  const diff = ctx.pasted ? differences(reg, ctx.pasted) : [];
  const diffNote = diff.length ? ` The manifest you pasted differs from it (${listOf(diff)}): copy it again from the portal.` : "";
  // The registration holds facts of several steps: each step is judged by its own rules only, so a
  // missing permission fails the permissions step and leaves a correct registration step standing.
  const byStep: NonNullable<Check["byStep"]> = {};
  for (const step of VERIFIABLE_STEPS) {
    const own = worst(checks.filter((c) => c.step === step).map((c) => c.status));
    byStep[step] = own === "skip" ? "pass" : own;
  }
  if (problems.length === 0) {
    return { ...makeCheck("live.registration", status === "skip" ? "pass" : status, `${summary} It agrees with every registration rule.${diffNote}`), byStep };
  }
  const detail = `${summary} ${problems.map((c) => `${c.title} (${c.status}): ${c.detail}`).join(" ")}${diffNote}`;
  const fixes = [...new Set(problems.map((c) => c.fix).filter((f): f is string => !!f))];
  const check = makeCheck(
    "live.registration",
    status,
    detail,
    fixes.length ? fixes.join(" ") : `Correct the registration in the Azure portal so it uses ${REQUIRED_REDIRECT_URI} and the permissions of the guide.`,
  );
  return { ...check, byStep };
}

/** Microsoft's error description without its "Trace ID: … Correlation ID: …" tail (shown apart). */
function withoutTrace(description: string | undefined): string | undefined {
  if (description === undefined) return undefined;
  const at = description.indexOf("Trace ID:");
  return (at >= 0 ? description.slice(0, at) : description).trim();
}
