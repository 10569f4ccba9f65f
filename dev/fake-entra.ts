// A fake Microsoft Entra ID (token + discovery endpoints) and Microsoft Graph (applications by appId)
// on loopback, answering like the real services: status codes, `error`, `error_description` with
// "AADSTSxxxx: … Trace ID: … Correlation ID: … Timestamp: …", `error_codes`, `trace_id`,
// `correlation_id`, Graph's { error: { code, message, innerError } }.
//
// The production code reaches it only through its real seams: msal-node's system.networkClient
// (which sends https://login.microsoftonline.com/… to ENTRA_LOGIN_BASE_URL) and GRAPH_BASE_URL.
//
//   tsx dev/fake-entra.ts --port 4100      (prints its URL, the env lines and the demo scenarios)
//
// Env: FAKE_ENTRA_PORT, FAKE_ENTRA_HOST (127.0.0.1), FAKE_ENTRA_BEHAVIOUR (normal | slow | unavailable),
// FAKE_ENTRA_DELAY_MS (slow mode, default 10000), FAKE_ENTRA_REGISTRY (a JSON file replacing the registry).
// Every secret below is fake, shaped like a real one (3 chars, a digit, "Q~", 33 more) so the rules accept it.
import { createHash, randomBytes, randomUUID } from "node:crypto";
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
  /**
   * Microsoft Graph application permissions (app roles) admin-consented to this app, by name. As at
   * Microsoft, an app reads its own registration with a client-credentials token only when it holds
   * one of Application.Read.All, Application.ReadWrite.All or Directory.Read.All: otherwise Graph
   * answers 403 Authorization_RequestDenied (the normal answer for an app set up as the guide says).
   */
  graphAppRoles?: string[];
  /**
   * Graph application permissions admin-consented in other tenants where the app is installed, by
   * tenant id (application permissions are consented per tenant: graphAppRoles hold in the home tenant only).
   */
  graphAppRolesByTenant?: Record<string, string[]>;
  /** "deny": Graph answers 403 even with a Graph permission; "unavailable": 503. */
  graphAccess?: "allow" | "deny" | "unavailable";
  /** Any AADSTS answer, scripted: the token endpoint sends it for this app once the app is found. */
  scriptedError?: { status: number; error: string; code: number; message: string; retryAfter?: string };
  secrets: FakeSecret[];
  signInAudience: string;
  web: string[];
  spa: string[];
  publicClient: string[];
  requiredResourceAccess: { resourceAppId: string; resourceAccess: { id: string; type: string }[] }[];
  requestedAccessTokenVersion: number | null;
  publisherDomain?: string;
}

/** A user who can sign in on the fake's authorize page (delegated flow). */
export interface FakeUser {
  id: string;
  /** user principal name, e.g. admin@contoso-fake.onmicrosoft.com */
  upn: string;
  displayName: string;
  /** Directory roles, e.g. "Global Administrator", "Application Administrator"; none: a plain member. */
  directoryRoles: string[];
}

/** An OAuth2 permission grant (consent) as Graph stores it, by app ids (the fake maps them to service principal ids). */
export interface FakeGrant {
  clientAppId: string;
  resourceAppId: string;
  consentType: "AllPrincipals" | "Principal";
  /** For consentType Principal: the user's object id. */
  principalId?: string;
  /** Space-separated delegated scopes. */
  scope: string;
}

export interface FakeTenant {
  id: string;
  displayName: string;
  domains: string[];
  /** Users who can sign in (delegated flow). */
  users?: FakeUser[];
  /** Delegated consent grants in this tenant. */
  grants?: FakeGrant[];
  /** Business Central provisioned in the tenant (else its scope gives AADSTS500011). */
  businessCentral: boolean;
  /** Overrides the server-wide behaviour for requests to this tenant. */
  behaviour?: FakeBehaviour;
  /**
   * Scripted Graph answers for tokens of this tenant (none by default): the first fault whose `path`
   * is part of the request's decoded path answers instead, after the token is validated, as a
   * throttled or failing Graph would. `times` (default: always) limits how often it answers.
   */
  graphFaults?: FakeGraphFault[];
}

export interface FakeGraphFault {
  path: string;
  status: number;
  code: string;
  message: string;
  retryAfter?: string;
  times?: number;
  /** A body sent instead of Graph's error object (e.g. a malformed page). */
  body?: unknown;
}

export interface FakeRegistry {
  tenants: FakeTenant[];
  apps: FakeApp[];
  /** Personal Microsoft accounts (they can pick themselves on the sign-in page; no organisation). */
  personalAccounts?: { id: string; upn: string; displayName: string }[];
}

const BC_RESOURCE = "https://api.businesscentral.dynamics.com";
const GRAPH_RESOURCE = "https://graph.microsoft.com";
const BC_APP = "996def3d-b36c-4153-8607-a6fd3c01b89f";
const GRAPH_APP = "00000003-0000-0000-c000-000000000000";
/** The tenant of personal Microsoft accounts (tid of MSA tokens). */
export const MSA_TENANT = "9188040d-6c67-4c5b-b112-36a304b66dad";
/** Graph application permissions that let an app read applications (hence itself). */
const GRAPH_APP_READERS = ["Application.Read.All", "Application.ReadWrite.All", "Directory.Read.All"];
/** Directory roles that can read applications, service principals and grants through delegated Graph permissions. */
const READER_ROLES = ["Global Administrator", "Global Reader", "Application Administrator", "Cloud Application Administrator", "Application Developer", "Directory Readers"];
/** Roles that can grant tenant-wide (admin) consent. */
const CONSENT_ROLES = ["Global Administrator", "Privileged Role Administrator", "Cloud Application Administrator", "Application Administrator"];
const GRAPH_ROLE_IDS: Record<string, string> = {
  "Application.Read.All": "9a5d68dd-52b0-4cc2-bd40-abcf44ac3a30",
};
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
    /** Home of the checker's own multi-tenant registration (Codat). */
    checkerHome: { id: "66666666-6666-4666-8666-666666666666", domain: "codat-checker-fake.onmicrosoft.com" },
  },
  /** Who can sign in on the fake's authorize page (delegated "Sign in with Microsoft"). */
  users: {
    /** Global Administrator of contoso (where the checker is consented). */
    contosoAdmin: { id: "dddddddd-0001-4000-8000-000000000001", upn: "admin@contoso-fake.onmicrosoft.com" },
    /** A member of contoso with no directory role: Graph refuses the reads (403). */
    contosoUser: { id: "dddddddd-0002-4000-8000-000000000002", upn: "user@contoso-fake.onmicrosoft.com" },
    /** Global Administrator of fabrikam (the checker not consented there yet: signing in grants it). */
    fabrikamAdmin: { id: "dddddddd-0003-4000-8000-000000000003", upn: "admin@fabrikam-fake.onmicrosoft.com" },
    /** A member of fabrikam: may not consent to the checker (AADSTS90094). */
    fabrikamUser: { id: "dddddddd-0004-4000-8000-000000000004", upn: "user@fabrikam-fake.onmicrosoft.com" },
    /** A personal Microsoft account (AADSTS50020 for an organisations-only app). */
    personal: { id: "dddddddd-0005-4000-8000-000000000005", upn: "someone@outlook-fake.com" },
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
    /**
     * No admin consent in contoso (only one user consented for themselves). As at Microsoft, client
     * credentials still get a token: they prove the credentials, not consent; the delegated check sees it.
     */
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
    /** Like "good", and it holds the Graph application permission Application.Read.All: it can read itself. */
    selfReader: {
      appId: "aaaaaaaa-0007-4000-8000-000000000007",
      objectId: "bbbbbbbb-0007-4000-8000-000000000007",
      secret: secret("SLF8", "self01"),
      secretId: "cccccccc-0007-4000-8000-000000000001",
    },
    /**
     * The checker's own multi-tenant registration ("Sign in with Microsoft to check"): delegated
     * Application.Read.All and Directory.Read.All; redirect URIs given by startFakeEntra's checkerRedirectUris.
     */
    checker: {
      appId: "eeeeeeee-0001-4000-8000-000000000001",
      objectId: "ffffffff-0001-4000-8000-000000000001",
      secret: secret("CHK9", "chek01"),
      secretId: "cccccccc-0008-4000-8000-000000000001",
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

const BC_SCOPES = "Financials.ReadWrite.All user_impersonation";
/** What the checker asks for (delegated, read-only). */
export const CHECKER_GRAPH_SCOPES = "Application.Read.All Directory.Read.All User.Read openid profile offline_access";

/** The default registry; secret dates are relative to `now` (valid: +1 year, expired: -30 days). */
export function defaultRegistry(now: number = Date.now(), options: { checkerRedirectUris?: string[] } = {}): FakeRegistry {
  const T = FAKE.tenants;
  const A = FAKE.apps;
  const U = FAKE.users;
  const checkerGrant: FakeGrant = { clientAppId: A.checker.appId, resourceAppId: GRAPH_APP, consentType: "AllPrincipals", scope: CHECKER_GRAPH_SCOPES };
  const valid = (keyId: string, value: string, displayName = "Codat"): FakeSecret => ({
    keyId,
    value,
    displayName,
    startDateTime: iso(now - 30 * DAY),
    endDateTime: iso(now + 365 * DAY),
  });
  return {
    tenants: [
      {
        id: T.contoso.id,
        displayName: "Contoso (fake)",
        domains: [T.contoso.domain],
        businessCentral: true,
        users: [
          { id: U.contosoAdmin.id, upn: U.contosoAdmin.upn, displayName: "Contoso Admin", directoryRoles: ["Global Administrator"] },
          { id: U.contosoUser.id, upn: U.contosoUser.upn, displayName: "Contoso User", directoryRoles: [] },
        ],
        grants: [
          checkerGrant,
          { clientAppId: A.good.appId, resourceAppId: BC_APP, consentType: "AllPrincipals", scope: BC_SCOPES },
          { clientAppId: A.selfReader.appId, resourceAppId: BC_APP, consentType: "AllPrincipals", scope: BC_SCOPES },
          // Only one user consented for themselves: not admin consent.
          { clientAppId: A.consent.appId, resourceAppId: BC_APP, consentType: "Principal", principalId: U.contosoUser.id, scope: BC_SCOPES },
          // Admin consent given before Financials.ReadWrite.All was added.
          { clientAppId: A.misconfigured.appId, resourceAppId: BC_APP, consentType: "AllPrincipals", scope: "user_impersonation" },
        ],
      },
      {
        id: T.fabrikam.id,
        displayName: "Fabrikam (fake)",
        domains: [T.fabrikam.domain],
        businessCentral: false,
        users: [
          { id: U.fabrikamAdmin.id, upn: U.fabrikamAdmin.upn, displayName: "Fabrikam Admin", directoryRoles: ["Global Administrator"] },
          { id: U.fabrikamUser.id, upn: U.fabrikamUser.upn, displayName: "Fabrikam User", directoryRoles: [] },
        ],
        grants: [],
      },
      { id: T.checkerHome.id, displayName: "Codat checker (fake)", domains: [T.checkerHome.domain], businessCentral: false, users: [], grants: [] },
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
        appId: A.selfReader.appId,
        objectId: A.selfReader.objectId,
        ...goodShape("Reads itself (fake)", T.contoso.id, T.contoso.domain),
        graphAppRoles: ["Application.Read.All"],
        requiredResourceAccess: [
          ...guidePermissions(),
          { resourceAppId: GRAPH_APP, resourceAccess: [{ id: GRAPH_ROLE_IDS["Application.Read.All"]!, type: "Role" }] },
        ],
        secrets: [valid(A.selfReader.secretId, A.selfReader.secret)],
      },
      {
        appId: A.checker.appId,
        objectId: A.checker.objectId,
        displayName: "Codat setup checker (fake)",
        homeTenantId: T.checkerHome.id,
        publisherDomain: T.checkerHome.domain,
        signInAudience: "AzureADMultipleOrgs",
        web: options.checkerRedirectUris ?? ["http://localhost:3000/auth/microsoft/callback"],
        spa: [],
        publicClient: [],
        requiredResourceAccess: [
          {
            resourceAppId: GRAPH_APP,
            resourceAccess: [
              { id: "c79f8feb-a9db-4090-85f9-90d820caa0eb", type: "Scope" },
              { id: "06da0dbc-49e2-44d2-8312-53f166ab848a", type: "Scope" },
              { id: "e1fd296f-fa3e-4f5d-b8a0-b2f2b5de6a62", type: "Scope" },
            ],
          },
        ],
        requestedAccessTokenVersion: 2,
        secrets: [valid(A.checker.secretId, A.checker.secret, "checker")],
      },
      {
        appId: A.noBusinessCentral.appId,
        objectId: A.noBusinessCentral.objectId,
        ...goodShape("No Business Central (fake)", T.fabrikam.id, T.fabrikam.domain),
        secrets: [valid(A.noBusinessCentral.secretId, A.noBusinessCentral.secret)],
      },
    ],
    personalAccounts: [{ id: U.personal.id, upn: U.personal.upn, displayName: "Someone (personal)" }],
  };
}

export interface FakeEntraOptions {
  registry?: FakeRegistry;
  /** Redirect URIs of the checker's registration (FAKE.apps.checker) in the default registry. */
  checkerRedirectUris?: string[];
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
  /** Application permissions (client credentials). */
  roles?: string[];
  /** Delegated scopes and the signed-in user (authorization code). */
  scp?: string[];
  userId?: string;
}

/** An authorization code: one use, short-lived, bound to the PKCE challenge, the redirect URI and the client. */
interface IssuedCode {
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  nonce: string | undefined;
  tenantId: string;
  userId: string;
  scopes: string[];
  exp: number;
  redeemed: boolean;
}

/** A deterministic object id for an app's service principal in a tenant. */
export function servicePrincipalId(appId: string, tenantId: string): string {
  const h = createHash("sha256").update(`sp\n${appId.toLowerCase()}\n${tenantId.toLowerCase()}`).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Graph's $skiptoken is opaque: here a prefixed, base64url-encoded offset. */
const skipToken = (offset: number) => `RFNwdAIAAQAAA${Buffer.from(`offset:${offset}`).toString("base64url")}`;
function skipTokenOffset(token: string): number | undefined {
  if (!token.startsWith("RFNwdAIAAQAAA")) return undefined;
  const m = /^offset:(\d{1,7})$/.exec(Buffer.from(token.slice(13), "base64url").toString("utf8"));
  return m ? Number(m[1]) : undefined;
}

const escapeHtml = (v: string) => v.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const b64url = (o: unknown) => Buffer.from(JSON.stringify(o)).toString("base64url");

function estsTimestamp(d = new Date()): string {
  return `${d.toISOString().slice(0, 19).replace("T", " ")}Z`;
}

export async function startFakeEntra(options: FakeEntraOptions = {}): Promise<FakeEntra> {
  const registry = options.registry ?? defaultRegistry(Date.now(), options.checkerRedirectUris ? { checkerRedirectUris: options.checkerRedirectUris } : {});
  let behaviour: FakeBehaviour = options.behaviour ?? "normal";
  let delayMs = options.delayMs ?? 10_000;
  const issuerHost = options.issuerHost ?? "login.microsoftonline.com";
  const tokens = new Map<string, IssuedToken>();
  const codes = new Map<string, IssuedCode>();
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
        const isHtml = typeof body === "string";
        const text = isHtml ? body : JSON.stringify(body);
        res.writeHead(status, {
          "content-type": isHtml ? "text/html; charset=utf-8" : "application/json; charset=utf-8",
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
    headers: Record<string, string> = {},
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
    finish(status, body, { "x-ms-request-id": trace, "client-request-id": corr, ...headers }, code);
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

  function graphError(finish: (s: number, b: unknown, h?: Record<string, string>) => void, req: http.IncomingMessage, status: number, code: string, message: string, headers: Record<string, string> = {}) {
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
    }, headers);
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

  /** The service principals (enterprise apps) of a tenant: its own apps, the apps installed there, Microsoft's. */
  function servicePrincipalsOf(tenant: FakeTenant) {
    const out: { id: string; appId: string; displayName: string; appOwnerOrganizationId: string | null; accountEnabled: boolean; servicePrincipalType: string; signInAudience: string | null }[] = [];
    const consentedClients = new Set((tenant.grants ?? []).map((g) => g.clientAppId.toLowerCase()));
    for (const a of registry.apps) {
      const here = a.homeTenantId === tenant.id || (a.installedIn ?? []).includes(tenant.id) || consentedClients.has(a.appId.toLowerCase());
      if (!here) continue;
      out.push({ id: servicePrincipalId(a.appId, tenant.id), appId: a.appId, displayName: a.displayName, appOwnerOrganizationId: a.homeTenantId, accountEnabled: !a.disabled, servicePrincipalType: "Application", signInAudience: a.signInAudience });
    }
    const microsoft = "f8cdef31-a31e-4b4a-93e4-5f571e91255a";
    out.push({ id: servicePrincipalId(GRAPH_APP, tenant.id), appId: GRAPH_APP, displayName: "Microsoft Graph", appOwnerOrganizationId: microsoft, accountEnabled: true, servicePrincipalType: "Application", signInAudience: "AzureADMultipleOrgs" });
    if (tenant.businessCentral) {
      out.push({ id: servicePrincipalId(BC_APP, tenant.id), appId: BC_APP, displayName: "Dynamics 365 Business Central", appOwnerOrganizationId: microsoft, accountEnabled: true, servicePrincipalType: "Application", signInAudience: "AzureADMultipleOrgs" });
    }
    return out;
  }

  function tenantSegOf(parts: string[]): string {
    return parts[0] ?? "";
  }

  /** Microsoft's sign-in error page (no redirect: the redirect URI or client can't be trusted). */
  function errorPage(finish: (s: number, b: unknown, h?: Record<string, string>, code?: number) => void, code: number, message: string) {
    finish(400, `<!doctype html><link rel="icon" href="data:,"><title>Sign in to your account</title><h1>Sorry, but we're having trouble signing you in.</h1><p id="error">AADSTS${code}: ${escapeHtml(message)}</p>`, {}, code);
  }

  function authorize(
    params: URLSearchParams,
    picked: boolean,
    tenantSeg: string,
    finish: (s: number, b: unknown, h?: Record<string, string>, code?: number) => void,
    req: http.IncomingMessage,
  ) {
    void req;
    const clientId = params.get("client_id") ?? "";
    const redirectUri = params.get("redirect_uri") ?? "";
    const state = params.get("state") ?? "";
    const app = registry.apps.find((a) => a.appId.toLowerCase() === clientId.toLowerCase());
    if (!app) return errorPage(finish, 700016, `Application with identifier '${clientId}' was not found in the directory.`);
    if (!app.web.includes(redirectUri)) {
      return errorPage(finish, 50011, `The redirect URI '${redirectUri}' specified in the request does not match the redirect URIs configured for the application '${app.appId}'.`);
    }
    const back = (q: Record<string, string>, code?: number) => {
      const u = new URL(redirectUri);
      for (const [k, v] of Object.entries(q)) u.searchParams.set(k, v);
      if (state) u.searchParams.set("state", state);
      finish(302, "", { location: u.href }, code);
    };
    const backError = (error: string, code: number, message: string, extra: Record<string, string> = {}) =>
      back({ error, error_description: `AADSTS${code}: ${message} Trace ID: ${randomUUID()} Correlation ID: ${randomUUID()} Timestamp: ${estsTimestamp()}`, ...extra }, code);
    if (params.get("response_type") !== "code") return backError("unsupported_response_type", 700054, "response_type 'code' is required by this fake.");
    const challenge = params.get("code_challenge") ?? "";
    if (!challenge || params.get("code_challenge_method") !== "S256") {
      return backError("invalid_request", 9002325, "Proof Key for Code Exchange (S256) is required by this fake.");
    }
    const scopes = (params.get("scope") ?? "").split(" ").filter(Boolean);
    if (!scopes.includes("openid")) return backError("invalid_request", 900144, "The request must ask for the 'openid' scope.");
    if (!picked) return finish(200, pickerPage(params, app));

    // The person chose on the picker page.
    if (params.get("choice") === "cancel") return backError("access_denied", 65004, "User declined to consent to access the app.");
    const upn = params.get("account") ?? "";
    const personal = (registry.personalAccounts ?? []).find((p) => p.upn === upn);
    if (personal) {
      if (app.signInAudience !== "AzureADandPersonalMicrosoftAccount" && app.signInAudience !== "PersonalMicrosoftAccount") {
        return backError("invalid_request", 50020, `User account '${upn}' from identity provider 'live.com' does not exist in tenant 'Microsoft Services' and cannot access the application '${app.appId}'(${app.displayName}) in that tenant. The account needs to be added as an external user in the tenant first.`);
      }
    }
    const tenant = registry.tenants.find((t) => (t.users ?? []).some((u) => u.upn === upn));
    const user = tenant?.users?.find((u) => u.upn === upn);
    if (!tenant || !user) return errorPage(finish, 50034, `The user account ${upn} does not exist in the directory.`);
    const seg = tenantSeg.toLowerCase();
    if (!["common", "organizations"].includes(seg) && tenant.id !== findTenant(seg)?.id) {
      return backError("invalid_request", 50020, `User account '${upn}' from identity provider '${tenant.domains[0]}' does not exist in tenant '${findTenant(seg)?.displayName ?? seg}' and cannot access the application '${app.appId}'(${app.displayName}) in that tenant.`);
    }
    if (app.homeTenantId !== tenant.id && app.signInAudience === "AzureADMyOrg") {
      return backError("invalid_request", 50020, `User account '${upn}' does not exist in the home tenant of the single-tenant application '${app.appId}'.`);
    }
    // Consent to the checker in the user's tenant: an admin grants it for the organisation on the way; others may not.
    const grants = (tenant.grants ??= []);
    const consented = grants.some((g) => g.clientAppId === app.appId && g.resourceAppId === GRAPH_APP && g.consentType === "AllPrincipals");
    if (!consented && app.homeTenantId !== tenant.id) {
      if (!user.directoryRoles.some((r) => CONSENT_ROLES.includes(r))) {
        return backError("access_denied", 90094, `Admin consent is required for the permissions requested by this application. An admin consent request may be sent to the admin.`, { error_subcode: "cancel" });
      }
      grants.push({ clientAppId: app.appId, resourceAppId: GRAPH_APP, consentType: "AllPrincipals", scope: scopes.map((x) => x.replace(/^https:\/\/graph\.microsoft\.com\//, "")).join(" ") });
    }
    const code = randomBytes(48).toString("base64url");
    codes.set(code, {
      clientId: app.appId,
      redirectUri,
      codeChallenge: challenge,
      nonce: params.get("nonce") ?? undefined,
      tenantId: tenant.id,
      userId: user.id,
      scopes,
      exp: Date.now() + 10 * 60_000,
      redeemed: false,
    });
    back({ code, session_state: randomUUID() });
  }

  /** The authorization_code grant: client secret, one-use code, same redirect URI, PKCE verifier. */
  function redeemCode(form: URLSearchParams, tenantSeg: string, finish: (s: number, b: unknown, h?: Record<string, string>, code?: number) => void, req: http.IncomingMessage) {
    let clientId = form.get("client_id") ?? "";
    let clientSecret = form.get("client_secret");
    const basic = /^Basic\s+(.+)$/i.exec(String(req.headers.authorization ?? ""));
    if (basic) {
      const [id, sec] = Buffer.from(basic[1]!, "base64").toString("utf8").split(":");
      clientId = decodeURIComponent(id ?? "");
      clientSecret = decodeURIComponent(sec ?? "");
    }
    const app = registry.apps.find((a) => a.appId.toLowerCase() === clientId.toLowerCase());
    if (!app) return tokenError(finish, 400, "unauthorized_client", 700016, `Application with identifier '${clientId}' was not found in the directory.`, req);
    const match = app.secrets.find((x) => x.value === clientSecret);
    if (!match) return tokenError(finish, 401, "invalid_client", 7000215, `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${app.appId}'.`, req);
    if (Date.parse(match.endDateTime) <= Date.now()) return tokenError(finish, 401, "invalid_client", 7000222, `The provided client secret keys for app '${app.appId}' are expired.`, req);
    const codeValue = form.get("code") ?? "";
    const code = codes.get(codeValue);
    if (!code || code.clientId !== app.appId) {
      return tokenError(finish, 400, "invalid_grant", 9002313, "Invalid request. Request is malformed or invalid. - The reason: The provided authorization code is not valid.", req);
    }
    if (code.redeemed) return tokenError(finish, 400, "invalid_grant", 54005, "OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.", req);
    code.redeemed = true;
    if (code.exp <= Date.now()) return tokenError(finish, 400, "invalid_grant", 70008, "The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.", req);
    const seg = tenantSeg.toLowerCase();
    if (!["common", "organizations"].includes(seg) && findTenant(seg)?.id !== code.tenantId) {
      return tokenError(finish, 400, "invalid_grant", 50020, "The authorization code was issued for another tenant.", req);
    }
    if ((form.get("redirect_uri") ?? "") !== code.redirectUri) {
      return tokenError(finish, 400, "invalid_grant", 500112, "The reply address does not match the reply address provided when requesting the authorization code.", req);
    }
    const verifier = form.get("code_verifier") ?? "";
    if (!verifier || createHash("sha256").update(verifier).digest("base64url") !== code.codeChallenge) {
      return tokenError(finish, 400, "invalid_grant", 501481, "The Code_Verifier does not match the code_challenge supplied in the authorization request.", req);
    }
    const tenant = registry.tenants.find((t) => t.id === code.tenantId)!;
    const user = tenant.users!.find((u) => u.id === code.userId)!;
    // Delegated scopes: what was asked (Graph's short names), within what the tenant consented to for this client.
    const consented = new Set((tenant.grants ?? []).filter((g) => g.clientAppId === app.appId && g.resourceAppId === GRAPH_APP && (g.consentType === "AllPrincipals" || g.principalId === user.id)).flatMap((g) => g.scope.split(" ")));
    const asked = code.scopes.map((x) => x.replace(/^https:\/\/graph\.microsoft\.com\//, "")).filter((x) => !["openid", "profile", "offline_access", "email"].includes(x));
    const missing = app.homeTenantId === tenant.id ? [] : asked.filter((x) => !consented.has(x));
    if (missing.length) {
      return tokenError(finish, 400, "invalid_grant", 65001, `The user or administrator has not consented to use the application with ID '${app.appId}' named '${app.displayName}'. Send an interactive authorization request for this user and resource.`, req, "consent_required");
    }
    const now = Math.floor(Date.now() / 1000);
    const scp = asked;
    const access = {
      aud: GRAPH_RESOURCE, iss: `https://sts.windows.net/${tenant.id}/`, iat: now, nbf: now, exp: now + 3599,
      appid: app.appId, name: user.displayName, oid: user.id, scp: scp.join(" "), tid: tenant.id, upn: user.upn, ver: "1.0",
    };
    const accessToken = `${b64url({ typ: "JWT", alg: "RS256", kid: "fake-entra-key" })}.${b64url(access)}.fake-signature-not-valid`;
    tokens.set(accessToken, { tid: tenant.id, appId: app.appId, aud: GRAPH_RESOURCE, exp: access.exp, scp, userId: user.id });
    const idClaims: Record<string, unknown> = {
      aud: app.appId, iss: `https://${issuerHost}/${tenant.id}/v2.0`, iat: now, nbf: now, exp: now + 3600,
      name: user.displayName, oid: user.id, preferred_username: user.upn, sub: user.id, tid: tenant.id, ver: "2.0",
    };
    if (code.nonce) idClaims.nonce = code.nonce;
    const idToken = `${b64url({ typ: "JWT", alg: "RS256", kid: "fake-entra-key" })}.${b64url(idClaims)}.fake-signature-not-valid`;
    return finish(200, {
      token_type: "Bearer",
      scope: scp.map((x) => `https://graph.microsoft.com/${x}`).join(" "),
      expires_in: 3599,
      ext_expires_in: 3599,
      access_token: accessToken,
      id_token: idToken,
      client_info: b64url({ uid: user.id, utid: tenant.id }),
    });
  }

  function pickerPage(params: URLSearchParams, app: FakeApp): string {
    const hidden = [...params.entries()].filter(([k]) => k !== "account" && k !== "choice").map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`).join("");
    const accounts = [
      ...registry.tenants.flatMap((t) => (t.users ?? []).map((u) => ({ upn: u.upn, label: `${u.displayName} — ${u.directoryRoles.join(", ") || "no directory role"}` }))),
      ...(registry.personalAccounts ?? []).map((p) => ({ upn: p.upn, label: `${p.displayName} — personal Microsoft account` })),
    ];
    const buttons = accounts.map((a) => `<li><button type="submit" name="account" value="${escapeHtml(a.upn)}">${escapeHtml(a.upn)}</button> <small>${escapeHtml(a.label)}</small></li>`).join("");
    return `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Sign in to your account (fake)</title></head><body><main><h1>Pick an account</h1><p>to continue to ${escapeHtml(app.displayName)}. This is the local fake Microsoft sign-in page: every account is fake.</p><form method="post"><ul>${buttons}</ul>${hidden}<button type="submit" name="choice" value="cancel">Cancel</button></form></main></body></html>`;
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
      const auth = String(req.headers.authorization ?? "");
      if (!auth) return graphError(finish, req, 401, "InvalidAuthenticationToken", "Access token is empty.");
      const tok = tokens.get(auth.replace(/^Bearer\s+/i, ""));
      if (!tok) return graphError(finish, req, 401, "InvalidAuthenticationToken", "IDX14100: JWT is not well formed, there are no dots (.).");
      if (tok.aud !== GRAPH_RESOURCE) return graphError(finish, req, 401, "InvalidAuthenticationToken", "Access token validation failure. Invalid audience.");
      if (tok.exp < Date.now() / 1000) return graphError(finish, req, 401, "InvalidAuthenticationToken", "Lifetime validation failed, the token is expired.");
      const denied = () => graphError(finish, req, 403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.");
      const tenant = registry.tenants.find((t) => t.id === tok.tid);
      const fault = (tenant?.graphFaults ?? []).find((f) => (f.times ?? Infinity) > 0 && parts.join("/").includes(f.path));
      if (fault) {
        if (fault.times !== undefined) fault.times--;
        if (fault.body !== undefined) return finish(fault.status, fault.body, fault.retryAfter !== undefined ? { "retry-after": fault.retryAfter } : {});
        return graphError(finish, req, fault.status, fault.code, fault.message, fault.retryAfter !== undefined ? { "retry-after": fault.retryAfter } : {});
      }
      // Delegated: the intersection of the token's scopes and the signed-in user's directory roles.
      const delegatedMay = (scopes: string[]) => {
        if (!tok.userId) return false;
        if (!scopes.some((x) => tok.scp?.includes(x))) return false;
        const user = tenant?.users?.find((u) => u.id === tok.userId);
        return !!user && user.directoryRoles.some((r) => READER_ROLES.includes(r));
      };
      const byAppId = (seg: string, entity: string) => {
        const m = new RegExp(`^${entity}\\(appId='([^']*)'\\)$`).exec(seg);
        return m ? m[1]! : undefined;
      };
      const seg = parts[1] ?? "";
      const appIdOfApplication = byAppId(seg, "applications");
      if (appIdOfApplication !== undefined && parts.length === 2) {
        const appId = appIdOfApplication;
        if (!GUID.test(appId)) return graphError(finish, req, 400, "Request_BadRequest", `Invalid object identifier '${appId}'.`);
        // Microsoft checks authorization before it looks the object up: without a permission that
        // reads applications the answer is 403, whether or not the app exists in this tenant.
        if (tok.userId) {
          if (!delegatedMay(["Application.Read.All", "Application.ReadWrite.All", "Directory.Read.All"])) return denied();
        } else if (!(tok.roles ?? []).some((r) => GRAPH_APP_READERS.includes(r))) {
          return denied();
        }
        const app = registry.apps.find((a) => a.appId.toLowerCase() === appId.toLowerCase() && a.homeTenantId === tok.tid);
        if (!app) {
          return graphError(finish, req, 404, "Request_ResourceNotFound", `Resource '${appId}' does not exist or one of its queried reference-property objects are not present.`);
        }
        if (app.graphAccess === "unavailable") {
          return finish(503, { error: { code: "serviceNotAvailable", message: "The service is temporarily unavailable. Please retry later." } }, { "retry-after": "10" });
        }
        if (!tok.userId && app.graphAccess === "deny") return denied();
        const select = url.searchParams.get("$select")?.split(",").map((x) => x.trim()).filter(Boolean);
        return finish(200, applicationJson(app, select));
      }
      // Service principals (delegated reads in this fake).
      const spAppId = byAppId(seg, "servicePrincipals");
      const spById = seg === "servicePrincipals" ? parts[2] : undefined;
      if (spAppId !== undefined || spById !== undefined) {
        if (!tok.userId) return denied();
        const sps = tenant ? servicePrincipalsOf(tenant) : [];
        const sp = spAppId !== undefined ? sps.find((x) => x.appId.toLowerCase() === spAppId.toLowerCase()) : sps.find((x) => x.id === spById);
        const rest = spAppId !== undefined ? parts.slice(2) : parts.slice(3);
        if (rest.length === 0) {
          if (!delegatedMay(["Application.Read.All", "Application.ReadWrite.All", "Directory.Read.All"])) return denied();
          if (!sp) return graphError(finish, req, 404, "Request_ResourceNotFound", `Resource '${spAppId ?? spById}' does not exist or one of its queried reference-property objects are not present.`);
          return finish(200, { "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#servicePrincipals/$entity", ...sp });
        }
        if (rest.length === 1 && rest[0] === "oauth2PermissionGrants") {
          if (!delegatedMay(["Directory.Read.All"])) return denied();
          if (!sp) return graphError(finish, req, 404, "Request_ResourceNotFound", `Resource '${spAppId ?? spById}' does not exist or one of its queried reference-property objects are not present.`);
          // Paged like Graph: 100 per page unless $top (1–999) says otherwise, and an @odata.nextLink
          // with an opaque $skiptoken on the host the client called.
          const topParam = url.searchParams.get("$top");
          const top = topParam === null ? 100 : /^\d{1,4}$/.test(topParam) ? Number(topParam) : NaN;
          if (!(top >= 1 && top <= 999)) {
            return graphError(finish, req, 400, "Request_BadRequest", `Invalid page size specified: '${topParam ?? ""}'. Must be between 1 and 999 inclusive.`);
          }
          const skipParam = url.searchParams.get("$skiptoken");
          const skip = skipParam === null ? 0 : skipTokenOffset(skipParam);
          if (skip === undefined) return graphError(finish, req, 400, "Request_BadRequest", "The specified page token value has expired or is invalid.");
          const all = (tenant?.grants ?? [])
            .filter((g) => g.clientAppId.toLowerCase() === sp.appId.toLowerCase())
            .map((g) => ({
              clientId: sp.id,
              consentType: g.consentType,
              id: createHash("sha256").update(`${tenant!.id}${g.clientAppId}${g.resourceAppId}${g.principalId ?? ""}`).digest("base64url").slice(0, 43),
              principalId: g.consentType === "Principal" ? g.principalId ?? null : null,
              resourceId: servicePrincipalId(g.resourceAppId, tenant!.id),
              scope: g.scope,
            }));
          const value = all.slice(skip, skip + top);
          const page: Record<string, unknown> = { "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#oauth2PermissionGrants", value };
          if (skip + top < all.length) {
            // Graph writes the query options with a literal "$" (the token is base64url: nothing to escape).
            const query = `${topParam !== null ? `$top=${top}&` : ""}$skiptoken=${skipToken(skip + top)}`;
            page["@odata.nextLink"] = `http://${String(req.headers.host ?? "graph.microsoft.com")}${url.pathname}?${query}`;
          }
          return finish(200, page);
        }
      }
      return graphError(finish, req, 400, "BadRequest", `Resource not found for the segment '${seg}'.`);
    }

    // --- authorize (delegated sign-in): a small account picker, then a redirect with a code ---
    if (parts[1] === "oauth2" && parts[2] === "v2.0" && parts[3] === "authorize") {
      const params = method === "POST" ? new URLSearchParams(body) : url.searchParams;
      return authorize(params, method === "POST", tenantSegOf(parts), finish, req);
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
      if (new URLSearchParams(body).get("grant_type") === "authorization_code") return redeemCode(new URLSearchParams(body), tenantSeg, finish, req);
      if (!GUID.test(tenantSeg) && !DOMAIN.test(tenantSeg)) {
        return tokenError(finish, 400, "invalid_request", 900023, `Specified tenant identifier '${tenantSeg}' is neither a valid DirectoryName nor a valid ObjectId.`, req);
      }
      const tenant = findTenant(tenantSeg);
      if (!tenant) {
        return tokenError(finish, 400, "invalid_tenant", 90002, `Tenant '${tenantSeg}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`, req);
      }
      const form = new URLSearchParams(body);
      if (form.get("grant_type") !== "client_credentials") {
        return tokenError(finish, 400, "unsupported_grant_type", 70003, "The app requested an unsupported grant type (this fake knows client_credentials and authorization_code).", req);
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
        return tokenError(finish, e.status, e.error, e.code, e.message, req, undefined, e.retryAfter !== undefined ? { "retry-after": e.retryAfter } : {});
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
      // No consent check here: as at Microsoft, client credentials prove the credentials and the
      // tenant, not consent (an app with only delegated permissions and no admin consent gets a
      // token without roles). Consent is enforced in the authorization-code flow (redeemCode).
      const now = Math.floor(Date.now() / 1000);
      const roles = resource !== GRAPH_RESOURCE ? [] : app.homeTenantId === tenant.id ? app.graphAppRoles ?? [] : app.graphAppRolesByTenant?.[tenant.id] ?? [];
      const payload = {
        ...(roles.length ? { roles } : {}),
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
      tokens.set(accessToken, { tid: tenant.id, appId: app.appId, aud: resource, exp: payload.exp, roles });
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
    console.log("Usage: tsx dev/fake-entra.ts [--port N] [--host H]\nEnv: FAKE_ENTRA_PORT, FAKE_ENTRA_HOST, FAKE_ENTRA_BEHAVIOUR, FAKE_ENTRA_DELAY_MS, FAKE_ENTRA_REGISTRY");
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
    ["no admin consent (token still issued)", T.contoso.id, A.consent.appId, A.consent.secret],
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

if (/dev[\\/]fake-entra\.ts$/.test(process.argv[1] ?? "")) {
  main().catch((e: unknown) => {
    console.error(`fake entra: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  });
}
