// App manifests as people paste them: Microsoft Graph format (the portal's default since January
// 2025) and the legacy Azure AD Graph format, also the same object read live from Microsoft Graph.
// Parsing is lenient: a field of the wrong type is ignored and noted, never a crash.
import { z } from "zod";
import { LIMITS } from "./constants";
import { parseJson, utf8Length } from "./json";

export { utf8Length };

export type Platform = "web" | "spa" | "publicClient";
export interface RedirectEntry {
  uri: string;
  platform: Platform;
}
export interface ResourceAccess {
  id: string;
  type: string;
}
export interface RequiredResource {
  resourceAppId: string;
  access: ResourceAccess[];
}
export interface PasswordCredential {
  keyId?: string;
  displayName?: string;
  hint?: string;
  start?: string;
  end?: string;
  /** The manifest carried the secret's value itself (secretText / value): never quoted anywhere. */
  secretText?: string;
}
export interface Registration {
  source: "manifest" | "graph";
  format: "graph" | "legacy" | "mixed";
  objectId?: string;
  appId?: string;
  displayName?: string;
  publisherDomain?: string;
  signInAudience?: string;
  /** api.requestedAccessTokenVersion (Graph) or accessTokenAcceptedVersion (legacy); null = v1 default. */
  accessTokenVersion?: number | null;
  redirects: RedirectEntry[];
  resources: RequiredResource[];
  secrets: PasswordCredential[];
  /** What was ignored or odd, in words (wrong types, unwrapped Graph responses…). */
  notes: string[];
}

export type ManifestError = {
  code: "too_large" | "invalid_json" | "invalid_manifest" | "too_deep";
  message: string;
  line?: number;
  column?: number;
};
export type ManifestResult = { ok: true; registration: Registration } | { ok: false; error: ManifestError };

// Lenient building blocks: a wrong type becomes undefined (or the element is dropped).
const str = z.string().max(4096).optional().catch(undefined);
const strList = z
  .array(z.unknown())
  .optional()
  .catch(undefined)
  .transform((a) => (a ?? []).filter((x): x is string => typeof x === "string"));
const uris = z.object({ redirectUris: strList }).partial().optional().catch(undefined);

const manifestShape = z.object({
  id: str,
  appId: str,
  displayName: str,
  /** legacy format's display name */
  name: str,
  publisherDomain: str,
  signInAudience: str,
  accessTokenAcceptedVersion: z.number().nullable().optional().catch(undefined),
  api: z.object({ requestedAccessTokenVersion: z.number().nullable().optional().catch(undefined) }).optional().catch(undefined),
  web: uris,
  spa: uris,
  publicClient: uris,
  replyUrlsWithType: z
    .array(z.object({ url: z.string(), type: z.string().optional() }).nullable().catch(null))
    .optional()
    .catch(undefined),
  replyUrls: strList,
  requiredResourceAccess: z
    .array(
      z
        .object({
          resourceAppId: z.string(),
          resourceAccess: z
            .array(z.object({ id: z.string(), type: z.string() }).nullable().catch(null))
            .optional()
            .catch(undefined),
        })
        .nullable()
        .catch(null),
    )
    .optional()
    .catch(undefined),
  passwordCredentials: z
    .array(
      z
        .object({
          keyId: str,
          displayName: str,
          customKeyIdentifier: z.unknown().optional(),
          hint: str,
          startDateTime: str,
          endDateTime: str,
          startDate: str,
          endDate: str,
          secretText: z.string().nullable().optional().catch(undefined),
          value: z.string().nullable().optional().catch(undefined),
        })
        .nullable()
        .catch(null),
    )
    .optional()
    .catch(undefined),
});

/** Fields whose type we check, to say what was ignored. Path → expected type. */
const EXPECTED: [string, (v: unknown) => boolean, string][] = [
  ["appId", (v) => typeof v === "string", "a string"],
  ["signInAudience", (v) => typeof v === "string", "a string"],
  ["web", (v) => isObject(v), "an object"],
  ["spa", (v) => isObject(v), "an object"],
  ["publicClient", (v) => isObject(v), "an object"],
  ["replyUrlsWithType", Array.isArray, "a list"],
  ["requiredResourceAccess", Array.isArray, "a list"],
  ["passwordCredentials", Array.isArray, "a list"],
  ["api", (v) => isObject(v), "an object"],
];

const MARKERS = [
  "appId",
  "signInAudience",
  "web",
  "spa",
  "publicClient",
  "replyUrlsWithType",
  "replyUrls",
  "requiredResourceAccess",
  "passwordCredentials",
];

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function typeName(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "a list";
  if (typeof v === "object") return "an object";
  return `a ${typeof v}`;
}

/** Parses manifest text (or an object), enforcing the size limit. Never throws. */
export function parseManifest(input: unknown, source: Registration["source"] = "manifest", sourceBytes?: number): ManifestResult {
  let text: string;
  if (typeof input === "string") {
    text = input;
  } else if (isObject(input)) {
    try {
      text = JSON.stringify(input) ?? "";
    } catch (e) {
      return {
        ok: false,
        error: e instanceof RangeError
          ? { code: "too_deep", message: `The manifest is nested too deeply (more than ${LIMITS.jsonDepth} levels)` }
          : { code: "invalid_manifest", message: "The manifest could not be read as JSON (it refers to itself or holds values JSON cannot carry)" },
      };
    }
  } else {
    return {
      ok: false,
      error: { code: "invalid_manifest", message: `The manifest must be the app's JSON object ({ … }), not ${typeName(input)}` },
    };
  }
  // One limit on the manifest's JSON text however it comes: pasted (the text), or as an object inside the
  // API's body, where `sourceBytes` is its text as written there (pretty-printed or not) and the compact
  // re-serialization must not make a manifest over the limit pass.
  const bytes = Math.max(utf8Length(text), typeof input === "string" ? 0 : (sourceBytes ?? 0));
  if (bytes > LIMITS.manifestBytes) {
    return {
      ok: false,
      error: {
        code: "too_large",
        message: `The manifest is ${Math.ceil(bytes / 1024)} KB; the limit is ${LIMITS.manifestBytes / 1024} KB. Paste only the app's manifest.`,
      },
    };
  }
  const parsed = parseJson(text, { maxDepth: LIMITS.jsonDepth });
  if (!parsed.ok) {
    const deep = parsed.message.includes("nested more than");
    return {
      ok: false,
      error: {
        code: deep ? "too_deep" : "invalid_json",
        message: `The manifest is not valid JSON: ${parsed.message}`,
        line: parsed.line,
        column: parsed.column,
      },
    };
  }
  return normalizeManifest(parsed.value, source);
}

/** Turns a parsed JSON value into a Registration (both formats). Never throws. */
export function normalizeManifest(value: unknown, source: Registration["source"] = "manifest"): ManifestResult {
  const notes: string[] = [];
  let raw = value;
  // A Graph list response pasted from Graph Explorer: { "value": [ { …app… } ] }
  if (isObject(raw) && Array.isArray(raw.value) && !MARKERS.some((k) => isObject(raw) && k in raw)) {
    const apps = raw.value.filter(isObject);
    if (apps.length === 1) {
      raw = apps[0];
      notes.push('Read the one application inside the Graph response\'s "value" list.');
    } else if (apps.length > 1) {
      return {
        ok: false,
        error: { code: "invalid_manifest", message: `This Graph response lists ${apps.length} applications: paste the manifest of one app only` },
      };
    }
  }
  if (Array.isArray(raw)) {
    return {
      ok: false,
      error: { code: "invalid_manifest", message: "The manifest must be one JSON object ({ … }), not a list ([ … ])" },
    };
  }
  if (!isObject(raw)) {
    return {
      ok: false,
      error: { code: "invalid_manifest", message: `The manifest must be the app's JSON object ({ … }), not ${typeName(raw)}` },
    };
  }
  const obj = raw;
  if (!MARKERS.some((k) => Object.prototype.hasOwnProperty.call(obj, k))) {
    return {
      ok: false,
      error: {
        code: "invalid_manifest",
        message:
          "This JSON does not look like an app manifest (no appId, signInAudience, web, replyUrlsWithType or requiredResourceAccess). Copy it from the app's Manifest page in the Azure portal.",
      },
    };
  }

  for (const [key, ok, expected] of EXPECTED) {
    if (Object.prototype.hasOwnProperty.call(obj, key) && obj[key] !== null && obj[key] !== undefined && !ok(obj[key])) {
      notes.push(`Ignored "${key}": expected ${expected}, found ${typeName(obj[key])}.`);
    }
  }

  const m = manifestShape.safeParse(obj);
  // With every field lenient this cannot fail; keep the guard so a future edit cannot make it throw.
  if (!m.success) {
    return { ok: false, error: { code: "invalid_manifest", message: "The manifest's fields could not be read" } };
  }
  const d = m.data;

  const hasGraphShape = isObject(obj.web) || isObject(obj.spa) || isObject(obj.publicClient) || isObject(obj.api);
  const hasLegacyShape = Array.isArray(obj.replyUrlsWithType) || Array.isArray(obj.replyUrls) || "accessTokenAcceptedVersion" in obj;
  const format: Registration["format"] =
    hasGraphShape && hasLegacyShape ? "mixed" : hasLegacyShape ? "legacy" : "graph";
  if (format === "mixed") notes.push("The manifest mixes the Microsoft Graph and the legacy Azure AD Graph formats; both parts were read.");

  const redirects: RedirectEntry[] = [];
  const seen = new Set<string>();
  const add = (uri: string, platform: Platform) => {
    const k = `${platform}\u0000${uri}`;
    if (!seen.has(k)) {
      seen.add(k);
      redirects.push({ uri, platform });
    }
  };
  for (const u of d.web?.redirectUris ?? []) add(u, "web");
  for (const u of d.spa?.redirectUris ?? []) add(u, "spa");
  for (const u of d.publicClient?.redirectUris ?? []) add(u, "publicClient");
  let droppedReply = 0;
  for (const r of d.replyUrlsWithType ?? []) {
    if (!r) {
      droppedReply++;
      continue;
    }
    const t = (r.type ?? "Web").toLowerCase();
    add(r.url, t === "spa" ? "spa" : t === "installedclient" ? "publicClient" : "web");
  }
  if (droppedReply) notes.push(`Ignored ${droppedReply} entr${droppedReply === 1 ? "y" : "ies"} of "replyUrlsWithType" that had no "url" string.`);
  if (!d.replyUrlsWithType) for (const u of d.replyUrls) add(u, "web");

  const resources: RequiredResource[] = [];
  let droppedAccess = 0;
  for (const r of d.requiredResourceAccess ?? []) {
    if (!r) {
      droppedAccess++;
      continue;
    }
    const access: ResourceAccess[] = [];
    for (const a of r.resourceAccess ?? []) {
      if (a) access.push({ id: a.id, type: a.type });
      else droppedAccess++;
    }
    resources.push({ resourceAppId: r.resourceAppId, access });
  }
  if (droppedAccess) notes.push(`Ignored ${droppedAccess} entr${droppedAccess === 1 ? "y" : "ies"} of "requiredResourceAccess" without the expected "resourceAppId"/"id"/"type" strings.`);

  const secrets: PasswordCredential[] = [];
  for (const p of d.passwordCredentials ?? []) {
    if (!p) continue;
    const c: PasswordCredential = {};
    if (p.keyId) c.keyId = p.keyId;
    if (p.displayName) c.displayName = p.displayName;
    if (p.hint) c.hint = p.hint;
    const start = p.startDateTime ?? p.startDate;
    const end = p.endDateTime ?? p.endDate;
    if (start) c.start = start;
    if (end) c.end = end;
    const text = p.secretText ?? p.value;
    if (typeof text === "string" && text.length > 0) c.secretText = text;
    secrets.push(c);
  }

  const reg: Registration = { source, format, redirects, resources, secrets, notes };
  if (d.id) reg.objectId = d.id;
  if (d.appId !== undefined) reg.appId = d.appId;
  if (d.displayName ?? d.name) reg.displayName = (d.displayName ?? d.name)!;
  if (d.publisherDomain) reg.publisherDomain = d.publisherDomain;
  if (d.signInAudience !== undefined) reg.signInAudience = d.signInAudience;
  if (isObject(obj.api) && Object.prototype.hasOwnProperty.call(obj.api, "requestedAccessTokenVersion")) {
    reg.accessTokenVersion = d.api?.requestedAccessTokenVersion ?? null;
  } else if (Object.prototype.hasOwnProperty.call(obj, "accessTokenAcceptedVersion")) {
    reg.accessTokenVersion = d.accessTokenAcceptedVersion ?? null;
  }
  return { ok: true, registration: reg };
}
