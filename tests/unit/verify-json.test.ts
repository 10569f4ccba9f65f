import { describe, expect, it } from "vitest";
import { lineColumn, parseJson } from "@/lib/verify/json";

describe("parseJson: valid JSON", () => {
  it.each([
    ['{"a":1}', { a: 1 }],
    ["  [1, 2.5, -3e2, true, false, null]  ", [1, 2.5, -300, true, false, null]],
    ['"\\u00e9\\n\\t\\"\\\\\\/"', 'é\n\t"\\/'],
    ["\ufeff{\"bom\": true}", { bom: true }],
    ['{"nested": {"list": [{"x": "y"}]}}', { nested: { list: [{ x: "y" }] } }],
    ["{}", {}],
    ["[]", []],
  ])("parses %j like JSON.parse", (text, expected) => {
    const r = parseJson(text);
    expect(r).toEqual({ ok: true, value: expected });
  });

  it("agrees with JSON.parse on a real manifest", async () => {
    const { readFileSync } = await import("node:fs");
    const text = readFileSync("tests/fixtures/manifests/graph-correct.json", "utf8");
    const r = parseJson(text);
    expect(r.ok && r.value).toEqual(JSON.parse(text));
  });

  it("keeps a __proto__ key as plain data and never touches a prototype", () => {
    const r = parseJson('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}');
    expect(r.ok).toBe(true);
    const value = (r as { value: Record<string, unknown> }).value;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual(["__proto__", "constructor"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((value as { polluted?: unknown }).polluted).toBeUndefined();
  });
});

describe("parseJson: errors say where and what", () => {
  it.each([
    ['{\n  "a": 1,\n}', 2, 9, /Trailing comma before "}"/],
    ['[\n  "x",\n  "y",\n]', 3, 6, /Trailing comma before "\]"/],
    ["{\n  // comment\n  \"a\": 1\n}", 2, 3, /comments/],
    ["{'a': 1}", 1, 2, /single quote/],
    ["{a: 1}", 1, 2, /Property names must be in double quotes/],
    ['{"a": 1 "b": 2}', 1, 9, /Missing comma/],
    ['{"a" 1}', 1, 6, /colon/],
    ['{"a": tru}', 1, 7, /did you mean true/],
    ['{"a": undefined}', 1, 7, /Unexpected word "undefined"/],
    ['{"a": "line\nbreak"}', 1, 12, /line break/],
    ['{"a": 01}', 1, 7, /Invalid number/],
    ['{"a": "x"} {"b": 1}', 1, 12, /paste one manifest only/],
    ['{"a": [1, 2', 1, 12, /ends too early.*"\[" at line 1, column 7/],
    ['{"a": "unterminated', 1, 7, /never closed/],
    ["", 1, 1, /empty/],
    ["   \n  ", 2, 3, /empty/],
    ['{"a": “curly”}', 1, 7, /curly quote/],
    ['{"a": "\\x41"}', 1, 8, /Invalid escape/],
  ])("%j → line %i, column %i", (text, line, column, message) => {
    const r = parseJson(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.message).toMatch(message);
    expect({ line: r.line, column: r.column }).toEqual({ line, column });
    expect(r.message).toContain(`(line ${line}, column ${column})`);
  });

  it("never echoes a long unquoted word: a secret pasted without its quotes shows no prefix of itself", () => {
    for (const secret of ["Zx8kLm2nQr8sVwXz1aBcDe=", "abc8Q~AbCdEfGhIjKlMnOpQrStUvWxYz0123456789", "8Q~AbCdEfGhIjKlMnOpQrStUvWxYz01234567890ab", "truE8Q~AbCdEfGhIjKlMnOpQrStUvWxYz0123"]) {
      const r = parseJson(`{"secret": ${secret}}`);
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      expect(r.message).toMatch(/not shown: it may be a secret/);
      for (let i = 4; i <= secret.length; i++) expect(r.message, secret.slice(0, i)).not.toContain(secret.slice(0, i));
    }
  });

  it("refuses nesting deeper than the limit without throwing", () => {
    const deep = "[".repeat(100_000) + "]".repeat(100_000);
    const r = parseJson(deep, { maxDepth: 64 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/nested more than 64 levels/);
    const ok = parseJson("[".repeat(64) + "]".repeat(64), { maxDepth: 64 });
    expect(ok.ok).toBe(true);
  });

  it("handles a huge flat array", () => {
    const text = `[${Array.from({ length: 100_000 }, (_, i) => i).join(",")}]`;
    const r = parseJson(text);
    expect(r.ok && (r.value as unknown[]).length).toBe(100_000);
  });
});

describe("lineColumn", () => {
  it("counts lines and columns from 1", () => {
    expect(lineColumn("ab\ncd", 0)).toEqual({ line: 1, column: 1 });
    expect(lineColumn("ab\ncd", 4)).toEqual({ line: 2, column: 2 });
    expect(lineColumn("ab\r\ncd", 5)).toEqual({ line: 2, column: 2 });
  });
});

describe("parseJson: a property name is quoted only under the word rule", () => {
  it("a long name (a secret pasted as a name) is never quoted, a short one is", () => {
    const secret = "abc8Q~AbCdEfGhIjKlMnOpQrStUvWxYz0123456789";
    const long = parseJson(`{"tenant":"contoso.onmicrosoft.com","${secret}"}`);
    expect(!long.ok && long.message).toMatch(/after a property name \(not shown: it may be a secret\)/);
    expect(!long.ok && long.message).not.toContain(secret.slice(0, 4));
    const thirteen = parseJson('{"abcdefghijklm" 1}');
    expect(!thirteen.ok && thirteen.message).not.toContain("abcdefghijkl");
    const control = parseJson('{"a\\u0001b" 1}');
    expect(!control.ok && control.message).toMatch(/not shown/);
    const short = parseJson('{"abcdefghijkl" 1}');
    expect(!short.ok && short.message).toMatch(/after "abcdefghijkl"/);
  });
});

describe("parseJson: sizes", () => {
  it("measures each top-level property's value as written, in UTF-8 bytes, whitespace inside it included", () => {
    const r = parseJson('{ "manifest" :  {\n  "a": "é"\n} , "x": 1}', { sizes: true });
    expect(r.ok && r.sizes).toEqual(new Map([["manifest", Buffer.byteLength('{\n  "a": "é"\n}')], ["x", 1]]));
    expect(parseJson('{"x": 1}')).toEqual({ ok: true, value: { x: 1 } });
  });
});
