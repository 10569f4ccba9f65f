#!/usr/bin/env node
// How much JavaScript does a guide page load? Fetches the page, collects the <script src> chunks it
// loads, and prints each one's size raw and gzipped (level 9) plus the totals. Uses a running site
// (--url http://localhost:3000) or starts `next start` on a spare port (build first: `npm run build`).
//
//   node scripts/measure-js.mjs [--url BASE] [--path /guides/dynamics365-business-central/setup] [--json]
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { gzipSync } from "node:zlib";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const pagePath = opt("--path") ?? "/guides/dynamics365-business-central/setup";
let base = opt("--url");
let server;

async function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function waitFor(url, ms = 30_000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      const r = await fetch(url);
      if (r.status < 500) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server did not answer at ${url}`);
}

try {
  if (!base) {
    if (!existsSync(path.join(root, ".next", "BUILD_ID"))) {
      console.error("measure-js: no production build; run `npx next build` first (or pass --url)");
      process.exit(2);
    }
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    server = spawn("npx", ["next", "start", "-p", String(port), "-H", "127.0.0.1"], {
      cwd: root,
      stdio: "ignore",
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
      detached: true,
    });
    await waitFor(`${base}/`);
  }
  const res = await fetch(new URL(pagePath, base));
  if (!res.ok) throw new Error(`GET ${pagePath} → ${res.status}`);
  const html = await res.text();
  const srcs = [...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1].replace(/&amp;/g, "&"));
  const unique = [...new Set(srcs)];
  const rows = [];
  for (const src of unique) {
    const body = Buffer.from(await (await fetch(new URL(src, base))).arrayBuffer());
    rows.push({ src, raw: body.length, gzip: gzipSync(body, { level: 9 }).length });
  }
  const total = rows.reduce((t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip }), { raw: 0, gzip: 0 });
  const inline = [...html.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].reduce((n, m) => n + m[1].length, 0);
  if (args.includes("--json")) {
    console.log(JSON.stringify({ page: pagePath, scripts: rows, total, inlineScriptBytes: inline }, null, 2));
  } else {
    const kb = (n) => `${(n / 1024).toFixed(1)} kB`;
    console.log(`JavaScript loaded by ${pagePath} (${rows.length} <script src> chunks):`);
    for (const r of rows.sort((a, b) => b.gzip - a.gzip)) console.log(`  ${kb(r.gzip).padStart(9)} gzip  ${kb(r.raw).padStart(9)} raw  ${r.src}`);
    console.log(`  ${kb(total.gzip).padStart(9)} gzip  ${kb(total.raw).padStart(9)} raw  TOTAL`);
    console.log(`  (plus ${kb(inline)} of inline scripts: the page's RSC payload and theme script)`);
  }
} catch (e) {
  console.error(`measure-js: ${e.message}`);
  process.exitCode = 1;
} finally {
  if (server) process.kill(-server.pid, "SIGTERM");
}
