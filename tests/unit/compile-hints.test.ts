// scripts/compile-hints.cjs: V8's `//# allFunctionsCalledOnLoad` in front of every client chunk of a
// build, once; other files untouched; a source map beside a chunk shifted by the one line.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import vm from "node:vm";
import { afterAll, describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);
const { addCompileHints, COMPILE_HINT } = require("../../scripts/compile-hints.cjs") as {
  addCompileHints: (distDir: string) => { files: number; hinted: number };
  COMPILE_HINT: string;
};

const dist = mkdtempSync(path.join(os.tmpdir(), "bc-hints-"));
afterAll(() => rmSync(dist, { recursive: true, force: true }));

const chunks = path.join(dist, "static", "chunks");
mkdirSync(path.join(chunks, "nested"), { recursive: true });
const chunk = `(globalThis.TURBOPACK||(globalThis.TURBOPACK=[])).push(["x.js",1,(e,t,r)=>{r.v=41+1}]);`;
writeFileSync(path.join(chunks, "a.js"), chunk);
writeFileSync(path.join(chunks, "nested", "b.js"), "globalThis.b = 2;");
writeFileSync(path.join(chunks, "a.js.map"), JSON.stringify({ version: 3, sources: ["x.ts"], names: [], mappings: "AAAA,CAAC" }));
writeFileSync(path.join(chunks, "style.css"), "body{color:red}");
mkdirSync(path.join(dist, "server"), { recursive: true });
writeFileSync(path.join(dist, "server", "page.js"), "module.exports = 1;");

describe("compile hints", () => {
  it("puts the hint as the first line of every client chunk, and nothing else changes", () => {
    expect(addCompileHints(dist)).toEqual({ files: 2, hinted: 2 });
    expect(COMPILE_HINT).toBe("//# allFunctionsCalledOnLoad\n");
    expect(readFileSync(path.join(chunks, "a.js"), "utf8")).toBe(COMPILE_HINT + chunk);
    expect(readFileSync(path.join(chunks, "nested", "b.js"), "utf8")).toBe(`${COMPILE_HINT}globalThis.b = 2;`);
    expect(readFileSync(path.join(chunks, "style.css"), "utf8")).toBe("body{color:red}");
    expect(readFileSync(path.join(dist, "server", "page.js"), "utf8")).toBe("module.exports = 1;");
  });

  it("leaves the chunk's code as it was: it still runs and gives the same result", () => {
    const sandbox: { globalThis?: unknown; TURBOPACK?: [string, number, (e: unknown, t: unknown, r: { v?: number }) => void][] } = {};
    sandbox.globalThis = sandbox;
    vm.runInNewContext(readFileSync(path.join(chunks, "a.js"), "utf8"), sandbox);
    const r: { v?: number } = {};
    sandbox.TURBOPACK![0]![2]({}, {}, r);
    expect(r.v).toBe(42);
  });

  it("shifts a chunk's source map by the one line it adds", () => {
    const map = JSON.parse(readFileSync(path.join(chunks, "a.js.map"), "utf8")) as { mappings: string };
    expect(map.mappings).toBe(";AAAA,CAAC");
  });

  it("adds it once, however many times the build step runs", () => {
    expect(addCompileHints(dist)).toEqual({ files: 2, hinted: 0 });
    expect(readFileSync(path.join(chunks, "a.js"), "utf8")).toBe(COMPILE_HINT + chunk);
    expect((JSON.parse(readFileSync(path.join(chunks, "a.js.map"), "utf8")) as { mappings: string }).mappings).toBe(";AAAA,CAAC");
  });

  it("finds nothing to do in a build without client chunks", () => {
    expect(addCompileHints(path.join(dist, "nothing-here"))).toEqual({ files: 0, hinted: 0 });
  });
});
