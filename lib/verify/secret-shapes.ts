// Secret-shaped text in the wrong place. People paste the client secret's Value into the client ID,
// the tenant, a redirect URI, a permission or a manifest field; whatever field it lands in, it must
// never be stored, shown, logged or returned. This finds the shape of a current client-secret value
// (azure-facts.md: 3 characters — the portal's hint — a digit, "Q~", then 31–34 more of
// [A-Za-z0-9_~.-]) anywhere in a text, in one pass, and replaces each with its hint.
//
// Deliberately liberal: a run that merely contains the shape (longer on either side) is replaced
// too. Hiding a few characters of something that was not a secret costs nothing; showing a secret
// costs the customer a credential.

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
