// The one input schema for every surface (CLI, HTTP API, web form / server action), and the mapping
// of its errors to { code, message, field } with the field named the way the caller sent it.
import { z } from "zod";
import { AUDIENCES, BC_PERMISSIONS, BC_RESOURCE_APP_ID, LIMITS, type Audience, type KnownPermission, type PermissionType } from "./constants";
import { parseManifest, type Registration } from "./manifest";
import { CHECK_IDS, type CheckId } from "./report";
import { scrubOlderSecrets, scrubOlderSecretsDeep, scrubSecretShapesDeep } from "./secret-shapes";
import { isGuid, trimAll } from "./text";

export interface FieldError {
  code: string;
  message: string;
  /** The input field at fault ("manifest", "redirectUris[2]", "permissions[0].type"), or null for the whole input. */
  field: string | null;
  line?: number;
  column?: number;
}

// Length limits apply to the raw text, before any trimming or splitting: a value over its limit is
// passed through untouched so that the schema's max() refuses it, and no normalisation ever runs on
// more than a bounded amount of text.
const blankToUndefined = (max: number) => (v: unknown) =>
  typeof v === "string" && v.length <= max && trimAll(v) === "" ? undefined : v;

const text = (max: number) => z.preprocess(blankToUndefined(max), z.string().max(max).optional());

const AUDIENCE_MAX = 100;
const audience = z.preprocess((v) => {
  const b = blankToUndefined(AUDIENCE_MAX)(v);
  if (typeof b !== "string" || b.length > AUDIENCE_MAX) return b;
  const t = trimAll(b).toLowerCase();
  return AUDIENCES.find((a) => a.toLowerCase() === t) ?? b;
}, z.enum(AUDIENCES).optional());

const permissionType = z.preprocess(
  (v) => (typeof v === "string" && v.length <= 40 ? trimAll(v).toLowerCase() : v),
  z.enum(["delegated", "application", "scope", "role"]),
);

const REDIRECT_URI_MAX = 2048;
/** One URI per line as typed in a textarea: at most as many lines as the list may hold, each within its limit. */
const REDIRECT_TEXT_MAX = LIMITS.redirectUris * (REDIRECT_URI_MAX + 2);

/**
 * The redirect URIs: a list (API, CLI) or one per line (the form's textarea). A blank entry is no URI
 * in either form (the contract: missing input is `skip`, not a failed check), so `[""]`, `[" "]` and
 * `--redirect-uri ""` are the empty textarea. Blank entries go after validation, so an error's index is
 * the one the caller sent.
 */
const redirectUris = z.preprocess(
  (v) => {
    if (typeof v !== "string") return v;
    if (v.length > REDIRECT_TEXT_MAX) return [v];
    const lines = v.split(/\r?\n/).filter((l) => trimAll(l) !== "");
    return lines.length > 0 ? lines : undefined;
  },
  z
    .array(z.preprocess(blankToUndefined(REDIRECT_URI_MAX), z.string().max(REDIRECT_URI_MAX).optional()))
    .max(LIMITS.redirectUris)
    .transform((list) => {
      const given = list.filter((u): u is string => u !== undefined);
      return given.length > 0 ? given : undefined;
    })
    .optional(),
);

const permissionItem = z.union([
  z.string().max(200),
  z
    .strictObject({
      id: z.string().max(100).optional(),
      name: z.string().max(200).optional(),
      type: permissionType.optional(),
      resourceAppId: z.string().max(100).optional(),
    })
    .refine((p) => !!(p.id || p.name), { message: "needs an id or a name" }),
]);

/** The input of a verification: any subset of these fields (at least one piece of evidence). */
export const verifyInputSchema = z.strictObject({
  /** The app manifest: JSON text as copied from the portal, or the parsed object. */
  manifest: z.unknown().optional(),
  clientId: text(200),
  tenant: text(300),
  /** The client secret value. Never stored, logged or reported. */
  secret: text(1024),
  redirectUris,
  /** Supported account type, as the manifest's signInAudience value (case-insensitive). */
  signInAudience: audience,
  permissions: z.array(permissionItem).max(60).optional(),
  /** Also run the live checks against Microsoft (needs tenant, client ID and secret). */
  live: z.boolean().optional(),
  /** Only report these checks (e.g. to re-run the ones that failed). */
  checks: z
    .array(z.enum(CHECK_IDS))
    .min(1, 'give at least one check id, or leave "checks" out to run every check (an empty list would report nothing and pass)')
    .max(CHECK_IDS.length)
    .optional(),
});
export type VerifyInput = z.input<typeof verifyInputSchema>;

export interface TypedPermission {
  /** What the person typed, for quoting. */
  raw: string;
  resourceAppId: string;
  id?: string;
  name?: string;
  type?: PermissionType;
  known?: KnownPermission;
}

/** Input after validation: the manifest parsed, permissions resolved, blanks removed. */
export interface PreparedInput {
  manifest?: Registration;
  clientId?: string;
  tenant?: string;
  secret?: string;
  redirectUris?: string[];
  signInAudience?: Audience;
  permissions?: TypedPermission[];
  live: boolean;
  checks?: CheckId[];
  /** Fields that held secret-shaped text (removed, replaced by its hint), with that hint. */
  misplacedSecrets?: Partial<Record<MisplacedField, string>>;
}

/** The fields a secret must never be in (everything but `secret`). */
export type MisplacedField = "clientId" | "tenant" | "redirectUris" | "permissions" | "manifest";

const FIELD_LABELS: Record<string, string> = {
  manifest: "the manifest",
  clientId: "the client ID",
  tenant: "the tenant",
  secret: "the client secret",
  redirectUris: "the redirect URIs",
  signInAudience: "the account type (signInAudience)",
  permissions: "the permissions",
  live: "live",
  checks: "checks",
};

/**
 * A field as a person reads it: "redirectUris[0]" → "the redirect URI (1st)", "permissions[2].type" →
 * "the permissions", an unknown name as it is.
 */
export function fieldLabel(field: string): string {
  const top = field.replace(/[.[].*$/, "");
  const index = /^redirectUris\[(\d+)\]$/.exec(field);
  if (index) {
    const n = Number(index[1]) + 1;
    const nth = n % 10 === 1 && n % 100 !== 11 ? "st" : n % 10 === 2 && n % 100 !== 12 ? "nd" : n % 10 === 3 && n % 100 !== 13 ? "rd" : "th";
    return n === 1 ? "the redirect URI" : `the redirect URI (${n}${nth})`;
  }
  return FIELD_LABELS[top] ?? field;
}

function fieldPath(path: readonly PropertyKey[]): string | null {
  if (path.length === 0) return null;
  let out = "";
  for (const p of path) out += typeof p === "number" ? `[${p}]` : `${out ? "." : ""}${String(p)}`;
  return out;
}

function received(input: unknown): string {
  if (input === undefined) return "nothing";
  if (input === null) return "null";
  if (Array.isArray(input)) return "a list";
  return typeof input === "object" ? "an object" : `a ${typeof input}`;
}

/** The value at `path` in what the caller sent (zod does not keep it on the issue). */
function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = raw;
  for (const p of path) {
    if (v === null || typeof v !== "object" || !Object.prototype.hasOwnProperty.call(v, p)) return undefined;
    v = (v as Record<PropertyKey, unknown>)[p];
  }
  return v;
}

/** Maps the first zod issue to the error every surface returns; `raw` is the input, to say what was sent. */
export function toFieldError(error: z.ZodError, raw?: unknown): FieldError {
  const issue = error.issues[0];
  if (!issue) return { code: "invalid_input", message: "The input is not valid", field: null };
  const field = fieldPath(issue.path);
  const top = typeof issue.path[0] === "string" ? issue.path[0] : "";
  // "the redirect URI (redirectUris[0])": the form's words, and the API's field for a caller of the API.
  const label = !field
    ? "the input"
    : issue.path.length === 1
      ? (FIELD_LABELS[top] ?? field)
      : top === "redirectUris" && issue.path.length === 2
        ? `${fieldLabel(field)} (${field})`
        : field;
  switch (issue.code) {
    case "unrecognized_keys": {
      const keys = issue.keys.map((k) => (hasControl(k) ? CONTROL_NAME : `"${scrubOlderSecrets(k)}"`)).join(", ");
      const where = field ? ` in ${field}` : "";
      const first = issue.keys[0];
      // A name with a control character is never reported as it is: the error names its parent instead.
      const named = first === undefined || hasControl(first) ? null : scrubOlderSecrets(first);
      return {
        code: "unknown_field",
        message: `Unknown field${issue.keys.length > 1 ? "s" : ""} ${keys}${where}. Known fields: ${field ? "id, name, type, resourceAppId" : Object.keys(FIELD_LABELS).join(", ")}.`,
        field: named === null ? field : field ? `${field}.${named}` : named,
      };
    }
    case "invalid_type":
      return {
        code: "invalid_type",
        message: `${cap(label)} must be ${expectedWord(issue.expected, top)}, not ${received((issue as { input?: unknown }).input ?? valueAt(raw, issue.path))}.`,
        field,
      };
    case "too_big":
      return {
        code: issue.origin === "array" ? "too_many" : "too_long",
        message:
          issue.origin === "array"
            ? `${cap(label)} may hold at most ${String(issue.maximum)} entries.`
            : `${cap(label)} is too long (at most ${String(issue.maximum)} characters).`,
        field,
      };
    case "invalid_value":
      if (top === "signInAudience") {
        return { code: "invalid_value", message: `The account type must be one of ${AUDIENCES.join(", ")}.`, field };
      }
      if (top === "permissions") {
        return { code: "invalid_value", message: `${field}: the type must be "delegated" (or the manifest's "Scope") or "application" (or "Role"), in any letter case.`, field };
      }
      if (top === "checks") {
        return { code: "invalid_value", message: `${field}: unknown check id. Known ids: ${CHECK_IDS.join(", ")}.`, field };
      }
      return { code: "invalid_value", message: `${cap(label)} has a value that is not allowed.`, field };
    case "invalid_union":
      if (top === "permissions") {
        return {
          code: "invalid_value",
          message: `${field} must be a permission name (like "Financials.ReadWrite.All"), a GUID, or { "name" or "id", "type": "delegated" | "application" }.`,
          field,
        };
      }
      return { code: "invalid_value", message: `${cap(label)} is not valid.`, field };
    default:
      return { code: "invalid_value", message: `${cap(label)}: ${issue.message}`, field };
  }
}

function expectedWord(expected: string, top: string): string {
  if (top === "redirectUris" && expected === "array") return "a list of URIs (or one URI per line)";
  if (expected === "array") return "a list";
  if (expected === "string") return "text";
  if (expected === "boolean") return "true or false";
  if (expected === "object") return "an object";
  return expected;
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function resolvePermission(item: string | { id?: string | undefined; name?: string | undefined; type?: string | undefined; resourceAppId?: string | undefined }): TypedPermission {
  let id: string | undefined;
  let name: string | undefined;
  let type: PermissionType | undefined;
  let raw: string;
  let resourceAppId = BC_RESOURCE_APP_ID;
  const toType = (t: string | undefined): PermissionType | undefined =>
    t === "delegated" || t === "scope" ? "Scope" : t === "application" || t === "role" ? "Role" : undefined;
  if (typeof item === "string") {
    raw = item;
    let s = trimAll(item);
    const suffix = /\s*[([]\s*(delegated|application)\s*[)\]]\s*$/i.exec(s);
    const prefix = /^(delegated|application)\s*[:\-]\s*/i.exec(s);
    if (suffix) {
      type = toType(suffix[1]!.toLowerCase());
      s = s.slice(0, suffix.index);
    } else if (prefix) {
      type = toType(prefix[1]!.toLowerCase());
      s = s.slice(prefix[0].length);
    }
    if (isGuid(s)) id = s.toLowerCase();
    else name = s;
  } else {
    id = item.id ? trimAll(item.id).toLowerCase() : undefined;
    name = item.name ? trimAll(item.name) : undefined;
    type = toType(item.type);
    if (item.resourceAppId) resourceAppId = trimAll(item.resourceAppId).toLowerCase();
    raw = name ?? id ?? "";
    if (item.type) raw += ` (${item.type})`;
  }
  let known: KnownPermission | undefined;
  if (resourceAppId === BC_RESOURCE_APP_ID) {
    known = id
      ? BC_PERMISSIONS.find((p) => p.id === id)
      : BC_PERMISSIONS.find((p) => p.name.toLowerCase() === name?.toLowerCase());
  }
  const out: TypedPermission = { raw, resourceAppId };
  if (known) {
    out.known = known;
    out.name = known.name;
    if (id) out.id = id;
    out.type = type ?? known.type;
  } else {
    if (id) out.id = id;
    if (name) out.name = name;
    if (type) out.type = type;
  }
  return out;
}

const CONTROL = /[\u0000-\u001f\u007f]/;
const CONTROL_NAME = "(a name with a control character, not shown)";
function hasControl(s: string): boolean {
  return CONTROL.test(s);
}

/** Where a NUL character was found: the path of the value holding it, or of the object whose property name holds it. */
interface NulAt {
  /** "" for the input itself. A property name with a control character never appears in it: its parent's path does. */
  path: string;
  inName: boolean;
}

/**
 * The first string or property name holding a NUL character (PostgreSQL can store none, and no Azure
 * value has one), or null. Walks at most the first few levels: deeper values are the manifest's, whose
 * parser refuses NUL in its own text.
 */
function findNul(raw: object): NulAt | null {
  // `shown`: false below a name with a control character, whose path stops at that name's parent.
  const walk = (v: unknown, path: string, shown: boolean, depth: number): NulAt | null => {
    if (typeof v === "string") return v.includes("\u0000") ? { path, inName: false } : null;
    if (depth > LIMITS.jsonDepth || v === null || typeof v !== "object") return null;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const r = walk(v[i], shown ? `${path}[${i}]` : path, shown, depth + 1);
        if (r) return r;
      }
      return null;
    }
    for (const [k, x] of Object.entries(v)) {
      if (k.includes("\u0000")) return { path, inName: true };
      const show = shown && !hasControl(k);
      const r = walk(x, show ? (path ? `${path}.${k}` : k) : path, show, depth + 1);
      if (r) return r;
    }
    return null;
  };
  return walk(raw, "", true, 0);
}

/**
 * An error as it may leave any surface (API answer, CLI line, panel, log line): secret-shaped text in
 * its message or field replaced by the secret's 3-character hint, as in every other field.
 */
export function safeFieldError(error: FieldError): FieldError {
  return scrubOlderSecretsDeep(scrubSecretShapesDeep(error).value).value;
}

/** Validates raw input (any JSON value) and prepares it for the rules. Never throws; its errors are safe to show (safeFieldError). */
export function prepareInput(raw: unknown, options: PrepareOptions = {}): { ok: true; input: PreparedInput } | { ok: false; error: FieldError } {
  const r = prepare(raw, options);
  return r.ok ? r : { ok: false, error: safeFieldError(r.error) };
}

export interface PrepareOptions {
  /**
   * The size in UTF-8 bytes of the manifest as the caller wrote it, when it came as a JSON object inside
   * a larger document (the API's body: parseJson's `sizes`). The manifest's size limit applies to that
   * text as it does to a pasted one, not to the object re-serialized without its whitespace.
   */
  manifestBytes?: number;
}

function prepare(raw: unknown, options: PrepareOptions): { ok: true; input: PreparedInput } | { ok: false; error: FieldError } {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    return {
      ok: false,
      error: { code: "invalid_body", message: `The input must be a JSON object like {"manifest": …, "clientId": …}, not ${received(raw)}.`, field: null },
    };
  }
  const nul = findNul(raw);
  if (nul) {
    const field = nul.path || null;
    const label = field ? (FIELD_LABELS[field.replace(/[.[].*$/, "")] ?? field) : "the input";
    const what = nul.inName ? `A property name in ${label}` : cap(label);
    return {
      ok: false,
      error: { code: "invalid_character", message: `${what} contains a NUL character (\\0), which no Azure value has. Copy it again from the portal.`, field },
    };
  }
  const parsed = verifyInputSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, error: toFieldError(parsed.error, raw) };
  // Secret-shaped text in any field but `secret` is replaced by its hint here, at the edge, so no
  // rule, report, database row, page or log line downstream can ever hold it.
  const misplaced: Partial<Record<MisplacedField, string>> = {};
  const d = { ...parsed.data };
  for (const field of ["clientId", "tenant", "redirectUris", "permissions", "manifest"] as const) {
    if (d[field] === undefined) continue;
    const r = scrubSecretShapesDeep(d[field]);
    // A whole field that is an older-format secret (no "Q~" to find it by) goes the same way; the
    // manifest is structured text whose values are checked where they are read.
    if (field !== "manifest") r.value = scrubOlderSecretsDeep(r.value, r.found).value;
    if (r.found.length > 0) {
      misplaced[field] = r.found[0]!.hint;
      (d as Record<string, unknown>)[field] = r.value;
    }
  }
  const manifestGiven = d.manifest !== undefined && d.manifest !== null && !(typeof d.manifest === "string" && trimAll(d.manifest) === "");
  const hasEvidence =
    manifestGiven ||
    d.clientId !== undefined ||
    d.tenant !== undefined ||
    d.secret !== undefined ||
    (d.redirectUris?.length ?? 0) > 0 ||
    d.signInAudience !== undefined ||
    (d.permissions?.length ?? 0) > 0;
  if (!hasEvidence) {
    return {
      ok: false,
      error: {
        code: "empty_input",
        message: "Nothing to check: give the app manifest, or at least one of clientId, tenant, secret, redirectUris, signInAudience, permissions.",
        field: null,
      },
    };
  }
  const input: PreparedInput = { live: d.live ?? false };
  if (manifestGiven) {
    const m = parseManifest(d.manifest, "manifest", options.manifestBytes);
    if (!m.ok) {
      const err: FieldError = { code: m.error.code, message: m.error.message, field: "manifest" };
      if (m.error.line !== undefined) err.line = m.error.line;
      if (m.error.column !== undefined) err.column = m.error.column;
      return { ok: false, error: err };
    }
    if (findNul(m.registration)) {
      return { ok: false, error: { code: "invalid_character", message: "The manifest contains a NUL character (\\u0000), which no Azure value has. Copy the manifest again from the portal.", field: "manifest" } };
    }
    input.manifest = m.registration;
  }
  if (d.clientId !== undefined) input.clientId = d.clientId;
  if (d.tenant !== undefined) input.tenant = d.tenant;
  if (d.secret !== undefined) input.secret = d.secret;
  if (d.redirectUris && d.redirectUris.length > 0) input.redirectUris = d.redirectUris;
  if (d.signInAudience !== undefined) input.signInAudience = d.signInAudience;
  if (d.permissions && d.permissions.length > 0) input.permissions = d.permissions.map(resolvePermission);
  if (d.checks) input.checks = d.checks;
  if (Object.keys(misplaced).length > 0) input.misplacedSecrets = misplaced;
  return { ok: true, input };
}

/** HTTP status for an input error: 413 for size, 400 for everything else. */
export function httpStatusFor(error: FieldError): number {
  return error.code === "too_large" ? 413 : 400;
}
