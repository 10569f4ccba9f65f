// A fake Microsoft Entra ID (token + discovery endpoints) and Microsoft Graph (applications by appId)
// on loopback, answering like the real services: status codes, `error`, `error_description` with
// "AADSTSxxxx: … Trace ID: … Correlation ID: … Timestamp: …", `error_codes`, `trace_id`,
// `correlation_id`, Graph's { error: { code, message, innerError } }.
//
// The production code reaches it only through its real seams: msal-node's system.networkClient
// (which sends https://login.microsoftonline.com/… to ENTRA_LOGIN_BASE_URL) and GRAPH_BASE_URL.
//
//   tsx tests/fakes/entra.ts --port 4100      (prints its URL, the env lines and the demo scenarios)
//
// Env: FAKE_ENTRA_PORT, FAKE_ENTRA_HOST (127.0.0.1), FAKE_ENTRA_BEHAVIOUR (normal | slow | unavailable),
// FAKE_ENTRA_DELAY_MS (slow mode, default 10000), FAKE_ENTRA_REGISTRY (a JSON file replacing the registry).
// Every secret below is fake, shaped like a real one (3 chars, a digit, "Q~", 33 more) so the rules accept it.
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";

export type FakeBehaviour = "normal" | "slow" | "unavailable";

export interface FakeSecret {
  keyId: string;
  value: string;
  displayName: string;
  startDateTime: string;
  endDateTime: string;
}

export interface FakeApp {
  appId: string;
  objectId: string;
  displayName: string;
  homeTenantId: string;
  /** Other tenants where the app has a service principal (a multi-tenant app installed there). */
  installedIn?: string[];
  disabled?: boolean;
  /** The token endpoint answers AADSTS65001 (consent missing). */
  consentRequired?: boolean;
  /** "deny": Graph answers 403 Authorization_RequestDenied when the app reads itself; "unavailable": 503. */
  graphAccess?: "allow" | "deny" | "unavailable";
  /** Any AADSTS answer, scripted: the token endpoint sends it for this app once the app is found. */
  scriptedError?: { status: number; error: string; code: number; message: string };
  secrets: FakeSecret[];
  signInAudience: string;
  web: string[];
  spa: string[];
  publicClient: string[];
  requiredResourceAccess: { resourceAppId: string; resourceAccess: { id: string; type: string }[] }[];
  requestedAccessTokenVersion: number | null;
  publisherDomain?: string;
}

export interface FakeTenant {
  id: string;
  displayName: string;
  domains: string[];
  /** Business Central provisioned in the tenant (else its scope gives AADSTS500011). */
  businessCentral: boolean;
  /** Overrides the server-wide behaviour for requests to this tenant. */
  behaviour?: FakeBehaviour;
}

export interface FakeRegistry {
  tenants: FakeTenant[];
  apps: FakeApp[];
}

const BC_RESOURCE = "https://api.businesscentral.dynamics.com";
const GRAPH_RESOURCE = "https://graph.microsoft.com";
const BC_APP = "996def3d-b36c-4153-8607-a6fd3c01b89f";
const GRAPH_APP = "00000003-0000-0000-c000-000000000000";
const REDIRECT = "https://dynamics365businesscentral.codat.io/oauth/callback";
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DOMAIN = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

const secret = (prefix: string, suffix: string) => `${prefix}Q~fake-secret-for-tests-only-${suffix}`;

/** The ids and secrets of the default registry, for tests, e2e and demos. All fake. */
export const FAKE = {
  tenants: {
    contoso: { id: "11111111-1111-4111-8111-111111111111", domain: "contoso-fake.onmicrosoft.com" },
    /** No Business Central in this tenant: its scope gives AADSTS500011. */
    fabrikam: { id: "22222222-2222-4222-8222-222222222222", domain: "fabrikam-fake.onmicrosoft.com" },
    /** Answers after FAKE_ENTRA_DELAY_MS (a timeout for the checker). */
    slow: { id: "33333333-3333-4333-8333-333333333333", domain: "slow-fake.onmicrosoft.com" },
    /** Answers 503 (Microsoft down). */
    down: { id: "44444444-4444-4444-8444-444444444444", domain: "down-fake.onmicrosoft.com" },
    /** Not in the registry at all (AADSTS90002). */
    unknown: { id: "55555555-5555-4555-8555-555555555555", domain: "nobody-fake.onmicrosoft.com" },
  },
  apps: {
    /** Registered exactly as the guide says, in contoso. */
    good: {
      appId: "aaaaaaaa-0001-4000-8000-000000000001",
      objectId: "bbbbbbbb-0001-4000-8000-000000000001",
      secret: secret("FAK1", "good01"),
      secretId: "cccccccc-0001-4000-8000-000000000001",
      expiredSecret: secret("EXP2", "expd01"),
      expiredSecretId: "cccccccc-0001-4000-8000-000000000002",
    },
    /** Single tenant, trailing slash, an application role instead of Financials.ReadWrite.All. */
    misconfigured: {
      appId: "aaaaaaaa-0002-4000-8000-000000000002",
      objectId: "bbbbbbbb-0002-4000-8000-000000000002",
      secret: secret("MIS3", "misc01"),
      secretId: "cccccccc-0002-4000-8000-000000000001",
    },
    /** Disabled (AADSTS7000112). */
    disabled: {
      appId: "aaaaaaaa-0003-4000-8000-000000000003",
      objectId: "bbbbbbbb-0003-4000-8000-000000000003",
      secret: secret("DIS4", "disa01"),
      secretId: "cccccccc-0003-4000-8000-000000000001",
    },
    /** Consent missing (AADSTS65001). */
    consent: {
      appId: "aaaaaaaa-0004-4000-8000-000000000004",
      objectId: "bbbbbbbb-0004-4000-8000-000000000004",
      secret: secret("CON5", "cons01"),
      secretId: "cccccccc-0004-4000-8000-000000000001",
    },
    /** Graph refuses to show the registration (403). */
    graphDenied: {
      appId: "aaaaaaaa-0005-4000-8000-000000000005",
      objectId: "bbbbbbbb-0005-4000-8000-000000000005",
      secret: secret("DEN6", "deny01"),
      secretId: "cccccccc-0005-4000-8000-000000000001",
    },
    /** Registered in fabrikam, which has no Business Central (AADSTS500011, then a Graph token). */
    noBusinessCentral: {
      appId: "aaaaaaaa-0006-4000-8000-000000000006",
      objectId: "bbbbbbbb-0006-4000-8000-000000000006",
      secret: secret("NBC7", "nobc01"),
      secretId: "cccccccc-0006-4000-8000-000000000001",
    },
  },
} as const;

const DAY = 86_400_000;
const iso = (t: number) => new Date(t).toISOString();

const guidePermissions = () => [
  {
    resourceAppId: BC_APP,
    resourceAccess: [
      { id: "bce0976a-cb0b-473b-8800-84eda9f8e447", type: "Scope" },
      { id: "2fb13c28-9d89-417f-9af2-ec3065bc16e6", type: "Scope" },
    ],
  },
  { resourceAppId: GRAPH_APP, resourceAccess: [{ id: "e1fd296f-fa3e-4f5d-b8a0-b2f2b5de6a62", type: "Scope" }] },
];

function goodShape(name: string, home: string, domain: string) {
  return {
    displayName: name,
    homeTenantId: home,
    publisherDomain: domain,
    signInAudience: "AzureADandPersonalMicrosoftAccount",
    web: [REDIRECT],
    spa: [] as string[],
    publicClient: [] as string[],
    requiredResourceAccess: guidePermissions(),
    requestedAccessTokenVersion: 2 as number | null,
  };
}

/** The default registry; secret dates are relative to `now` (valid: +1 year, expired: -30 days). */
export function defaultRegistry(now: number = Date.now()): FakeRegistry {
  const T = FAKE.tenants;
  const A = FAKE.apps;
  const valid = (keyId: string, value: string, displayName = "Codat"): FakeSecret => ({
    keyId,
    value,
    displayName,
    startDateTime: iso(now - 30 * DAY),
    endDateTime: iso(now + 365 * DAY),
  });
  return {
    tenants: [
      { id: T.contoso.id, displayName: "Contoso (fake)", domains: [T.contoso.domain], businessCentral: true },
      { id: T.fabrikam.id, displayName: "Fabrikam (fake)", domains: [T.fabrikam.domain], businessCentral: false },
      { id: T.slow.id, displayName: "Slow (fake)", domains: [T.slow.domain], businessCentral: true, behaviour: "slow" },
      { id: T.down.id, displayName: "Down (fake)", domains: [T.down.domain], businessCentral: true, behaviour: "unavailable" },
    ],
    apps: [
      {
        appId: A.good.appId,
        objectId: A.good.objectId,
        ...goodShape("Codat Business Central (fake)", T.contoso.id, T.contoso.domain),
        installedIn: [T.fabrikam.id, T.slow.id, T.down.id],
        secrets: [
          valid(A.good.secretId, A.good.secret),
          {
            keyId: A.good.expiredSecretId,
            value: A.good.expiredSecret,
            displayName: "old",
            startDateTime: iso(now - 400 * DAY),
            endDateTime: iso(now - 30 * DAY),
          },
        ],
      },
      {
        appId: A.misconfigured.appId,
        objectId: A.misconfigured.objectId,
        ...goodShape("BC first try (fake)", T.contoso.id, T.contoso.domain),
        signInAudience: "AzureADMyOrg",
        requestedAccessTokenVersion: null,
        web: [`${REDIRECT}/`],
        requiredResourceAccess: [
          {
            resourceAppId: BC_APP,
            resourceAccess: [
              { id: "a42b0b75-311e-488d-b67e-8fe84f924341", type: "Role" },
              { id: "bce0976a-cb0b-473b-8800-84eda9f8e447", type: "Scope" },
            ],
          },
        ],
        secrets: [valid(A.misconfigured.secretId, A.misconfigured.secret)],
      },
      {
        appId: A.disabled.appId,
        objectId: A.disabled.objectId,
        ...goodShape("Disabled app (fake)", T.contoso.id, T.contoso.domain),
        disabled: true,
        secrets: [valid(A.disabled.secretId, A.disabled.secret)],
      },
      {
        appId: A.consent.appId,
        objectId: A.consent.objectId,
        ...goodShape("Consent missing (fake)", T.contoso.id, T.contoso.domain),
        consentRequired: true,
        secrets: [valid(A.consent.secretId, A.consent.secret)],
      },
      {
        appId: A.graphDenied.appId,
        objectId: A.graphDenied.objectId,
        ...goodShape("Graph denied (fake)", T.contoso.id, T.contoso.domain),
        graphAccess: "deny",
        secrets: [valid(A.graphDenied.secretId, A.graphDenied.secret)],
      },
      {
        appId: A.noBusinessCentral.appId,
        objectId: A.noBusinessCentral.objectId,
        ...goodShape("No Business Central (fake)", T.fabrikam.id, T.fabrikam.domain),
        secrets: [valid(A.noBusinessCentral.secretId, A.noBusinessCentral.secret)],
      },
    ],
  };
}

export interface FakeEntraOptions {
  registry?: FakeRegistry;
  behaviour?: FakeBehaviour;
  /** Delay of "slow" behaviour (default 10000 ms). */
  delayMs?: number;
  port?: number;
  host?: string;
  /** Host named in discovery documents (default login.microsoftonline.com, as the real service). */
  issuerHost?: string;
  /** One line per request (method, path, status, AADSTS code); never bodies, never secrets. */
  log?: (line: string) => void;
}

export interface FakeRequestRecord {
  method: string;
  path: string;
  status: number;
  code?: number;
}

export interface FakeEntra {
  url: string;
  loginBaseUrl: string;
  graphBaseUrl: string;
  registry: FakeRegistry;
  requests: FakeRequestRecord[];
  setBehaviour(behaviour: FakeBehaviour, delayMs?: number): void;
  close(): Promise<void>;
}

interface IssuedToken {
  tid: string;
  appId: string;
  aud: string;
  exp: number;
}

const b64url = (o: unknown) => Buffer.from(JSON.stringify(o)).toString("base64url");

function estsTimestamp(d = new Date()): string {
  return `${d.toISOString().slice(0, 19).replace("T", " ")}Z`;
}

export async function startFakeEntra(options: FakeEntraOptions = {}): Promise<FakeEntra> {
  const registry = options.registry ?? defaultRegistry();
  let behaviour: FakeBehaviour = options.behaviour ?? "normal";
  let delayMs = options.delayMs ?? 10_000;
  const issuerHost = options.issuerHost ?? "login.microsoftonline.com";
  const tokens = new Map<string, IssuedToken>();
  const timers = new Set<NodeJS.Timeout>();
  const requests: FakeRequestRecord[] = [];

  const findTenant = (seg: string) => {
    const s = seg.toLowerCase();
    return registry.tenants.find((t) => t.id.toLowerCase() === s || t.domains.some((d) => d.toLowerCase() === s));
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size <= 64 * 1024) chunks.push(c);
    });
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://fake");
      const record: FakeRequestRecord = { method: req.method ?? "GET", path: url.pathname, status: 0 };
      const finish = (status: number, body: unknown, headers: Record<string, string> = {}, code?: number) => {
        record.status = status;
        if (code !== undefined) record.code = code;
        requests.push(record);
        options.log?.(`${record.method} ${record.path} → ${status}${code ? ` AADSTS${code}` : ""}`);
        if (res.destroyed) return;
        const text = JSON.stringify(body);
        res.writeHead(status, {
          "content-type": "application/json; charset=utf-8",
          "cache-control": "no-store, no-cache",
          "content-length": String(Buffer.byteLength(text)),
          ...headers,
        });
        res.end(text);
      };
      const run = () => handle(req, url, Buffer.concat(chunks).toString("utf8"), finish);
      // Behaviour: per tenant (first path segment), else server-wide.
      const seg = decodeURIComponent(url.pathname.split("/")[1] ?? "");
      const b = findTenant(seg)?.behaviour ?? (url.pathname.startsWith("/__fake/") ? "normal" : behaviour);
      if (b === "slow") {
        const t = setTimeout(() => {
          timers.delete(t);
          run();
        }, delayMs);
        timers.add(t);
        res.on("close", () => {
          clearTimeout(t);
          timers.delete(t);
        });
        return;
      }
      if (b === "unavailable") {
        if (url.pathname.startsWith("/v1.0/")) {
          finish(503, { error: { code: "serviceNotAvailable", message: "The service is temporarily unavailable. Please retry later." } }, { "retry-after": "10" });
        } else {
          tokenError(finish, 503, "temporarily_unavailable", 90033, "A transient error has occurred. Please try again.", req);
        }
        return;
      }
      run();
    });
  });

  function tokenError(
    finish: (s: number, b: unknown, h?: Record<string, string>, code?: number) => void,
    status: number,
    error: string,
    code: number,
    message: string,
    req: http.IncomingMessage,
    suberror?: string,
  ) {
    const trace = randomUUID();
    const corr = String(req.headers["client-request-id"] ?? randomUUID());
    const ts = estsTimestamp();
    const body: Record<string, unknown> = {
      error,
      error_description: `AADSTS${code}: ${message} Trace ID: ${trace} Correlation ID: ${corr} Timestamp: ${ts}`,
      error_codes: [code],
      timestamp: ts,
      trace_id: trace,
      correlation_id: corr,
      error_uri: `https://${issuerHost}/error?code=${code}`,
    };
    if (suberror) body.suberror = suberror;
    finish(status, body, { "x-ms-request-id": trace, "client-request-id": corr }, code);
  }

  function openIdConfig(tenantId: string) {
    const base = `https://${issuerHost}/${tenantId}`;
    return {
      token_endpoint: `${base}/oauth2/v2.0/token`,
      token_endpoint_auth_methods_supported: ["client_secret_post", "private_key_jwt", "client_secret_basic"],
      jwks_uri: `https://${issuerHost}/${tenantId}/discovery/v2.0/keys`,
      response_modes_supported: ["query", "fragment", "form_post"],
      subject_types_supported: ["pairwise"],
      id_token_signing_alg_values_supported: ["RS256"],
      response_types_supported: ["code", "id_token", "code id_token", "id_token token"],
      scopes_supported: ["openid", "profile", "email", "offline_access"],
      issuer: `https://${issuerHost}/${tenantId}/v2.0`,
      request_uri_parameter_supported: false,
      userinfo_endpoint: "https://graph.microsoft.com/oidc/userinfo",
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
      http_logout_supported: true,
      frontchannel_logout_supported: true,
      end_session_endpoint: `${base}/oauth2/v2.0/logout`,
      claims_supported: ["sub", "iss", "cloud_instance_name", "cloud_instance_host_name", "cloud_graph_host_name", "msgraph_host", "aud", "exp", "iat", "auth_time", "acr", "nonce", "preferred_username", "name", "tid", "ver", "at_hash", "c_hash", "email"],
      kerberos_endpoint: `${base}/kerberos`,
      tenant_region_scope: "EU",
      cloud_instance_name: "microsoftonline.com",
      cloud_graph_host_name: "graph.windows.net",
      msgraph_host: "graph.microsoft.com",
      rbac_url: "https://pas.windows.net",
    };
  }

  function graphError(finish: (s: number, b: unknown, h?: Record<string, string>) => void, req: http.IncomingMessage, status: number, code: string, message: string) {
    finish(status, {
      error: {
        code,
        message,
        innerError: {
          date: new Date().toISOString().slice(0, 19),
          "request-id": randomUUID(),
          "client-request-id": String(req.headers["client-request-id"] ?? randomUUID()),
        },
      },
    });
  }

  function applicationJson(app: FakeApp, select: string[] | undefined) {
    const full: Record<string, unknown> = {
      id: app.objectId,
      deletedDateTime: null,
      appId: app.appId,
      applicationTemplateId: null,
      disabledByMicrosoftStatus: null,
      createdDateTime: "2025-03-14T09:21:45Z",
      displayName: app.displayName,
      description: null,
      groupMembershipClaims: null,
      identifierUris: [],
      isDeviceOnlyAuthSupported: null,
      isFallbackPublicClient: null,
      notes: null,
      publisherDomain: app.publisherDomain ?? null,
      serviceManagementReference: null,
      signInAudience: app.signInAudience,
      tags: [],
      tokenEncryptionKeyId: null,
      api: {
        acceptMappedClaims: null,
        knownClientApplications: [],
        requestedAccessTokenVersion: app.requestedAccessTokenVersion,
        oauth2PermissionScopes: [],
        preAuthorizedApplications: [],
      },
      appRoles: [],
      keyCredentials: [],
      passwordCredentials: app.secrets.map((s) => ({
        customKeyIdentifier: null,
        displayName: s.displayName,
        endDateTime: s.endDateTime,
        hint: s.value.slice(0, 3),
        keyId: s.keyId,
        secretText: null,
        startDateTime: s.startDateTime,
      })),
      publicClient: { redirectUris: app.publicClient },
      requiredResourceAccess: app.requiredResourceAccess,
      spa: { redirectUris: app.spa },
      web: {
        homePageUrl: null,
        logoutUrl: null,
        redirectUris: app.web,
        implicitGrantSettings: { enableAccessTokenIssuance: false, enableIdTokenIssuance: false },
        redirectUriSettings: app.web.map((uri) => ({ uri, index: null })),
      },
    };
    const out: Record<string, unknown> = {
      "@odata.context": `https://graph.microsoft.com/v1.0/$metadata#applications${select ? `(${select.join(",")})` : ""}/$entity`,
    };
    for (const [k, v] of Object.entries(full)) if (!select || select.includes(k)) out[k] = v;
    return out;
  }

  function handle(
    req: http.IncomingMessage,
    url: URL,
    body: string,
    finish: (s: number, b: unknown, h?: Record<string, string>, code?: number) => void,
  ) {
    const parts = url.pathname.split("/").filter(Boolean).map((p) => decodeURIComponent(p));
    const method = req.method ?? "GET";

    // --- control endpoints ---
    if (parts[0] === "__fake") {
      if (parts[1] === "health") return finish(200, { ok: true, behaviour });
      if (parts[1] === "behaviour" && method === "POST") {
        try {
          const b = JSON.parse(body) as { behaviour?: FakeBehaviour; delayMs?: number };
          if (b.behaviour && ["normal", "slow", "unavailable"].includes(b.behaviour)) behaviour = b.behaviour;
          if (typeof b.delayMs === "number" && b.delayMs >= 0) delayMs = b.delayMs;
          return finish(200, { behaviour, delayMs });
        } catch {
          return finish(400, { error: "body must be JSON: {\"behaviour\": \"normal\"|\"slow\"|\"unavailable\", \"delayMs\": n}" });
        }
      }
      if (parts[1] === "requests") return finish(200, requests);
      return finish(404, { error: "unknown control endpoint" });
    }

    // --- Microsoft Graph ---
    if (parts[0] === "v1.0") {
      if (method !== "GET") return graphError(finish, req, 405, "Request_BadRequest", "Only GET is supported by this fake.");
      const m = /^applications\(appId='([^']*)'\)$/.exec(parts[1] ?? "");
      if (!m || parts.length !== 2) return graphError(finish, req, 400, "BadRequest", `Resource not found for the segment '${parts[1] ?? ""}'.`);
      const auth = String(req.headers.authorization ?? "");
      if (!auth) return graphError(finish, req, 401, "InvalidAuthenticationToken", "Access token is empty.");
      const tok = tokens.get(auth.replace(/^Bearer\s+/i, ""));
      if (!tok) return graphError(finish, req, 401, "InvalidAuthenticationToken", "IDX14100: JWT is not well formed, there are no dots (.).");
      if (tok.aud !== GRAPH_RESOURCE) return graphError(finish, req, 401, "InvalidAuthenticationToken", "Access token validation failure. Invalid audience.");
      if (tok.exp < Date.now() / 1000) return graphError(finish, req, 401, "InvalidAuthenticationToken", "Lifetime validation failed, the token is expired.");
      const appId = m[1]!;
      if (!GUID.test(appId)) return graphError(finish, req, 400, "Request_BadRequest", `Invalid object identifier '${appId}'.`);
      const app = registry.apps.find((a) => a.appId.toLowerCase() === appId.toLowerCase() && a.homeTenantId === tok.tid);
      if (!app) {
        return graphError(finish, req, 404, "Request_ResourceNotFound", `Resource '${appId}' does not exist or one of its queried reference-property objects are not present.`);
      }
      if (app.graphAccess === "unavailable") {
        return finish(503, { error: { code: "serviceNotAvailable", message: "The service is temporarily unavailable. Please retry later." } }, { "retry-after": "10" });
      }
      if (app.appId !== tok.appId || app.graphAccess === "deny") {
        return graphError(finish, req, 403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.");
      }
      const select = url.searchParams.get("$select")?.split(",").map((s) => s.trim()).filter(Boolean);
      return finish(200, applicationJson(app, select));
    }

    // --- discovery ---
    if (parts[0] === "common" && parts[1] === "discovery" && parts[2] === "instance") {
      return finish(200, {
        tenant_discovery_endpoint: `https://${issuerHost}/{tenant}/v2.0/.well-known/openid-configuration`,
        "api-version": "1.1",
        metadata: [
          { preferred_network: "login.microsoftonline.com", preferred_cache: "login.windows.net", aliases: ["login.microsoftonline.com", "login.windows.net", "login.microsoft.com", "sts.windows.net"] },
        ],
      });
    }
    const tenantSeg = parts[0] ?? "";
    if (parts[1] === "v2.0" && parts[2] === ".well-known" && parts[3] === "openid-configuration") {
      if (["common", "organizations", "consumers"].includes(tenantSeg)) return finish(200, openIdConfig("{tenantid}"));
      const t = findTenant(tenantSeg);
      if (!t) {
        return tokenError(finish, 400, "invalid_tenant", 90002, `Tenant '${tenantSeg}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`, req);
      }
      return finish(200, openIdConfig(t.id));
    }

    // --- token endpoint ---
    if (parts[1] === "oauth2" && parts[2] === "v2.0" && parts[3] === "token") {
      if (method !== "POST") return finish(405, { error: "invalid_request" });
      if (!GUID.test(tenantSeg) && !DOMAIN.test(tenantSeg)) {
        return tokenError(finish, 400, "invalid_request", 900023, `Specified tenant identifier '${tenantSeg}' is neither a valid DirectoryName nor a valid ObjectId.`, req);
      }
      const tenant = findTenant(tenantSeg);
      if (!tenant) {
        return tokenError(finish, 400, "invalid_tenant", 90002, `Tenant '${tenantSeg}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`, req);
      }
      const form = new URLSearchParams(body);
      if (form.get("grant_type") !== "client_credentials") {
        return tokenError(finish, 400, "unsupported_grant_type", 70003, "The app requested an unsupported grant type (this fake only knows client_credentials).", req);
      }
      let clientId = form.get("client_id") ?? "";
      let clientSecret = form.get("client_secret");
      const basic = /^Basic\s+(.+)$/i.exec(String(req.headers.authorization ?? ""));
      if (basic) {
        const [id, sec] = Buffer.from(basic[1]!, "base64").toString("utf8").split(":");
        clientId = decodeURIComponent(id ?? "");
        clientSecret = decodeURIComponent(sec ?? "");
      }
      if (!clientId) return tokenError(finish, 400, "invalid_request", 900144, "The request body must contain the following parameter: 'client_id'.", req);
      const app = registry.apps.find(
        (a) => a.appId.toLowerCase() === clientId.toLowerCase() && (a.homeTenantId === tenant.id || (a.installedIn ?? []).includes(tenant.id)),
      );
      if (!app) {
        return tokenError(finish, 400, "unauthorized_client", 700016, `Application with identifier '${clientId}' was not found in the directory '${tenant.displayName}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`, req);
      }
      if (app.scriptedError) {
        const e = app.scriptedError;
        return tokenError(finish, e.status, e.error, e.code, e.message, req);
      }
      if (app.disabled) return tokenError(finish, 400, "unauthorized_client", 7000112, `Application '${app.appId}'(${app.displayName}) is disabled.`, req);
      if (!clientSecret) {
        return tokenError(finish, 401, "invalid_client", 7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.", req);
      }
      const match = app.secrets.find((s) => s.value === clientSecret);
      if (!match) {
        return tokenError(finish, 401, "invalid_client", 7000215, `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${app.appId}'.`, req);
      }
      if (Date.parse(match.endDateTime) <= Date.now()) {
        return tokenError(finish, 401, "invalid_client", 7000222, `The provided client secret keys for app '${app.appId}' are expired. Visit the Azure portal to create new keys for your app: https://aka.ms/NewClientSecret, or consider using certificate credentials for added security: https://aka.ms/certCreds.`, req);
      }
      const scopes = (form.get("scope") ?? "").split(" ").filter((s) => s && !["openid", "profile", "offline_access"].includes(s));
      const scope = scopes[0] ?? "";
      if (scopes.length !== 1 || !scope.endsWith("/.default")) {
        return tokenError(finish, 400, "invalid_scope", 1002012, `The provided value for scope ${scope || "(none)"} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`, req);
      }
      const resource = scope.slice(0, -"/.default".length);
      const known = resource === GRAPH_RESOURCE || (resource === BC_RESOURCE && tenant.businessCentral);
      if (!known) {
        return tokenError(finish, 400, "invalid_resource", 500011, `The resource principal named ${resource} was not found in the tenant named ${tenant.displayName}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.`, req);
      }
      if (app.consentRequired) {
        return tokenError(finish, 400, "invalid_grant", 65001, `The user or administrator has not consented to use the application with ID '${app.appId}' named '${app.displayName}'. Send an interactive authorization request for this user and resource.`, req, "consent_required");
      }
      const now = Math.floor(Date.now() / 1000);
      const payload = {
        aud: resource,
        iss: `https://sts.windows.net/${tenant.id}/`,
        iat: now,
        nbf: now,
        exp: now + 3599,
        appid: app.appId,
        appidacr: "1",
        idp: `https://sts.windows.net/${tenant.id}/`,
        oid: app.objectId,
        sub: app.objectId,
        tid: tenant.id,
        uti: randomUUID().replace(/-/g, "").slice(0, 22),
        ver: "1.0",
      };
      const accessToken = `${b64url({ typ: "JWT", alg: "RS256", kid: "fake-entra-key" })}.${b64url(payload)}.fake-signature-not-valid`;
      tokens.set(accessToken, { tid: tenant.id, appId: app.appId, aud: resource, exp: payload.exp });
      return finish(200, { token_type: "Bearer", expires_in: 3599, ext_expires_in: 3599, access_token: accessToken });
    }

    return finish(404, { error: "not_found", error_description: `The fake has no endpoint ${method} ${url.pathname}` });
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const addr = server.address() as AddressInfo;
  const host = addr.family === "IPv6" ? `[${addr.address}]` : addr.address;
  const url = `http://${host}:${addr.port}`;
  return {
    url,
    loginBaseUrl: url,
    graphBaseUrl: url,
    registry,
    requests,
    setBehaviour(b, d) {
      behaviour = b;
      if (d !== undefined) delayMs = d;
    },
    close() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

async function main() {
  const args = process.argv.slice(2);
  const flag = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  if (args.includes("--help")) {
    console.log("Usage: tsx tests/fakes/entra.ts [--port N] [--host H]\nEnv: FAKE_ENTRA_PORT, FAKE_ENTRA_HOST, FAKE_ENTRA_BEHAVIOUR, FAKE_ENTRA_DELAY_MS, FAKE_ENTRA_REGISTRY");
    return;
  }
  const port = Number(flag("--port") ?? process.env.FAKE_ENTRA_PORT ?? 4100);
  const host = flag("--host") ?? process.env.FAKE_ENTRA_HOST ?? "127.0.0.1";
  const b = process.env.FAKE_ENTRA_BEHAVIOUR as FakeBehaviour | undefined;
  const registryFile = process.env.FAKE_ENTRA_REGISTRY;
  const opts: FakeEntraOptions = { port, host, log: (l) => console.log(l) };
  if (b) opts.behaviour = b;
  if (process.env.FAKE_ENTRA_DELAY_MS) opts.delayMs = Number(process.env.FAKE_ENTRA_DELAY_MS);
  if (registryFile) opts.registry = JSON.parse(readFileSync(registryFile, "utf8")) as FakeRegistry;
  const fake = await startFakeEntra(opts);
  const A = FAKE.apps;
  const T = FAKE.tenants;
  console.log(`Fake Entra ID + Microsoft Graph listening on ${fake.url}`);
  console.log(`Point the checker at it:\n  ENTRA_LOGIN_BASE_URL=${fake.loginBaseUrl} GRAPH_BASE_URL=${fake.graphBaseUrl}`);
  console.log("Scenarios (all values fake):");
  const rows: [string, string, string, string][] = [
    ["valid", T.contoso.id, A.good.appId, A.good.secret],
    ["expired secret", T.contoso.id, A.good.appId, A.good.expiredSecret],
    ["Secret ID pasted", T.contoso.id, A.good.appId, A.good.secretId],
    ["misconfigured registration", T.contoso.id, A.misconfigured.appId, A.misconfigured.secret],
    ["disabled app", T.contoso.id, A.disabled.appId, A.disabled.secret],
    ["consent missing", T.contoso.id, A.consent.appId, A.consent.secret],
    ["Graph read denied", T.contoso.id, A.graphDenied.appId, A.graphDenied.secret],
    ["no Business Central in tenant", T.fabrikam.id, A.noBusinessCentral.appId, A.noBusinessCentral.secret],
    ["app not in tenant", T.fabrikam.id, A.misconfigured.appId, A.misconfigured.secret],
    ["unknown tenant", T.unknown.id, A.good.appId, A.good.secret],
    ["slow (timeout)", T.slow.id, A.good.appId, A.good.secret],
    ["Microsoft down (503)", T.down.id, A.good.appId, A.good.secret],
  ];
  for (const [name, tenant, app, sec] of rows) console.log(`  ${name.padEnd(30)} tenant ${tenant}  client ${app}  secret ${sec}`);
  const stop = () => {
    void fake.close().then(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

if (/tests[\\/]fakes[\\/]entra\.ts$/.test(process.argv[1] ?? "")) {
  main().catch((e: unknown) => {
    console.error(`fake entra: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  });
}
