// `npm run bench -- page [--runs 5] [--port P] [--database-url URL] [--path /guides/…] [--browser shell|full]`
// The guide page's client cost, as Chromium sees it (needs `next build`; builds nothing itself).
//
// Starts a throwaway database (--database-url / TEST_DATABASE_URL's server, else embedded PostgreSQL)
// and `next start` (as scripts/e2e-server.ts does), then loads the page in Chromium (its headless shell
// when installed, else /usr/bin/chromium; see --browser below) through playwright-core, CPU throttled 4×
// (CDP Emulation.setCPUThrottlingRate; `--rate N` or `--rate calibrated`, scripts/lib/cpu-calibration.ts:
// the host's BenchmarkIndex is printed first), cache disabled, a new browser context (no cookie) per load.
// Each run loads, interleaved:
//
//  static  the same HTML with every <script> and script preload removed, from a plain Node server
//          (CSS, fonts and images proxied from the app): what reading costs without our JavaScript.
//  reader  the page, nobody touching it: JS downloaded (every response of a script, compressed bytes
//          on the wire = Resource Timing encodedBodySize) by module group, TBT, main-thread time,
//          requests after the load event (window: until 3 s after load; the favicon Chromium fetches
//          itself after load is left out). An image of the page's own <img loading="lazy"> that Chromium
//          starts after load is listed apart and not counted: its lazy-load rule fetches images within
//          ≈ 3,000 px of the viewport, and the guide's first sketch (≈ 3,400 px down at 1280×800) is
//          started by that rule sometimes just before the load event, sometimes just after (measured: 1 load
//          in 5). Loading it eagerly instead would settle the race but cost every reader the other
//          theme's hidden copy (an SVG <img> with display:none is still fetched, parsed and laid out:
//          9–13 ms of main thread at 1×, measured), so the page keeps lazy images and the bench tells
//          the two kinds apart.
//  verify  the page with a reader who scrolls the first "Verify my setup" panel to the middle of
//          the screen as soon as the document is parsed (DOMContentLoaded; scrollIntoView with
//          behavior "instant": the page's `scroll-behavior: smooth` would add its ≈ 0.5 s animation at
//          4×, which is the scroll's time, not the page's): Verify-ready = time from
//          navigation start until React has attached that panel's submit handler (the form element
//          carries React's props with an onSubmit function; polled every 20 ms). With lazy panels
//          this includes fetching and hydrating the panel's chunk.
//
// TBT: long tasks (PerformanceObserver "longtask", installed before any script) from the first
// contentful paint until the end of the window, each counting (duration − 50 ms). Main-thread time:
// CDP Performance.getMetrics TaskDuration over the same window (navigation to 3 s after load).
//
// Module groups: each script is fetched again (uncompressed) and split into its modules (a Turbopack
// chunk is `push([script, id, (e,t,r)=>{…}, id, …])`); a module goes to a group by what it contains:
// react-dom ("__reactContainer$", the scheduler's "unstable_scheduleCallback", react-dom's shared entry
// with "requestFormReset"/"preinit"), RSC client (react-server-dom: "createServerReference" with
// "createFromReadableStream"), React ("react.transitional.element" with "useSyncExternalStore" or
// "jsxs"), runtime (the turbopack-*.js chunk), ours (ES modules, compiled to `e.s([…])`: our components
// and our npm dependencies such as next-themes) and the rest, Next's own CommonJS client, "next app
// router". A chunk's compressed size is shared between its groups in proportion to their uncompressed
// bytes. The floor = every group but "ours".
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, existsSync, mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { createThrowawayDatabase, type ThrowawayDatabase } from "../lib/db/embedded";
import { applyMigrations } from "../lib/db/migrate";
import { argValue } from "../lib/db/script";
import { GUIDE_PATH } from "../lib/steps";
import { freePort, reportGoal, sleep, stats } from "./lib/bench";
import { CHROMIUM_ARGS, DISABLE_FEATURES_ARG, SYSTEM_CHROMIUM } from "./lib/chromium-args";
import { benchmarkIndex, calibratedRate, deviceClass, REFERENCE_HOST_INDEX, REFERENCE_RATE } from "./lib/cpu-calibration";

const argv = process.argv.slice(2);
const RUNS = Math.max(1, Math.min(50, Number(argValue(argv, "--runs") ?? 5)));
const PAGE_PATH = argValue(argv, "--path") ?? GUIDE_PATH;
// `--rate N` throttles by N instead of 4; `--rate calibrated` by what brings this host where 4× brings a
// high-end desktop (scripts/lib/cpu-calibration.ts). The goals are at 4×; other rates are labelled so.
const RATE_ARG = argValue(argv, "--rate") ?? "4";
let RATE = 4;
const WINDOW_AFTER_LOAD_MS = 3000;
// `--browser shell` (the default when Debian's chromium-headless-shell is installed): Chromium's headless
// shell, the same Blink and V8 without the browser's own windows, which is what Playwright itself runs
// for headless tests. `--browser full`: /usr/bin/chromium in its new headless mode, which still lays out
// and paints its toolbar and tab strip (the loading throbber, the title, the address) in the browser
// process and composites them in the GPU process on every load: on 2 cores that work shares the CPU with
// the page's renderer (measured: 230 vs 110 ms of browser-process CPU per load, 100 vs 60 ms of GPU
// process, at 1×).
const SHELL = "/usr/bin/chromium-headless-shell";
const BROWSER_ARG = argValue(argv, "--browser") ?? (existsSync(SHELL) ? "shell" : "full");
if (BROWSER_ARG !== "shell" && BROWSER_ARG !== "full") {
  console.log(`bench page: --browser must be shell or full (got "${BROWSER_ARG}")`);
  process.exit(2);
}
const CHROMIUM = BROWSER_ARG === "shell" ? (existsSync(SHELL) ? SHELL : undefined) : SYSTEM_CHROMIUM;
const GROUPS = ["react-dom", "next app router", "RSC client", "React", "runtime", "ours"] as const;
type Group = (typeof GROUPS)[number];
const FRAMEWORK: readonly Group[] = ["react-dom", "next app router", "RSC client", "React", "runtime"];
const KIB = 1024;

if (!existsSync(path.join(".next", "BUILD_ID"))) {
  console.log("bench page: no production build in .next; run `npx next build` first");
  process.exit(2);
}
if (!CHROMIUM) {
  console.log(
    BROWSER_ARG === "shell"
      ? `bench page: no headless shell at ${SHELL} (apt-get install -y chromium-headless-shell), or --browser full`
      : "bench page: no Chromium at /usr/bin/chromium (apt-get install -y chromium)",
  );
  process.exit(2);
}

// ---- what we start, stopped on exit --------------------------------------------------------------

const tmp = mkdtempSync(path.join(os.tmpdir(), "bc-benchpage-"));
let app: ChildProcess | undefined;
let db: ThrowawayDatabase | undefined;
let staticServer: http.Server | undefined;
let browser: Browser | undefined;

async function cleanup(): Promise<void> {
  await browser?.close().catch(() => {});
  staticServer?.close();
  if (app && app.exitCode === null) app.kill("SIGTERM");
  await db?.drop().catch(() => {});
  rmSync(tmp, { recursive: true, force: true });
}
process.on("SIGINT", () => void cleanup().then(() => process.exit(130)));

async function startApp(port: number, databaseUrl: string): Promise<string> {
  const nextBin = path.join(process.cwd(), "node_modules", "next", "dist", "bin", "next");
  const preload = path.join(process.cwd(), "scripts", "http-preload.cjs");
  const origin = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    NODE_ENV: "production",
    DATABASE_URL: databaseUrl,
    SITE_URL: origin,
    SECRET_FINGERPRINT_KEY: randomBytes(48).toString("base64url"),
    BETTER_AUTH_SECRET: randomBytes(48).toString("base64url"),
    LOG_LEVEL: "warn",
  };
  const log = createWriteStream(path.join(tmp, "next.log"));
  app = spawn(process.execPath, ["--require", preload, nextBin, "start", "-p", String(port), "-H", "127.0.0.1"], { env, stdio: ["ignore", "pipe", "pipe"] });
  app.stdout!.pipe(log);
  app.stderr!.pipe(log);
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (app.exitCode !== null) throw new Error(`next start exited with ${app.exitCode}`);
    try {
      const r = await fetch(`${origin}/api/health`, { signal: AbortSignal.timeout(2000) });
      await r.arrayBuffer();
      if (r.ok) return origin;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new Error(`next start did not answer on ${origin} within 60 s`);
}

/** The page without JavaScript: every <script> and script preload removed; everything else proxied to the app. */
function stripScripts(html: string): string {
  return html
    .replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, "")
    .replace(/<link\b[^>]*\brel="(?:preload|modulepreload)"[^>]*\bas="script"[^>]*\/?>/gi, "")
    .replace(/<link\b[^>]*\bas="script"[^>]*\brel="(?:preload|modulepreload)"[^>]*\/?>/gi, "")
    .replace(/<link\b[^>]*\brel="modulepreload"[^>]*\/?>/gi, "");
}

async function startStatic(origin: string, html: string): Promise<string> {
  const port = await freePort();
  staticServer = http.createServer((req, res) => {
    const url = req.url ?? "/";
    if (url.split("?")[0] === PAGE_PATH) {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
      res.end(html);
      return;
    }
    fetch(new URL(url, origin), { headers: { "accept-encoding": "identity" } })
      .then(async (r) => {
        const body = Buffer.from(await r.arrayBuffer());
        res.writeHead(r.status, { "content-type": r.headers.get("content-type") ?? "application/octet-stream" });
        res.end(body);
      })
      .catch(() => {
        res.writeHead(502);
        res.end();
      });
  });
  await new Promise<void>((r) => staticServer!.listen(port, "127.0.0.1", r));
  return `http://127.0.0.1:${port}`;
}

// ---- module groups -------------------------------------------------------------------------------

function groupOfModule(text: string): Group {
  if (text.includes("__reactContainer$") || text.includes("unstable_scheduleCallback")) return "react-dom";
  if (text.includes("createServerReference") && text.includes("createFromReadableStream")) return "RSC client";
  if (text.includes("react.dev/errors") && (text.includes("requestFormReset") || text.includes("preinit"))) return "react-dom";
  if (text.includes("react.transitional.element") && (text.includes("useSyncExternalStore") || text.includes("jsxs"))) return "React";
  // Our modules (and our npm dependencies: next-themes, minisearch) are ES modules, which Turbopack
  // compiles to `e.s([...exports])`; Next's own client is CommonJS (`Object.defineProperty(r,"__esModule")`).
  if (/[\w$]\.s\(\[\s*"/.test(text)) return "ours";
  return "next app router";
}

/** Splits a Turbopack chunk into its modules: `push([script, id, (e,t,r)=>{…}, id, e=>{…}, …])`. */
function splitModules(text: string): string[] {
  const starts = [...text.matchAll(/,([1-9]\d{0,8}),(?:\([A-Za-z_$][\w$]*(?:,[A-Za-z_$][\w$]*){0,3}\)|[A-Za-z_$][\w$]*)=>\{/g)].map((m) => m.index!);
  if (starts.length === 0) return [text];
  const out: string[] = [];
  for (let i = 0; i < starts.length; i++) out.push(text.slice(starts[i], starts[i + 1] ?? text.length));
  // The chunk's own wrapper (before the first module) is runtime glue: counted with the first module.
  out[0] = text.slice(0, starts[0]) + out[0];
  return out;
}

const chunkGroups = new Map<string, Partial<Record<Group, number>>>();
async function groupsOf(url: string): Promise<Partial<Record<Group, number>>> {
  const key = new URL(url).pathname;
  const known = chunkGroups.get(key);
  if (known) return known;
  const text = await (await fetch(url)).text();
  const shares: Partial<Record<Group, number>> = {};
  // Turbopack's runtime is a chunk of its own.
  if (path.basename(key).startsWith("turbopack-")) {
    chunkGroups.set(key, { runtime: 1 });
    return { runtime: 1 };
  }
  for (const m of splitModules(text)) {
    const g = groupOfModule(m);
    shares[g] = (shares[g] ?? 0) + m.length;
  }
  const total = Object.values(shares).reduce((a, b) => a + b, 0) || 1;
  for (const g of Object.keys(shares) as Group[]) shares[g] = shares[g]! / total;
  chunkGroups.set(key, shares);
  return shares;
}

// ---- one page load -------------------------------------------------------------------------------

const INIT = `(() => {
  const w = window;
  w.__bench = { longtasks: [], fcp: null, verifyReady: null, scrolledAt: null };
  try {
    new PerformanceObserver((l) => { for (const e of l.getEntries()) w.__bench.longtasks.push([e.startTime, e.duration]); }).observe({ type: "longtask", buffered: true });
    new PerformanceObserver((l) => { for (const e of l.getEntries()) if (e.name === "first-contentful-paint") w.__bench.fcp = e.startTime; }).observe({ type: "paint", buffered: true });
  } catch {}
  if (w.__benchScroll) {
    const hydrated = (f) => Object.keys(f).some((k) => k.startsWith("__reactProps$") && f[k] && typeof f[k].onSubmit === "function");
    document.addEventListener("DOMContentLoaded", () => {
      const panel = document.querySelector("[data-verify-step]");
      if (!panel) return;
      panel.scrollIntoView({ block: "center", behavior: "instant" });
      w.__bench.scrolledAt = performance.now();
      const poll = () => {
        // The same panel, looked up again: a lazily hydrated panel is mounted anew in the browser.
        const form = document.querySelector("[data-verify-step] form[data-mode]");
        if (form && hydrated(form)) {
          w.__bench.verifyReady = performance.now();
          // The chain's parts (components/verify/lazy.tsx marks them): page hydrated, part opened, chunk came, part awake.
          w.__bench.marks = Object.fromEntries(performance.getEntriesByType("mark").filter((m) => m.name.startsWith("island:")).map((m) => [m.name.slice(7), m.startTime]));
          return;
        }
        setTimeout(poll, 20);
      };
      poll();
    });
  }
})();`;

interface LoadResult {
  loadMs: number;
  fcpMs: number;
  tbtMs: number;
  mainThreadMs: number;
  verifyReadyMs: number | null;
  /** The wake-up chain of the verify run (ms from navigation start): hydrated, open, chunk, awake. */
  marks: Record<string, number>;
  domContentLoadedMs: number;
  scripts: { url: string; bytes: number; afterLoad: boolean }[];
  /** Requests started after the load event, but for lazy images (below). */
  requestsAfterLoad: string[];
  /** Images of the page's own <img loading="lazy"> that Chromium's lazy-load rule started after the load event. */
  lazyImagesAfterLoad: string[];
}

async function load(ctxBrowser: Browser, url: string, mode: "static" | "reader" | "verify"): Promise<LoadResult> {
  const context: BrowserContext = await ctxBrowser.newContext({ viewport: { width: 1280, height: 800 } });
  const page: Page = await context.newPage();
  try {
    if (mode === "verify") await page.addInitScript("window.__benchScroll = true;");
    await page.addInitScript(INIT);
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
    await cdp.send("Performance.enable", { timeDomain: "timeTicks" });
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: RATE });
    let loaded = false;
    const afterLoad: { method: string; type: string; url: string }[] = [];
    cdp.on("Network.requestWillBeSent", (e: { request: { url: string; method: string }; type?: string }) => {
      // Chromium fetches the <link rel="icon"> itself once the page has loaded: not the page's doing.
      if (e.type === "Other" && /\/icon[^/]*\.(svg|png|ico)(\?|$)/.test(e.request.url)) return;
      if (loaded && !e.request.url.startsWith("data:")) afterLoad.push({ method: e.request.method, type: e.type ?? "?", url: e.request.url });
    });
    const before = await cdp.send("Performance.getMetrics");
    const task0 = before.metrics.find((m) => m.name === "TaskDuration")?.value ?? 0;
    await page.goto(url, { waitUntil: "load", timeout: 120_000 });
    loaded = true;
    const loadMs = await page.evaluate(() => performance.getEntriesByType("navigation")[0]?.duration ?? performance.now());
    if (mode === "verify") {
      await page.waitForFunction(() => (window as unknown as { __bench: { verifyReady: number | null } }).__bench.verifyReady !== null, undefined, { timeout: 60_000, polling: 100 });
    }
    await sleep(WINDOW_AFTER_LOAD_MS);
    const after = await cdp.send("Performance.getMetrics");
    const task1 = after.metrics.find((m) => m.name === "TaskDuration")?.value ?? 0;
    const data = await page.evaluate(() => {
      const b = (window as unknown as { __bench: { longtasks: [number, number][]; fcp: number | null; verifyReady: number | null; marks?: Record<string, number> } }).__bench;
      const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined;
      const dcl = nav?.domContentLoadedEventEnd ?? 0;
      const loadEnd = nav?.loadEventEnd ?? 0;
      const res = (performance.getEntriesByType("resource") as PerformanceResourceTiming[])
        .filter((r) => r.initiatorType === "script" || /\.m?js(\?|$)/.test(r.name))
        .map((r) => ({ url: r.name, bytes: r.encodedBodySize, afterLoad: r.startTime > loadEnd }));
      const lazyImages = Array.from(document.querySelectorAll<HTMLImageElement>('img[loading="lazy"]'), (img) => img.currentSrc || img.src);
      return { ...b, dcl, scripts: res, lazyImages };
    });
    const lazy = new Set(data.lazyImages);
    const isLazyImage = (r: { type: string; url: string }) => r.type === "Image" && lazy.has(r.url);
    const line = (r: { method: string; type: string; url: string }) => `${r.method} ${r.type} ${r.url}`;
    const fcp = data.fcp ?? 0;
    const tbt = data.longtasks.filter(([start]) => start >= fcp).reduce((s, [, d]) => s + Math.max(0, d - 50), 0);
    return {
      loadMs,
      fcpMs: fcp,
      tbtMs: tbt,
      mainThreadMs: (task1 - task0) * 1000,
      verifyReadyMs: data.verifyReady,
      marks: data.marks ?? {},
      domContentLoadedMs: data.dcl,
      scripts: data.scripts,
      requestsAfterLoad: afterLoad.filter((r) => !isLazyImage(r)).map(line),
      lazyImagesAfterLoad: afterLoad.filter(isLazyImage).map(line),
    };
  } finally {
    await context.close();
  }
}

// ---- report ----------------------------------------------------------------------------------------

const fmtKiB = (b: number) => `${(b / KIB).toFixed(1)} KiB`;
const fmtS = (ms: number) => (Number.isFinite(ms) ? `${(ms / 1000).toFixed(2)} s` : "–");
function mmm(samples: number[], f: (n: number) => string): string {
  const s = [...samples].sort((a, b) => a - b);
  return `median ${f(stats(s).median).padStart(10)}   min ${f(s[0] ?? NaN).padStart(10)}   max ${f(s[s.length - 1] ?? NaN).padStart(10)}`;
}

async function main() {
  const portArg = argValue(argv, "--port");
  const port = portArg ? Number(portArg) : await freePort();
  db = await createThrowawayDatabase({ serverUrl: argValue(argv, "--database-url") ?? (process.env.TEST_DATABASE_URL?.trim() || undefined), label: "benchpage" });
  await applyMigrations(db.url);
  const origin = await startApp(port, db.url);
  const pageUrl = new URL(PAGE_PATH, origin).toString();
  const html = await (await fetch(pageUrl)).text();
  const staticOrigin = await startStatic(origin, stripScripts(html));
  const staticUrl = new URL(PAGE_PATH, staticOrigin).toString();
  console.log(`  ${PAGE_PATH}: ${RUNS} runs, Chromium CPU throttle --rate ${RATE_ARG}, cache disabled, new context (no cookie) each load; database ${db.where}; load average ${os.loadavg()[0]!.toFixed(1)}`);

  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // BENCH_BROWSER_UI=1 leaves Chromium's omnibox WebUI on (as before 2026-11-30 19:30 UTC), for an A/B.
    args: ["--headless", "--no-sandbox", ...CHROMIUM_ARGS.filter((a) => process.env.BENCH_BROWSER_UI !== "1" || a !== DISABLE_FEATURES_ARG)],
  });
  console.log(`  browser: ${CHROMIUM} ${browser.version()} (--browser ${BROWSER_ARG}${BROWSER_ARG === "shell" ? ": no browser windows" : ": new headless, with the browser's own windows"})`);
  // What the throttle means on this host: Lighthouse's BenchmarkIndex, unthrottled, in a blank page.
  {
    const blank = await browser.newPage();
    const samples: number[] = [];
    for (let i = 0; i < 3; i++) samples.push(await benchmarkIndex(blank));
    await blank.close();
    const host = stats(samples).median;
    const calibrated = calibratedRate(host);
    RATE = RATE_ARG === "calibrated" ? calibrated : Math.max(1, Math.min(20, Number(RATE_ARG) || 4));
    console.log(
      `  host: Lighthouse BenchmarkIndex ${Math.round(host)} (${deviceClass(host)}; ${samples.map(Math.round).join(", ")}); ${RATE}× brings it to ≈ ${Math.round(host / RATE)} (${deviceClass(host / RATE)}). ` +
        `Lighthouse's ${REFERENCE_RATE}× is meant for a high-end desktop (≈ ${REFERENCE_HOST_INDEX} → ≈ ${Math.round(REFERENCE_HOST_INDEX / REFERENCE_RATE)}); here that is ${calibrated}× (\`--rate calibrated\`)`,
    );
  }
  // A warm-up of each (the server's first render, the OS file cache), not counted.
  await load(browser, staticUrl, "static");
  await load(browser, pageUrl, "reader");

  const st: LoadResult[] = [];
  const rd: LoadResult[] = [];
  const vf: LoadResult[] = [];
  for (let i = 0; i < RUNS; i++) {
    st.push(await load(browser, staticUrl, "static"));
    rd.push(await load(browser, pageUrl, "reader"));
    vf.push(await load(browser, pageUrl, "verify"));
  }

  // JS by group, on load (the reader's runs) and with the first panel (the verify runs).
  const byGroup = async (r: LoadResult, onlyOnLoad: boolean) => {
    const g: Record<Group, number> = { "react-dom": 0, "next app router": 0, "RSC client": 0, React: 0, runtime: 0, ours: 0 };
    for (const s of r.scripts) {
      if (onlyOnLoad && s.afterLoad) continue;
      for (const [k, share] of Object.entries(await groupsOf(s.url)) as [Group, number][]) g[k] += s.bytes * share;
    }
    return g;
  };
  const readerGroups = await Promise.all(rd.map((r) => byGroup(r, false)));
  const verifyGroups = await Promise.all(vf.map((r) => byGroup(r, false)));
  const total = (g: Record<Group, number>) => GROUPS.reduce((s, k) => s + g[k], 0);
  const floorOf = (g: Record<Group, number>) => FRAMEWORK.reduce((s, k) => s + g[k], 0);

  console.log(`\n  JavaScript downloaded (compressed bytes on the wire), reader who does not scroll:`);
  for (const k of GROUPS) console.log(`    ${k.padEnd(18)} ${mmm(readerGroups.map((g) => g[k]), fmtKiB)}`);
  console.log(`    ${"total".padEnd(18)} ${mmm(readerGroups.map(total), fmtKiB)}   in ${stats(rd.map((r) => r.scripts.length)).median} files`);
  console.log(`    ${"floor (framework)".padEnd(18)} ${mmm(readerGroups.map(floorOf), fmtKiB)}`);
  console.log(`  …and with the first Verify panel scrolled into view: total ${mmm(verifyGroups.map(total), fmtKiB)}; ours ${fmtKiB(stats(verifyGroups.map((g) => g.ours)).median)}`);
  const sample = rd[rd.length - 1]!;
  console.log(`  files (last reader run):`);
  for (const s of [...sample.scripts].sort((a, b) => b.bytes - a.bytes)) {
    const shares = Object.entries(await groupsOf(s.url)).map(([k, v]) => `${k} ${(v * 100).toFixed(0)}%`).join(", ");
    console.log(`    ${fmtKiB(s.bytes).padStart(10)}  ${new URL(s.url).pathname}  (${shares})`);
  }

  console.log(`\n  timings (${RATE}× CPU throttle):`);
  // The floor under Verify-ready on this host: the same HTML and CSS without any script is parsed,
  // styled and laid out by then. No handler can be ready before DOMContentLoaded (the bench scrolls there).
  console.log(`    ${"DOMContentLoaded, static".padEnd(34)} ${mmm(st.map((r) => r.domContentLoadedMs), fmtS)}`);
  console.log(`    ${"load event, static".padEnd(34)} ${mmm(st.map((r) => r.loadMs), fmtS)}`);
  console.log(`    ${"load event, page".padEnd(34)} ${mmm(rd.map((r) => r.loadMs), fmtS)}`);
  console.log(`    ${"first contentful paint, page".padEnd(34)} ${mmm(rd.map((r) => r.fcpMs), fmtS)}`);
  const ready = vf.map((r) => r.verifyReadyMs ?? NaN);
  console.log(`    ${"Verify-ready (scrolled at DCL)".padEnd(34)} ${mmm(ready, fmtS)}`);
  // Where Verify-ready goes: DOMContentLoaded, the page hydrated (the first lazy part's effect ran),
  // the panel opened (chunk asked for), its chunk came, the panel awake (rendered in place).
  console.log(`      ${"DOMContentLoaded".padEnd(32)} ${mmm(vf.map((r) => r.domContentLoadedMs), fmtS)}`);
  for (const [key, label] of [["hydrated", "page hydrated (parts' effects)"], ["open", "panel opened"], ["chunk", "panel chunk came"], ["awake", "panel awake"]] as const) {
    console.log(`      ${label.padEnd(32)} ${mmm(vf.map((r) => r.marks[key] ?? NaN), fmtS)}`);
  }
  console.log(`    ${"TBT, page".padEnd(34)} ${mmm(rd.map((r) => r.tbtMs), (n) => `${Math.round(n)} ms`)}`);
  console.log(`    ${"TBT, page + scrolled panel".padEnd(34)} ${mmm(vf.map((r) => r.tbtMs), (n) => `${Math.round(n)} ms`)}`);
  const mtStatic = stats(st.map((r) => r.mainThreadMs)).median;
  const mtPage = stats(rd.map((r) => r.mainThreadMs)).median;
  console.log(`    ${"main thread, static".padEnd(34)} ${mmm(st.map((r) => r.mainThreadMs), fmtS)}`);
  console.log(`    ${"main thread, page".padEnd(34)} ${mmm(rd.map((r) => r.mainThreadMs), fmtS)}   ${(mtPage / mtStatic).toFixed(2)}× static`);
  const after = rd.map((r) => r.requestsAfterLoad.length);
  console.log(`    ${"requests after load, reader".padEnd(34)} ${mmm(after, String)}`);
  const anyAfter = rd.flatMap((r) => r.requestsAfterLoad);
  if (anyAfter.length > 0) for (const r of [...new Set(anyAfter)].slice(0, 10)) console.log(`      ${r}`);
  const lazyAfter = rd.map((r) => r.lazyImagesAfterLoad.length);
  console.log(`    ${"lazy images after load, apart".padEnd(34)} ${mmm(lazyAfter, String)}`);
  const anyLazy = rd.flatMap((r) => r.lazyImagesAfterLoad);
  if (anyLazy.length > 0) for (const r of [...new Set(anyLazy)].slice(0, 10)) console.log(`      ${r}`);

  const jsMedian = stats(readerGroups.map(total)).median;
  const floorMedian = stats(readerGroups.map(floorOf)).median;
  reportGoal({ goal: "guide page JS downloaded on load vs framework floor + 15 KiB", figure: `${fmtKiB(jsMedian)} (floor ${fmtKiB(floorMedian)})`, target: `≤ ${fmtKiB(floorMedian + 15 * KIB)}`, met: jsMedian <= floorMedian + 15 * KIB });
  const readyMedian = stats(ready).median;
  const at = RATE === 4 ? "4× CPU" : `${RATE}× CPU (${RATE_ARG === "calibrated" ? "host-calibrated " : ""}instead of the goal's 4×)`;
  const staticDcl = stats(st.map((r) => r.domContentLoadedMs)).median;
  reportGoal({ goal: `Verify-ready, ${at}, panel scrolled into view at DOMContentLoaded`, figure: `${fmtS(readyMedian)} (no-script floor: DOMContentLoaded ${fmtS(staticDcl)})`, target: "≤ 1.50 s", met: readyMedian <= 1500 });
  const tbtMedian = stats(rd.map((r) => r.tbtMs)).median;
  reportGoal({ goal: `guide page TBT, ${at}`, figure: `${Math.round(tbtMedian)} ms`, target: "≤ 300 ms", met: tbtMedian <= 300 });
  const maxAfter = Math.max(...after);
  reportGoal({ goal: "requests after load, no cookie, reader", figure: String(maxAfter), target: "0 (every run)", met: maxAfter === 0 });
}

main()
  .catch((e: unknown) => {
    console.error(`bench page: ${(e as Error).message?.split("\n")[0] ?? String(e)}`);
    process.exitCode = 1;
  })
  .finally(() => cleanup().then(() => process.exit(process.exitCode ?? 0)));
