// Facts the checker relies on (see /work/shared/reference/azure-facts.md for their sources).
// Everything here is data: no logic; the only import is the step catalogue.

// The guide and its steps come from the step catalogue (a leaf module), so the checker, the data layer
// and the pages agree on ids, order and links.
export { GUIDE, GUIDE_PATH, STEPS, VERIFIABLE_STEPS, docsLink, type StepId, type VerifiableStep } from "../steps";

/** The one redirect URI Codat uses, registered on the Web platform. */
export const REQUIRED_REDIRECT_URI = "https://dynamics365businesscentral.codat.io/oauth/callback";
export const REQUIRED_REDIRECT_HOST = "dynamics365businesscentral.codat.io";
export const REQUIRED_REDIRECT_PATH = "/oauth/callback";

/** The account type the guide asks for, and how the portal words each choice. */
export const REQUIRED_AUDIENCE = "AzureADandPersonalMicrosoftAccount" as const;
export const AUDIENCES = [
  "AzureADMyOrg",
  "AzureADMultipleOrgs",
  "AzureADandPersonalMicrosoftAccount",
  "PersonalMicrosoftAccount",
] as const;
export type Audience = (typeof AUDIENCES)[number];
export const AUDIENCE_LABELS: Record<Audience, string> = {
  AzureADMyOrg: "Accounts in this organizational directory only (your directory's name only - Single tenant)",
  AzureADMultipleOrgs: "Accounts in any organizational directory (Any Microsoft Entra ID tenant - Multitenant)",
  AzureADandPersonalMicrosoftAccount:
    "Accounts in any organizational directory (Any Microsoft Entra ID tenant - Multitenant) and personal Microsoft accounts (e.g. Skype, Xbox)",
  PersonalMicrosoftAccount: "Personal Microsoft accounts only",
};

/** Dynamics 365 Business Central, the resource the app asks permissions on. */
export const BC_RESOURCE_APP_ID = "996def3d-b36c-4153-8607-a6fd3c01b89f";
export const BC_RESOURCE_URI = "https://api.businesscentral.dynamics.com";
export const BC_DEFAULT_SCOPE = `${BC_RESOURCE_URI}/.default`;
export const GRAPH_RESOURCE_APP_ID = "00000003-0000-0000-c000-000000000000";
export const GRAPH_DEFAULT_SCOPE = "https://graph.microsoft.com/.default";

export type PermissionType = "Scope" | "Role";
export interface KnownPermission {
  id: string;
  name: string;
  type: PermissionType;
  /** true when no Microsoft document confirms the GUID (facts file marks it unconfirmed). */
  unconfirmed?: boolean;
}

export const FINANCIALS_SCOPE: KnownPermission = {
  id: "2fb13c28-9d89-417f-9af2-ec3065bc16e6",
  name: "Financials.ReadWrite.All",
  type: "Scope",
};
export const USER_IMPERSONATION_SCOPE: KnownPermission = {
  id: "bce0976a-cb0b-473b-8800-84eda9f8e447",
  name: "user_impersonation",
  type: "Scope",
  unconfirmed: true,
};
export const BC_PERMISSIONS: readonly KnownPermission[] = [
  FINANCIALS_SCOPE,
  USER_IMPERSONATION_SCOPE,
  { id: "a42b0b75-311e-488d-b67e-8fe84f924341", name: "API.ReadWrite.All", type: "Role" },
  { id: "d365bc00-a990-0000-00bc-160000000001", name: "Automation.ReadWrite.All", type: "Role" },
  // Business Central's other two application roles, so a manifest holding one is told its name, not a
  // bare GUID (from public lists of Business Central's permissions, not from a Microsoft document).
  { id: "a20fe46f-4f63-4666-8e0e-9b882d90b837", name: "AdminCenter.ReadWrite.All", type: "Role", unconfirmed: true },
  { id: "3983b928-ed40-4111-bbad-e7910cf234bd", name: "app_access", type: "Role", unconfirmed: true },
];

/** Other resources people pick by mistake, or that the portal adds by default. */
export const KNOWN_RESOURCES: Record<string, string> = {
  [BC_RESOURCE_APP_ID]: "Dynamics 365 Business Central",
  [GRAPH_RESOURCE_APP_ID]: "Microsoft Graph",
  "00000002-0000-0000-c000-000000000000": "Azure Active Directory Graph (retired)",
  "00000007-0000-0000-c000-000000000000": "Dynamics CRM (Dataverse)",
  "00000015-0000-0000-c000-000000000000": "Dynamics ERP (Finance and Operations)",
};
/** Resources that look like Business Central in the portal's list but are not it. */
export const LOOKALIKE_RESOURCES = new Set([
  "00000007-0000-0000-c000-000000000000",
  "00000015-0000-0000-c000-000000000000",
]);
export const GRAPH_USER_READ_ID = "e1fd296f-fa3e-4f5d-b8a0-b2f2b5de6a62";

/** Limits from Microsoft's docs (reference-app-manifest.md, reply-url.md). */
export const LIMITS = {
  manifestBytes: 256 * 1024,
  jsonDepth: 64,
  redirectUris: 100,
  redirectUriLength: 256,
  permissionsPerResource: 30,
  secretsForPersonalAccounts: 2,
  secretWarnDays: 30,
} as const;

/** Current client-secret values: 3 chars (the portal's hint), a digit, "Q~", 31–34 more (gitleaks). */
export const SECRET_VALUE_PATTERN = /^[A-Za-z0-9_~.-]{3}[0-9]Q~[A-Za-z0-9_~.-]{31,34}$/;
export const GUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A domain name's syntax (labels of letters, digits and inner hyphens; a 2–63-letter top level). */
export const DOMAIN_NAME_PATTERN = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;
/** A JSON Web Token ("eyJ…", three dot-separated parts): what Microsoft issues, never a client secret. */
export const ACCESS_TOKEN_PATTERN = /^eyJ[\w-]+\.[\w-]+\.[\w-]*$/;

/** Time budget of all live requests of one verification. */
export const DEFAULT_LIVE_TIMEOUT_MS = 8000;

export const LOGIN_HOST = "https://login.microsoftonline.com";
export const GRAPH_HOST = "https://graph.microsoft.com";

/** The admin-consent link for the customer's own tenant. */
export function adminConsentUrl(tenant: string, clientId: string): string {
  return `${LOGIN_HOST}/${encodeURIComponent(tenant)}/adminconsent?client_id=${encodeURIComponent(clientId)}&redirect_uri=${encodeURIComponent(REQUIRED_REDIRECT_URI)}`;
}

/** How live.token's warning begins when Microsoft issued a token all the same (Business Central missing from the tenant). */
export const CREDENTIALS_PROVEN = "The tenant, client ID and secret are right (Microsoft issued a Microsoft Graph token).";

// Fix texts said by more than one check, so the rules and the live checks cannot drift apart.
/** This account type allows two secrets at most, so an expired one goes first (it works nowhere any more). */
export const EXPIRED_FIRST = `In the app's Certificates & secrets page, delete the expired secret first: an app that accepts personal Microsoft accounts, as this guide's does, can hold only ${LIMITS.secretsForPersonalAccounts} client secrets.`;
/** Business Central was never provisioned in the tenant (AADSTS500011, or no BC service principal). */
export const BC_NOT_IN_TENANT_FIX =
  "Sign up for Business Central (a trial or sandbox is fine) in this tenant, or use the tenant where your Business Central is.";
