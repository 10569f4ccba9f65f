// Secret-shaped text in the wrong place. People paste the client secret's Value into the client ID,
// the tenant, a redirect URI, a permission or a manifest field; whatever field it lands in, it must
// never be stored, shown, logged or returned. This finds the shape of a current client-secret value
// (azure-facts.md: 3 characters — the portal's hint — a digit, "Q~", then 31–34 more of
// [A-Za-z0-9_~.-]) anywhere in a text, in one pass, and replaces each with its hint.
//
// Deliberately liberal: a run that merely contains the shape (longer on either side) is replaced
// too. Hiding a few characters of something that was not a secret costs nothing; showing a secret
// costs the customer a credential.

import { DOMAIN_NAME_PATTERN } from "./constants";

const MIN_AFTER = 31;

function isSecretChar(code: number): boolean {
  return (
    (code >= 0x30 && code <= 0x39) || // 0-9
    (code >= 0x41 && code <= 0x5a) || // A-Z
    (code >= 0x61 && code <= 0x7a) || // a-z
    code === 0x5f || code === 0x7e || code === 0x2e || code === 0x2d // _ ~ . -
  );
}

/** What replaces a secret found in the wrong field: its 3-character hint, marked as removed. */
export function secretPlaceholder(hint: string): string {
  return `${hint}…(secret removed)`;
}

export interface SecretFound {
  /** The first three characters (what the Azure portal shows too). */
  hint: string;
}

/**
 * `text` with every secret-shaped run replaced by its placeholder, and the hints of what was found.
 * Linear: one scan for "Q~", each candidate checked within a fixed window.
 */
export function scrubSecretShapes(text: string): { text: string; found: SecretFound[] } {
  let at = text.indexOf("Q~");
  if (at < 0) return { text, found: [] };
  const found: SecretFound[] = [];
  let out = "";
  let copied = 0; // text[0, copied) is already in out
  while (at >= 0) {
    const start = at - 4;
    let match = false;
    let end = at + 2;
    if (start >= copied) {
      const head = text.charCodeAt(at - 1);
      match = head >= 0x30 && head <= 0x39 && isSecretChar(text.charCodeAt(start)) && isSecretChar(text.charCodeAt(start + 1)) && isSecretChar(text.charCodeAt(start + 2));
      if (match) {
        // The whole run goes, even past 34 characters: a longer run may be a secret of a newer format.
        while (end < text.length && isSecretChar(text.charCodeAt(end))) end++;
        match = end - (at + 2) >= MIN_AFTER;
      }
    }
    if (match) {
      const hint = text.slice(start, start + 3);
      found.push({ hint });
      out += text.slice(copied, start) + secretPlaceholder(hint);
      copied = end;
      at = text.indexOf("Q~", end);
    } else {
      at = text.indexOf("Q~", at + 1);
    }
  }
  out += text.slice(copied);
  return { text: out, found };
}

/** Does `text` hold a secret-shaped run? */
export function hasSecretShape(text: string): boolean {
  return scrubSecretShapes(text).found.length > 0;
}

/**
 * Any JSON-like value with every string scrubbed (keys too: a manifest's property name is pasted
 * text like any other). Returns the same value when nothing was found.
 */
export function scrubSecretShapesDeep<T>(value: T, found: SecretFound[] = []): { value: T; found: SecretFound[] } {
  const walk = (v: unknown, depth: number): unknown => {
    if (typeof v === "string") {
      const r = scrubSecretShapes(v);
      found.push(...r.found);
      return r.text;
    }
    if (depth > 200 || v === null || typeof v !== "object") return v;
    if (Array.isArray(v)) return v.map((x) => walk(x, depth + 1));
    const o: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) o[walk(k, depth + 1) as string] = walk(x, depth + 1);
    return o;
  };
  const before = found.length;
  const out = walk(value, 0) as T;
  return { value: found.length === before ? value : out, found };
}

// Secrets made before the current "Q~" format look different (azure-facts.md: "Older secrets may look
// different"): 44 characters of base64 ending in "=", or about 32 characters mixing letters, digits and
// [ ] : @ ? * = . _ -. Nothing marks them like "Q~" does, so they are found word by word: a word of
// 24–88 such characters with letters in both cases and digits, that is no URL, GUID, domain, address or
// Codat name, is no client ID, tenant, redirect URI or permission anyone types.
const OLDER_SECRET_CHARS = /^[A-Za-z0-9+/=_~.\-[\]:@?*]{24,88}$/;
const GUID_LIKE = /^[{(]?[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}[})]?$/i;
/** Runs of text between spaces, quotes and brackets that could be one word of a secret (linear: one class). */
const WORD = /[^\s"'`<>(){},;]{24,}/g;

/** Is this one word what an older-format client secret looks like? Linear, no backtracking. */
export function looksLikeOlderSecret(word: string): boolean {
  const t = word.trim();
  if (!OLDER_SECRET_CHARS.test(t)) return false;
  if (!/[a-z]/.test(t) || !/[A-Z]/.test(t) || !/[0-9]/.test(t)) return false;
  if (t.includes("://") || GUID_LIKE.test(t) || /codat/i.test(t)) return false;
  const slash = t.indexOf("/");
  if (slash > 0 && DOMAIN_NAME_PATTERN.test(t.slice(0, slash))) return false; // host/path, typed without https://
  const at = t.lastIndexOf("@");
  return !DOMAIN_NAME_PATTERN.test(at >= 0 ? t.slice(at + 1) : t);
}

/** `text` with every word that looks like an older-format secret replaced by its placeholder. */
export function scrubOlderSecrets(text: string, found: SecretFound[] = []): string {
  if (text.length < 24) return text;
  return text.replace(WORD, (word) => {
    if (!looksLikeOlderSecret(word)) return word;
    const hint = word.slice(0, 3);
    found.push({ hint });
    return secretPlaceholder(hint);
  });
}

/**
 * Any JSON-like value with every older-format secret in its strings replaced (see looksLikeOlderSecret).
 * For the fields that hold short typed values (client ID, tenant, redirect URIs, permissions), never
 * for a manifest, whose long values (certificates, identifier URIs) are no place to guess.
 */
export function scrubOlderSecretsDeep<T>(value: T, found: SecretFound[] = []): { value: T; found: SecretFound[] } {
  const walk = (v: unknown, depth: number): unknown => {
    if (typeof v === "string") return scrubOlderSecrets(v, found);
    if (depth > 8 || v === null || typeof v !== "object") return v;
    if (Array.isArray(v)) return v.map((x) => walk(x, depth + 1));
    const o: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) o[k] = walk(x, depth + 1);
    return o;
  };
  const before = found.length;
  const out = walk(value, 0) as T;
  return { value: found.length === before ? value : out, found };
}
