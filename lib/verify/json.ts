// A strict JSON parser for text people paste: it never throws, says where the JSON breaks (line and
// column) in words a person understands (trailing comma, comment, single quotes…), caps nesting depth,
// and stores "__proto__" keys as plain data so a pasted document can never reach a prototype.

export interface JsonError {
  ok: false;
  message: string;
  /** 1-based line and column of the problem, counted in characters. */
  line: number;
  column: number;
  /** 0-based offset into the text (after a byte-order mark is removed). */
  offset: number;
}
export type JsonResult = { ok: true; value: unknown; sizes?: Map<string, number> } | JsonError;

export interface JsonOptions {
  /** Objects/arrays nested deeper than this are refused (default 64). */
  maxDepth?: number;
  /**
   * Also measure the text of each property of a top-level object as written (UTF-8 bytes, whitespace
   * inside the value included): `sizes`. The API limits a manifest sent as an object by it.
   */
  sizes?: boolean;
}

/** UTF-8 byte length of `s` (or of s[start, end)) without Buffer (this module also runs in the browser). */
export function utf8Length(s: string, start = 0, end = s.length): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < end && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

class Fail {
  constructor(
    readonly offset: number,
    readonly message: string,
  ) {}
}

const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);

export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

function describeChar(ch: string | undefined): string {
  if (ch === undefined) return "the end of the text";
  if (ch === "\n" || ch === "\r") return "a line break";
  if (ch === "\t") return "a tab";
  const code = ch.charCodeAt(0);
  if (code < 0x20 || code === 0x7f) return `control character U+${code.toString(16).padStart(4, "0").toUpperCase()}`;
  if (code === 0xa0 || code === 0x200b || code === 0xfeff) return `an invisible character (U+${code.toString(16).padStart(4, "0").toUpperCase()})`;
  return `"${ch}"`;
}

/** Parses JSON text. Removes a leading byte-order mark; surrounding whitespace is fine. Never throws. */
export function parseJson(input: string, options: JsonOptions = {}): JsonResult {
  const maxDepth = options.maxDepth ?? 64;
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  let pos = 0;
  const n = text.length;
  const sizes = options.sizes ? new Map<string, number>() : undefined;

  const skipWs = () => {
    while (pos < n) {
      const c = text.charCodeAt(pos);
      if (WS.has(c)) {
        pos++;
        continue;
      }
      if (c === 0x2f /* / */ && (text[pos + 1] === "/" || text[pos + 1] === "*")) {
        throw new Fail(pos, "JSON does not allow comments (// or /* */): remove the comment");
      }
      break;
    }
  };

  // A word outside quotes is shown only when short: a longer one may be a secret pasted without its
  // quotes, and even a prefix of it must not be echoed into an error (logs, CI output, API answers).
  const SHOWN_WORD_MAX = 12;
  /** A property name, quoted only under the same rule as a word: short, and no control character. */
  const shownName = (key: string): string =>
    key.length > 0 && key.length <= SHOWN_WORD_MAX && !/[\u0000-\u001f\u007f]/.test(key)
      ? `"${key}"`
      : "a property name (not shown: it may be a secret)";
  const wordAt = (at: number): string | undefined => {
    // Everything up to the next delimiter counts (a secret's "~" must not cut it into a short, shown word).
    const w = /^[^\s,:{}[\]"']*/.exec(text.slice(at, at + SHOWN_WORD_MAX + 1))?.[0] ?? "";
    return w.length > 0 && w.length <= SHOWN_WORD_MAX ? w : undefined;
  };

  const unexpected = (what: string): Fail => {
    const ch = text[pos];
    if (ch === undefined) return new Fail(pos, `The JSON ends too early: ${what}`);
    if (ch === "'") return new Fail(pos, `Found a single quote where ${what}: JSON strings and names use double quotes (")`);
    if (ch === "“" || ch === "”") return new Fail(pos, `Found a curly quote (${ch}) where ${what}: JSON needs straight double quotes (")`);
    return new Fail(pos, `Unexpected ${describeChar(ch)} where ${what}`);
  };

  const parseString = (): string => {
    // pos is at the opening quote
    const start = pos;
    pos++;
    let out = "";
    let chunkStart = pos;
    while (true) {
      if (pos >= n) throw new Fail(start, "A string is never closed: add the missing double quote (\")");
      const c = text.charCodeAt(pos);
      if (c === 0x22) {
        out += text.slice(chunkStart, pos);
        pos++;
        return out;
      }
      if (c === 0x5c) {
        out += text.slice(chunkStart, pos);
        const e = text[pos + 1];
        switch (e) {
          case '"': out += '"'; break;
          case "\\": out += "\\"; break;
          case "/": out += "/"; break;
          case "b": out += "\b"; break;
          case "f": out += "\f"; break;
          case "n": out += "\n"; break;
          case "r": out += "\r"; break;
          case "t": out += "\t"; break;
          case "u": {
            const hex = text.slice(pos + 2, pos + 6);
            if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new Fail(pos, "Invalid \\u escape in a string: it needs four hex digits");
            out += String.fromCharCode(parseInt(hex, 16));
            pos += 4;
            break;
          }
          default:
            throw new Fail(pos, `Invalid escape \\${e ?? ""} in a string (write a backslash as \\\\)`);
        }
        pos += 2;
        chunkStart = pos;
        continue;
      }
      if (c < 0x20) {
        throw new Fail(pos, c === 0x0a || c === 0x0d
          ? "A string runs over a line break: close it with a double quote, or write the line break as \\n"
          : `Unescaped ${describeChar(text[pos])} inside a string`);
      }
      pos++;
    }
  };

  const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
  const parseNumber = (): number => {
    NUMBER.lastIndex = pos;
    const m = NUMBER.exec(text);
    if (!m || m[0] === "-" || m[0].length === 0) throw unexpected("a value was expected");
    const after = text[pos + m[0].length];
    if (after !== undefined && /[0-9A-Za-z.+_-]/.test(after)) {
      const w = wordAt(pos);
      throw new Fail(pos, `Invalid number${w ? ` "${w}"` : " (not shown: it may be a secret)"} (JSON numbers have no leading zeros, hex or trailing dots)`);
    }
    pos += m[0].length;
    return Number(m[0]);
  };

  const parseValue = (depth: number): unknown => {
    skipWs();
    const ch = text[pos];
    switch (ch) {
      case "{": return parseObject(depth + 1);
      case "[": return parseArray(depth + 1);
      case '"': return parseString();
      case "t": return literal("true", true);
      case "f": return literal("false", false);
      case "n": return literal("null", null);
      default:
        if (ch === "-" || (ch !== undefined && ch >= "0" && ch <= "9")) return parseNumber();
        if (ch !== undefined && /[A-Za-z_]/.test(ch)) {
          const word = wordAt(pos);
          throw new Fail(pos, `Unexpected ${word ? `word "${word}"` : "unquoted text (not shown: it may be a secret)"}: JSON values are "strings", numbers, true, false, null, {objects} or [arrays]`);
        }
        throw unexpected("a value was expected");
    }
  };

  const literal = (word: string, value: unknown): unknown => {
    if (text.startsWith(word, pos)) {
      pos += word.length;
      return value;
    }
    const got = wordAt(pos);
    throw new Fail(pos, `Unexpected ${got ? `word "${got}"` : "unquoted text (not shown: it may be a secret)"}: did you mean ${word}?`);
  };

  const parseObject = (depth: number): Record<string, unknown> => {
    if (depth > maxDepth) throw new Fail(pos, `The JSON is nested more than ${maxDepth} levels deep`);
    const open = pos;
    pos++;
    const obj: Record<string, unknown> = {};
    skipWs();
    if (text[pos] === "}") {
      pos++;
      return obj;
    }
    while (true) {
      skipWs();
      if (text[pos] !== '"') {
        if (text[pos] === "}") throw new Fail(pos - 1, "Trailing comma before \"}\": JSON does not allow a comma after the last property");
        if (pos >= n) throw new Fail(pos, `The JSON ends too early: the "{" at ${where(open)} is never closed`);
        if (text[pos] !== undefined && /[A-Za-z_$]/.test(text[pos]!)) throw new Fail(pos, "Property names must be in double quotes");
        throw unexpected("a property name in double quotes was expected");
      }
      const key = parseString();
      skipWs();
      if (text[pos] !== ":") throw unexpected(`a colon (:) was expected after ${shownName(key)}`);
      pos++;
      skipWs();
      const valueStart = pos;
      const value = parseValue(depth);
      if (sizes && depth === 1) sizes.set(key, utf8Length(text, valueStart, pos));
      if (key === "__proto__") {
        Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
      } else {
        obj[key] = value;
      }
      skipWs();
      const c = text[pos];
      if (c === ",") {
        const comma = pos;
        pos++;
        skipWs();
        if (text[pos] === "}") throw new Fail(comma, "Trailing comma before \"}\": JSON does not allow a comma after the last property");
        continue;
      }
      if (c === "}") {
        pos++;
        return obj;
      }
      if (c === undefined) throw new Fail(pos, `The JSON ends too early: the "{" at ${where(open)} is never closed`);
      if (c === '"') throw new Fail(pos, "Missing comma between two properties");
      throw unexpected("a comma (,) or \"}\" was expected");
    }
  };

  const parseArray = (depth: number): unknown[] => {
    if (depth > maxDepth) throw new Fail(pos, `The JSON is nested more than ${maxDepth} levels deep`);
    const open = pos;
    pos++;
    const arr: unknown[] = [];
    skipWs();
    if (text[pos] === "]") {
      pos++;
      return arr;
    }
    while (true) {
      skipWs();
      if (text[pos] === "]") throw new Fail(pos - 1, "Trailing comma before \"]\": JSON does not allow a comma after the last item");
      if (pos >= n) throw new Fail(pos, `The JSON ends too early: the "[" at ${where(open)} is never closed`);
      arr.push(parseValue(depth));
      skipWs();
      const c = text[pos];
      if (c === ",") {
        const comma = pos;
        pos++;
        skipWs();
        if (text[pos] === "]") throw new Fail(comma, "Trailing comma before \"]\": JSON does not allow a comma after the last item");
        continue;
      }
      if (c === "]") {
        pos++;
        return arr;
      }
      if (c === undefined) throw new Fail(pos, `The JSON ends too early: the "[" at ${where(open)} is never closed`);
      if (c === '"' || c === "{" || c === "[") throw new Fail(pos, "Missing comma between two items of a list");
      throw unexpected("a comma (,) or \"]\" was expected");
    }
  };

  const where = (offset: number): string => {
    const lc = lineColumn(text, offset);
    return `line ${lc.line}, column ${lc.column}`;
  };

  try {
    skipWs();
    if (pos >= n) throw new Fail(pos, "The text is empty: paste the whole manifest, from { to }");
    const value = parseValue(0);
    skipWs();
    if (pos < n) {
      throw new Fail(pos, text[pos] === "{" || text[pos] === "["
        ? "More JSON follows the end of the document: paste one manifest only"
        : `Unexpected ${describeChar(text[pos])} after the end of the JSON`);
    }
    return sizes ? { ok: true, value, sizes } : { ok: true, value };
  } catch (e) {
    if (e instanceof Fail) {
      const offset = Math.max(0, Math.min(e.offset, n));
      const { line, column } = lineColumn(text, offset);
      return { ok: false, message: `${e.message} (line ${line}, column ${column})`, line, column, offset };
    }
    // RangeError from pathological input should be impossible with the depth cap; stay safe anyway.
    return { ok: false, message: "The JSON could not be read", line: 1, column: 1, offset: 0 };
  }
}
