// Who the app is: manifest format, client ID, tenant, supported account types.
import { AUDIENCES, AUDIENCE_LABELS, KNOWN_RESOURCES, REQUIRED_AUDIENCE, LIMITS, type Audience } from "../constants";
import type { Registration } from "../manifest";
import { makeCheck, type Check } from "../report";
import { isGuid, listOf, LOOKALIKE_DASHES, quote, quoteCode, stripEnds, trimAll } from "../text";
import type { RuleContext } from "./context";

export function manifestFormat(ctx: RuleContext): Check {
  const m = ctx.input.manifest;
  if (!m) return makeCheck("manifest.format", "skip", "No manifest given. Paste the app's manifest to check every step at once.");
  const fmt =
    m.format === "graph" ? "Microsoft Graph format (the portal's default)" : m.format === "legacy" ? "legacy Azure AD Graph format" : "a mix of both formats";
  const who = [m.displayName ? `app ${quote(m.displayName, 60)}` : "", m.appId ? `appId ${quote(m.appId, 60)}` : ""].filter(Boolean).join(", ");
  const base = `Read the manifest: ${fmt}${who ? `, ${who}` : ""}.`;
  const problems: string[] = [];
  const fixes: string[] = [];
  const withText = m.secrets.filter((s) => s.secretText !== undefined).length;
  if (withText > 0) {
    problems.push(`It contains the value of ${withText === 1 ? "a client secret" : `${withText} client secrets`} (secretText). The value was not shown or kept here.`);
    fixes.push("Don't share manifests that contain a secret value; if this one was shared, delete that secret and create a new one under Certificates & secrets.");
  }
  if (m.notes.length > 0) {
    problems.push(listOf(m.notes, 3));
    if (m.notes.some((n) => n.startsWith("Ignored"))) fixes.push("Copy the manifest again from the app's Manifest page, unedited, so every field can be checked.");
  }
  if (fixes.length > 0) return makeCheck("manifest.format", "warn", `${base} ${problems.join(" ")}`, fixes.join(" "));
  return makeCheck("manifest.format", "pass", problems.length ? `${base} ${problems.join(" ")}` : base);
}

type IdVerdict = { status: "pass" | "warn" | "fail"; detail: string; fix?: string };

/** What a GUID is known to be, from the manifest and Microsoft's own apps (the first that matches). */
type GuidRole = { kind: "appId" | "objectId" | "secretId" } | { kind: "resource"; name: string };

function knownGuid(v: string, m: Registration | undefined): GuidRole | undefined {
  if (m?.appId && trimAll(m.appId).toLowerCase() === v) return { kind: "appId" };
  if (m?.objectId && trimAll(m.objectId).toLowerCase() === v) return { kind: "objectId" };
  if (m?.secrets.some((s) => s.keyId && s.keyId.toLowerCase() === v)) return { kind: "secretId" };
  const name = KNOWN_RESOURCES[v];
  return name ? { kind: "resource", name } : undefined;
}

export function describeIdMistake(value: string, ctx: RuleContext): IdVerdict | undefined {
  const v = trimAll(value).toLowerCase();
  const role = knownGuid(v, ctx.input.manifest);
  // The manifest's appId is the client ID: nothing is wrong with it, and it settles which of a client
  // ID and tenant given as the same GUID is right.
  if (role?.kind === "appId") return undefined;
  if (role?.kind === "objectId") {
    return {
      status: "fail",
      detail: `${quote(value)} is the app's Object ID, not its Application (client) ID.`,
      fix: "Copy the Application (client) ID from the app's Overview page (the manifest's appId), not the Object ID.",
    };
  }
  if (role?.kind === "secretId") {
    return {
      status: "fail",
      detail: `${quote(value)} is the Secret ID of one of the app's client secrets, not the client ID.`,
      fix: "Copy the Application (client) ID from the app's Overview page.",
    };
  }
  if (role?.kind === "resource") {
    return {
      status: "fail",
      detail: `${quote(value)} is the application ID of ${role.name}, Microsoft's own app (the API your app asks permissions on), not your app's client ID.`,
      fix: "Copy the Application (client) ID from your app's Overview page (App registrations → your app).",
    };
  }
  if (ctx.input.tenant && trimAll(ctx.input.tenant).toLowerCase() === v && isGuid(v)) return sameGuidBothWays(v);
  return undefined;
}

/** The client ID and the tenant are the same GUID: one of them was copied from the wrong line. */
function sameGuidBothWays(v: string): IdVerdict {
  return {
    status: "fail",
    detail: `The client ID and the tenant you gave are the same GUID (${v}): on the app's Overview page the Application (client) ID and the Directory (tenant) ID are two different lines, so one of them was copied from the wrong one.`,
    fix: "On the app's Overview page, copy the Application (client) ID into the client ID and the Directory (tenant) ID into the tenant.",
  };
}

const TENANT_IS: Record<"appId" | "objectId" | "secretId", string> = {
  appId: "the app's Application (client) ID (the manifest's appId), not the Directory (tenant) ID",
  objectId: "the app's Object ID, not the Directory (tenant) ID",
  secretId: "the Secret ID of one of the app's client secrets, not the Directory (tenant) ID",
};

/** A GUID given as the tenant that is known to be something else: the app's IDs, a Secret ID, Microsoft's apps. */
export function describeTenantMistake(v: string, ctx: RuleContext): IdVerdict | undefined {
  const role = knownGuid(v, ctx.input.manifest);
  if (role) {
    const what = role.kind === "resource" ? `the application ID of ${role.name}, Microsoft's own app, not a tenant` : TENANT_IS[role.kind];
    return { status: "fail", detail: `The tenant ${v} is ${what}.`, fix: "On the app's Overview page, copy the Directory (tenant) ID." };
  }
  const typed = ctx.input.clientId !== undefined ? trimAll(ctx.input.clientId).toLowerCase() : undefined;
  if (typed === v) return sameGuidBothWays(v);
  return undefined;
}

export function judgeClientId(value: string, label: string): IdVerdict {
  const t = trimAll(value);
  if (isGuid(t)) {
    if (t !== value) {
      return {
        status: "warn",
        detail: `${label} ${quote(value)} is a GUID but has spaces or invisible characters around it.`,
        fix: `Enter it without the surrounding spaces: ${t}`,
      };
    }
    return { status: "pass", detail: `${label} ${t} is a GUID.` };
  }
  const inner = stripEnds(t, "{(<\"'`", "})>\"'`");
  if (isGuid(inner)) {
    return {
      status: "fail",
      detail: `${label} ${quote(value)} has extra characters around the GUID.`,
      fix: `Enter just the GUID: ${inner}`,
    };
  }
  const dashed = t.replace(LOOKALIKE_DASHES, "-");
  if (dashed !== t && isGuid(dashed)) {
    return {
      status: "fail",
      detail: `${label} ${quoteCode(value, 80)} has dashes that only look like hyphens (pasted through a word processor or chat, they often change): Microsoft would not recognise it.`,
      fix: `Enter it with plain hyphens: ${dashed}`,
    };
  }
  const what = /^https?:\/\//i.test(t)
    ? "a URL"
    : /^[0-9a-f]{32}$/i.test(t)
      ? "32 hex digits without the dashes"
      : t.length < 36 && /^[0-9a-f-]+$/i.test(t)
        ? "too short for a GUID (part of it may be missing)"
        : /[0-9a-f-]{37,}/i.test(t)
          ? "too long for a GUID"
          : "not a GUID";
  return {
    status: "fail",
    detail: `${label} ${quoteCode(value, 80)} is ${what}; a client ID looks like 00000000-0000-0000-0000-000000000000.`,
    fix: "Copy the Application (client) ID from the app's Overview page in the Azure portal (App registrations → your app).",
  };
}

export function clientIdFormat(ctx: RuleContext): Check {
  const typed = ctx.input.clientId;
  const appId = ctx.input.manifest?.appId;
  if (typed === undefined && appId === undefined) {
    return makeCheck("client-id.format", "skip", "No client ID given and no appId in a manifest.");
  }
  const verdicts: IdVerdict[] = [];
  if (typed !== undefined) verdicts.push(describeIdMistake(typed, ctx) ?? judgeClientId(typed, "The client ID"));
  const same = typed !== undefined && appId !== undefined && trimAll(typed).toLowerCase() === trimAll(appId).toLowerCase();
  if (appId !== undefined && !(same && typed === appId)) verdicts.push(judgeClientId(appId, "The manifest's appId"));
  const rank = { pass: 0, warn: 1, fail: 2 } as const;
  const w = verdicts.reduce((a, b) => (rank[b.status] > rank[a.status] ? b : a));
  const detail = verdicts.map((v) => v.detail).join(" ");
  return makeCheck("client-id.format", w.status, detail, w.fix ?? verdicts.find((v) => v.fix)?.fix);
}

export function clientIdMatch(ctx: RuleContext): Check {
  const typed = ctx.input.clientId;
  const appId = ctx.input.manifest?.appId;
  if (typed === undefined || appId === undefined) {
    return makeCheck("client-id.match", "skip", "Needs both a client ID and a manifest to compare.");
  }
  if (trimAll(typed).toLowerCase() === trimAll(appId).toLowerCase()) {
    return makeCheck("client-id.match", "pass", `The client ID you entered is the manifest's appId (${trimAll(appId)}).`);
  }
  return makeCheck(
    "client-id.match",
    "fail",
    `The client ID you entered, ${quote(typed, 60)}, is not the manifest's appId, ${quote(appId, 60)}: they describe different apps, or one was copied from the wrong field.`,
    "Use the Application (client) ID of the app whose manifest you pasted, and enter the same value in the Codat Portal.",
  );
}

export type TenantVerdict =
  | { ok: true; value: string; whitespace: boolean }
  | { ok: false; reason: string; fix: string };

const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

/** GUID or domain-name syntax only, so a tenant can never change the host or path of a request. */
export function validateTenant(raw: string): TenantVerdict {
  const t = trimAll(raw);
  const lower = t.toLowerCase();
  const fixGeneric =
    "Enter the Directory (tenant) ID from the app's Overview page (a GUID), or a verified domain of the tenant such as contoso.onmicrosoft.com.";
  if (isGuid(t)) return { ok: true, value: lower, whitespace: t !== raw };
  if (["common", "organizations", "consumers"].includes(lower)) {
    return {
      ok: false,
      reason: `${quote(raw)} is not one tenant but a group of them; a client-credentials sign-in needs the actual tenant (msal refuses "${lower}").`,
      fix: fixGeneric,
    };
  }
  const url = /^https?:\/\/login\.(?:microsoftonline\.com|windows\.net|microsoft\.com)\/([^/?#\s]+)/i.exec(t);
  if (url) {
    const inner = url[1]!;
    const ok = isGuid(inner) || DOMAIN.test(inner);
    return {
      ok: false,
      reason: `${quote(raw, 80)} is a sign-in URL, not a tenant.`,
      fix: ok ? `Enter just the tenant: ${inner.toLowerCase()}` : fixGeneric,
    };
  }
  const inner = stripEnds(t, "{(<\"'`", "})>\"'`");
  if (inner !== t && (isGuid(inner) || DOMAIN.test(inner))) {
    return { ok: false, reason: `${quote(raw)} has extra characters around the tenant.`, fix: `Enter just ${inner.toLowerCase()}` };
  }
  if (DOMAIN.test(t)) return { ok: true, value: lower, whitespace: t !== raw };
  if (/@/.test(t)) {
    const domain = t.split("@").pop() ?? "";
    return {
      ok: false,
      reason: `${quote(raw, 80)} is an email address, not a tenant.`,
      fix: DOMAIN.test(domain) ? `Try the domain alone (${domain.toLowerCase()}) or, better, the Directory (tenant) ID.` : fixGeneric,
    };
  }
  return { ok: false, reason: `${quoteCode(raw, 80)} is neither a GUID nor a domain name.`, fix: fixGeneric };
}

export function tenantFormat(ctx: RuleContext): Check {
  const raw = ctx.input.tenant;
  if (raw === undefined) {
    const pd = ctx.input.manifest?.publisherDomain;
    return makeCheck(
      "tenant.format",
      "skip",
      pd
        ? `No tenant given; the manifest's publisher domain ${quote(pd, 80)} is used for live checks and the consent link.`
        : "No tenant given (the Directory (tenant) ID on the app's Overview page).",
    );
  }
  const v = validateTenant(raw);
  if (!v.ok) return makeCheck("tenant.format", "fail", v.reason, v.fix);
  const mistake = isGuid(v.value) ? describeTenantMistake(v.value, ctx) : undefined;
  if (mistake) return makeCheck("tenant.format", mistake.status, mistake.detail, mistake.fix);
  if (v.whitespace) {
    return makeCheck("tenant.format", "warn", `The tenant ${quote(raw)} has spaces or invisible characters around it.`, `Enter it without them: ${v.value}`);
  }
  return makeCheck(
    "tenant.format",
    "pass",
    isGuid(v.value) ? `The tenant ${v.value} is a GUID (Directory (tenant) ID).` : `The tenant ${v.value} is a domain name.`,
  );
}

function audienceFix(reg: Registration | undefined): string {
  // Microsoft documents the manifest as the way to change an existing app's account type: the
  // Authentication page cannot switch an app to (or from) one that takes personal accounts.
  // Today's Manifest page shows the Microsoft Graph format; a pasted legacy manifest gets its name too.
  const version = reg?.format === "legacy" ? '"api.requestedAccessTokenVersion" ("accessTokenAcceptedVersion" in the older format you pasted)' : '"api.requestedAccessTokenVersion"';
  const steps = [
    `open the app's Manifest page, set "signInAudience" to "${REQUIRED_AUDIENCE}" (the portal's "${AUDIENCE_LABELS[REQUIRED_AUDIENCE]}") and Save`,
  ];
  if (!reg || reg.accessTokenVersion === undefined) {
    steps.push(`in the same edit, if ${version} is null or 1, set it to 2, or the portal refuses the change`);
  } else if (reg.accessTokenVersion !== 2) {
    steps.push(`in the same edit set ${version} to 2 (it is ${reg.accessTokenVersion ?? "null"}), or the portal refuses the change`);
  }
  const first =
    reg && reg.secrets.length > LIMITS.secretsForPersonalAccounts
      ? `In Certificates & secrets, delete client secrets until at most ${LIMITS.secretsForPersonalAccounts} remain (this account type allows no more). Then `
      : "";
  const text = `${first}${steps.join("; ")}. The Authentication page then shows the new account type.`;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function judgeAudience(value: string, where: string, reg?: Registration): { status: "pass" | "warn" | "fail"; detail: string; fix?: string } {
  const known = (AUDIENCES as readonly string[]).includes(value) ? (value as Audience) : undefined;
  if (value === REQUIRED_AUDIENCE) {
    if (reg && reg.accessTokenVersion !== undefined && reg.accessTokenVersion !== 2) {
      return {
        status: "warn",
        detail: `${where} ${REQUIRED_AUDIENCE}, but the access token version is ${reg.accessTokenVersion ?? "null (v1)"}; this account type needs version 2.`,
        fix: `Set ${reg.format === "legacy" ? '"accessTokenAcceptedVersion"' : '"api.requestedAccessTokenVersion"'} to 2 in the manifest and save.`,
      };
    }
    return { status: "pass", detail: `${where} ${REQUIRED_AUDIENCE} ("${AUDIENCE_LABELS[REQUIRED_AUDIENCE]}").` };
  }
  const why =
    known === "AzureADMyOrg"
      ? "single tenant: only accounts of your own directory can sign in, so your customers' Business Central accounts cannot"
      : known === "AzureADMultipleOrgs"
        ? "work and school accounts only; the guide asks for personal Microsoft accounts as well"
        : known === "PersonalMicrosoftAccount"
          ? "personal accounts only: work accounts, which Business Central uses, cannot sign in"
          : "not an account type Microsoft knows";
  return {
    status: "fail",
    detail: `${where} ${quote(value, 60)}${known ? ` ("${AUDIENCE_LABELS[known]}")` : ""}: ${why}.`,
    fix: audienceFix(reg),
  };
}

export function signInAudience(ctx: RuleContext): Check {
  const typed = ctx.input.signInAudience;
  const reg = ctx.input.manifest;
  const fromManifest = reg?.signInAudience;
  if (typed === undefined && fromManifest === undefined) {
    return makeCheck(
      "sign-in-audience",
      "skip",
      reg ? "The manifest has no signInAudience." : "No account type given and no manifest.",
    );
  }
  const verdicts = [];
  if (typed !== undefined) verdicts.push(judgeAudience(typed, "You chose", reg));
  if (fromManifest !== undefined) verdicts.push(judgeAudience(fromManifest, "The manifest has", reg));
  const rank = { pass: 0, warn: 1, fail: 2 } as const;
  const w = verdicts.reduce((a, b) => (rank[b.status] > rank[a.status] ? b : a));
  let detail = verdicts.map((v) => v.detail).join(" ");
  if (typed !== undefined && fromManifest !== undefined && typed !== fromManifest) {
    detail += ` The account type you chose and the manifest disagree; the manifest is what Microsoft uses.`;
  }
  return makeCheck("sign-in-audience", w.status, detail, w.fix);
}
