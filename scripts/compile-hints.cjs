// V8's explicit compile hint (issue 13): `//# allFunctionsCalledOnLoad` as the first line of a script
// tells Chrome (136 and later) to compile every function in it eagerly, on the background thread that
// streams the script in, instead of lazily on the main thread the first time each is called
// (https://v8.dev/blog/explicit-compile-hints). A Turbopack chunk is a list of module factories that the
// runtime calls when the page starts (React, Next's router, our islands): without the hint, V8 compiles
// each of them on the main thread in the middle of that start-up, one long task. Other browsers read a
// comment.
//
// Every chunk gets it, not only those the page starts with: the others are fetched when their code is
// about to run (a panel waking up, the search dialog opening), so eager compilation is not wasted there.
//
// next.config.js runs this after the production compile (compiler.runAfterProductionCompile), before
// pages are prerendered: every client chunk gets the line once. The chunk's file name (its content
// hash) stays: the same build input still gives the same bytes, so immutable caching stays right. A
// source map beside a chunk gets one empty line in front of its mappings, so it still points at the
// right places.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const HINT = "//# allFunctionsCalledOnLoad\n";

/** Every .js file under dir (recursively). */
function jsFiles(dir) {
  let out = [];
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out = out.concat(jsFiles(p));
    else if (e.isFile() && e.name.endsWith(".js")) out.push(p);
  }
  return out;
}

/**
 * Puts the hint in front of every client chunk of a build (`<distDir>/static/chunks`). Idempotent.
 * @param {string} distDir the build directory (`.next`)
 * @returns {{ files: number, hinted: number }}
 */
function addCompileHints(distDir) {
  const files = jsFiles(path.join(distDir, "static", "chunks"));
  let hinted = 0;
  for (const file of files) {
    const text = fs.readFileSync(file, "utf8");
    if (text.startsWith(HINT)) continue;
    fs.writeFileSync(file, HINT + text);
    hinted++;
    const map = `${file}.map`;
    if (fs.existsSync(map)) {
      try {
        const m = JSON.parse(fs.readFileSync(map, "utf8"));
        if (typeof m.mappings === "string") {
          m.mappings = `;${m.mappings}`;
          fs.writeFileSync(map, JSON.stringify(m));
        }
      } catch {
        // Not a source map we can read: left as it is.
      }
    }
  }
  return { files: files.length, hinted };
}

module.exports = { addCompileHints, COMPILE_HINT: HINT };
