// Instant feedback while typing: the mistakes that need no server (GUID shape, a trailing slash, http,
// brackets or backticks pasted along, stray spaces, a GUID in the secret field). Client-safe and tiny
// on purpose: lib/verify's rules pull zod (~95 KB gzipped) into the browser, these helpers do not.
// The server's report stays the verdict; a hint here is only ever a nudge before submitting.
import { ACCESS_TOKEN_PATTERN, BC_RESOURCE_APP_ID, DOMAIN_NAME_PATTERN, GRAPH_RESOURCE_APP_ID, REQUIRED_REDIRECT_URI } from "../verify/constants";
import { isGuid, stripEnds, stripTrailingSlashes, trimAll } from "../verify/text";

export interface Hint {
  /** "error": certainly wrong; "warn": probably wrong; "ok": looks right. */
  level: "error" | "warn" | "ok";
  message: string;
}

const WRAP_OPEN = "<`\"'“”‘’[(";
const WRAP_CLOSE = ">`\"'“”‘’)]";
const unwrap = (s: string) => stripEnds(s, WRAP_OPEN, WRAP_CLOSE);

function wrapperNote(raw: string): string | undefined {
  const t = trimAll(raw);
  const found: string[] = [];
  if (/^[<]|[>]$/.test(t)) found.push("angle brackets < >");
  if (/^`|`$/.test(t)) found.push("a backtick (`)");
  if (/^["'“”‘’]|["'“”‘’]$/.test(t)) found.push("quotation marks");
  if (/^[[(]|[)\]]$/.test(t)) found.push("brackets");
  return found.length ? found.join(" and ") : undefined;
}

function spacesNote(raw: string): string | undefined {
  if (raw !== trimAll(raw)) return "spaces around it";
  if (/\s/.test(raw)) return "a space inside it";
  return undefined;
}

export function clientIdHint(raw: string): Hint | null {
  if (raw === "") return null;
  const t = trimAll(raw);
  const inner = unwrap(t);
  if (isGuid(t)) {
    const lower = t.toLowerCase();
    if (lower === BC_RESOURCE_APP_ID || lower === GRAPH_RESOURCE_APP_ID) {
      return { level: "error", message: `That is ${lower === BC_RESOURCE_APP_ID ? "Business Central's" : "Microsoft Graph's"} own application ID (from API permissions). Use your app's Application (client) ID from its Overview page.` };
    }
    return raw !== t ? { level: "warn", message: "Remove the spaces around the client ID." } : { level: "ok", message: "Looks like an application (client) ID." };
  }
  if (isGuid(inner)) return { level: "error", message: `Remove the ${wrapperNote(raw) ?? "characters"} around the client ID.` };
  if (/^https?:\/\//i.test(t) || t.startsWith("api://")) {
    return { level: "error", message: "That is a URI. The application (client) ID is the GUID on the app's Overview page." };
  }
  return { level: "error", message: "An application (client) ID is a GUID: 32 letters a–f and digits in groups of 8-4-4-4-12, like 0a1b2c3d-…-…" };
}

export function tenantHint(raw: string): Hint | null {
  if (raw === "") return null;
  const t = unwrap(trimAll(raw));
  const lower = t.toLowerCase();
  if (["common", "organizations", "consumers"].includes(lower)) {
    return { level: "error", message: `"${lower}" is not a tenant: use your Directory (tenant) ID from the app's Overview page.` };
  }
  if (/^https?:\/\//i.test(t)) return { level: "error", message: "Just the tenant ID or domain, not a URL." };
  if (isGuid(t) || DOMAIN_NAME_PATTERN.test(t)) {
    return raw !== t ? { level: "warn", message: "Remove the spaces or brackets around the tenant." } : { level: "ok", message: "Looks like a tenant." };
  }
  return { level: "error", message: "The tenant is the Directory (tenant) ID (a GUID) or a domain such as contoso.onmicrosoft.com." };
}

export function redirectUriHint(raw: string): Hint | null {
  if (raw === "") return null;
  if (raw === REQUIRED_REDIRECT_URI) return { level: "ok", message: "Exactly Codat's redirect URI." };
  const problems: string[] = [];
  const wrap = wrapperNote(raw);
  if (wrap) problems.push(`remove the ${wrap}`);
  const spaces = spacesNote(unwrap(raw));
  if (spaces) problems.push(`remove ${spaces}`);
  const s = unwrap(trimAll(raw)).replace(/\s+/g, "");
  if (/^http:\/\//i.test(s)) problems.push("use https://, not http://");
  else if (!/^https:\/\//i.test(s) && s.toLowerCase().includes("codat")) problems.push("start it with https://");
  const core = s.replace(/^https?:\/\//i, "");
  const required = REQUIRED_REDIRECT_URI.replace(/^https:\/\//, "");
  if (core.endsWith("/") && stripTrailingSlashes(core).toLowerCase() === required.toLowerCase()) problems.push("remove the trailing slash (/) at the end");
  const noSlash = stripTrailingSlashes(core);
  // Microsoft documents the path's letter case as significant; of the host's it says nothing (a warning).
  const slash = noSlash.indexOf("/");
  const pathCaseDiffers = slash >= 0 && noSlash.slice(slash) !== required.slice(required.indexOf("/"));
  const caseOnly = noSlash.toLowerCase() === required.toLowerCase() && noSlash !== required;
  if (caseOnly && pathCaseDiffers) problems.push("use lower case: Microsoft compares redirect URI paths letter for letter");
  if (problems.length > 0) return { level: "error", message: `${cap(problems.join("; "))}. It must be exactly ${REQUIRED_REDIRECT_URI}` };
  const schemeCase = /^https:\/\//i.test(s) && !s.startsWith("https://");
  if (caseOnly || (schemeCase && noSlash === required)) {
    return { level: "warn", message: `Write it in lower case, exactly ${REQUIRED_REDIRECT_URI}` };
  }
  if (noSlash.toLowerCase() !== required.toLowerCase()) {
    return { level: "warn", message: `This is not Codat's redirect URI. It must be exactly ${REQUIRED_REDIRECT_URI}` };
  }
  return null;
}

/** Never echoes any part of the secret. */
export function secretHint(raw: string, clientId?: string): Hint | null {
  if (raw === "") return null;
  const t = trimAll(raw);
  const inner = unwrap(t);
  if (clientId && inner.toLowerCase() === trimAll(clientId).toLowerCase()) {
    return { level: "error", message: "That is the client ID. Paste the secret's Value from Certificates & secrets." };
  }
  if (isGuid(inner)) {
    return {
      level: "error",
      message: "This looks like the Secret ID (a GUID), not the secret's Value. In Certificates & secrets, copy the Value column: it is shown only right after the secret is created.",
    };
  }
  if (ACCESS_TOKEN_PATTERN.test(t)) {
    return { level: "error", message: "This is an access token (eyJ…), not a client secret. Paste the secret's Value from Certificates & secrets." };
  }
  if (raw !== t) return { level: "warn", message: "Remove the spaces around the secret." };
  if (t.length < 30) return { level: "warn", message: `Current secret values are about 40 characters; this one has ${t.length}. Did you copy all of it?` };
  return null;
}

export function manifestHint(raw: string): Hint | null {
  if (trimAll(raw) === "") return null;
  try {
    const v: unknown = JSON.parse(raw);
    if (typeof v !== "object" || v === null || Array.isArray(v)) return { level: "error", message: "The manifest is a JSON object that starts with {." };
    const o = v as Record<string, unknown>;
    if (!("appId" in o) && !("requiredResourceAccess" in o)) {
      return { level: "warn", message: "This JSON has no appId or requiredResourceAccess: is it the app's manifest?" };
    }
    return { level: "ok", message: "Valid JSON." };
  } catch (e) {
    const msg = e instanceof Error ? e.message.replace(/^JSON\.parse: /, "") : "";
    return { level: "error", message: `Not valid JSON yet${msg ? ` (${msg})` : ""}. Copy the whole manifest, from the first { to the last }.` };
  }
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
