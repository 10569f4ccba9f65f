// Small text helpers for report details: quoting what a person pasted so that stray whitespace and
// invisible characters show, lists that stay short, and an edit distance for "did you mean".
import { GUID_PATTERN } from "./constants";

const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u00a0\u00ad\u200b-\u200f\u2028\u2029\u202f\u2060\ufeff]/g;

/** Quotes a value for a report detail: control and invisible characters escaped, long values cut. */
export function quote(value: string, max = 120): string {
  let s = value;
  let cut = false;
  if (s.length > max) {
    s = s.slice(0, max);
    cut = true;
  }
  s = s.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(INVISIBLE, (ch) => {
    switch (ch) {
      case "\n": return "\\n";
      case "\r": return "\\r";
      case "\t": return "\\t";
      default: return `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`;
    }
  });
  return `"${s}${cut ? "…" : ""}"`;
}

// Not the ellipsis: quote() marks a cut value with it, and a removed secret's placeholder has one.
const NON_ASCII = /[^\u0000-\u007f\u2026]/g;

/**
 * quote() for an ID, a domain or a URI, where only ASCII belongs: every other character is escaped too,
 * so a look-alike (a non-breaking hyphen from Word or Teams, a Cyrillic "а" in a host name) is visible
 * instead of printing the same as what it imitates.
 */
export function quoteCode(value: string, max = 120): string {
  const q = quote(value, max);
  return q.replace(NON_ASCII, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** Dashes that look like the hyphen-minus a GUID has (U+2010–2015, minus sign, small and full-width hyphen-minus). */
export const LOOKALIKE_DASHES = /[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]/g;

/** "a", "a and b", "a, b and c", "a, b, c and 4 more". */
export function listOf(items: readonly string[], max = 4): string {
  if (items.length === 0) return "";
  if (items.length === 1) return items[0]!;
  if (items.length > max) return `${items.slice(0, max).join(", ")} and ${items.length - max} more`;
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** Levenshtein distance, capped: returns cap+1 as soon as the distance exceeds cap. */
export function editDistance(a: string, b: string, cap = 8): number {
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  if (a.length > 512 || b.length > 512) return cap + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > cap) return cap + 1;
    prev = cur;
  }
  return prev[b.length]!;
}

/** A date as people read it: 2027-03-01. */
export function day(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function isGuid(value: string): boolean {
  return GUID_PATTERN.test(value);
}

// Every helper below that looks at the ends of a string walks it once with indexes: user input may be
// 200,000 characters long, and a regex such as /\s+$/ or /[>)]+$/ retries from every position of a
// long run, which is quadratic (a 160k-space client ID once froze the server for 21 s).

/** Whitespace and the invisible characters people paste along (zero-width spaces, joiners, BOM). */
export function isSpaceLike(code: number): boolean {
  return (
    code === 0x20 || (code >= 0x09 && code <= 0x0d) || code === 0xa0 || code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200f) || code === 0x2028 || code === 0x2029 || code === 0x202f ||
    code === 0x205f || code === 0x2060 || code === 0x3000 || code === 0xfeff
  );
}

/** Removes surrounding whitespace including the invisible characters people paste along. Linear. */
export function trimAll(value: string): string {
  let start = 0;
  let end = value.length;
  while (start < end && isSpaceLike(value.charCodeAt(start))) start++;
  while (end > start && isSpaceLike(value.charCodeAt(end - 1))) end--;
  return start === 0 && end === value.length ? value : value.slice(start, end);
}

/** Length of the run of characters from `chars` at the start of `value`. Linear. */
export function leadingRun(value: string, chars: string): number {
  let i = 0;
  while (i < value.length && chars.includes(value[i]!)) i++;
  return i;
}

/** Length of the run of characters from `chars` at the end of `value`. Linear. */
export function trailingRun(value: string, chars: string): number {
  let i = value.length;
  while (i > 0 && chars.includes(value[i - 1]!)) i--;
  return value.length - i;
}

/** `value` without the leading characters of `open` and the trailing ones of `close` ("{guid}" → "guid"). */
export function stripEnds(value: string, open: string, close: string): string {
  const a = leadingRun(value, open);
  if (a === value.length) return "";
  const b = trailingRun(value, close);
  return value.slice(a, value.length - b);
}

/** `value` without trailing slashes. */
export function stripTrailingSlashes(value: string): string {
  return value.slice(0, value.length - trailingRun(value, "/"));
}

/** The first `count` characters as people count them (code points: an emoji is never cut in half). */
export function firstChars(value: string, count: number): string {
  let out = "";
  let n = 0;
  for (const ch of value) {
    if (n++ >= count) break;
    out += ch;
  }
  return out;
}
