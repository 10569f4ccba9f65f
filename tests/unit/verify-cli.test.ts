// The CLI as a person runs it (spawned through tsx): exit codes, human output, --json, colours.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reportSchema, type Report } from "@/lib/verify";
import { FAKE, startFakeEntra, type FakeEntra } from "../../dev/fake-entra";

const ROOT = path.resolve(__dirname, "../..");
const TSX = path.join(ROOT, "node_modules/.bin/tsx");
const M = (f: string) => `tests/fixtures/manifests/${f}.json`;
const ANSI = /\u001b\[\d+m/;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], options: { stdin?: string | Buffer; env?: Record<string, string | undefined> } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, ...options.env };
    for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
    const child = spawn(TSX, ["scripts/verify.ts", ...args], { cwd: ROOT, env: env as NodeJS.ProcessEnv, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    // The CLI stops reading an over-long stdin: what it no longer takes is not an error of the test.
    child.stdin.on("error", () => undefined);
    child.stdin.end(options.stdin ?? "");
  });
}

let fake: FakeEntra;
beforeAll(async () => {
  fake = await startFakeEntra();
});
afterAll(async () => {
  await fake?.close();
});

// Each spawn starts tsx (about a second, more on a busy machine): generous per-test timeouts.
describe("verify CLI", { timeout: 120_000 }, () => {
  it("--help: usage, exit 0", async () => {
    const r = await cli(["--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Usage:\s+npm run --silent verify -- --manifest FILE/);
    expect(r.stdout).toMatch(/Exit codes: 0 no check failed, 1 at least one check failed, 2 bad usage/);
  });

  it("bad usage and unreadable input: exit 2 with one clear line", async () => {
    const [none, unknown, missing, broken, both] = await Promise.all([
      cli([]),
      cli(["--manifset", "x.json"]),
      cli(["--manifest", "no/such/file.json"]),
      cli(["--manifest", M("broken-trailing-comma")]),
      cli(["--manifest", "-", "--secret-stdin"]),
    ]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/Nothing to check/);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/Unknown option '--manifset'.*--help/);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/Cannot read the manifest "no\/such\/file.json": no such file/);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/manifest: The manifest is not valid JSON: Trailing comma .* \(line 7, column 64\)/);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/both want stdin/);
  });

  it("never prints a secret typed on the command line or pasted unquoted into a manifest; empty and endless manifests; errors named by flag", async () => {
    const secret = "abc8Q~AbCdEfGhIjKlMnOpQrStUvWxYz0123456789";
    const dir = mkdtempSync(path.join(tmpdir(), "verify-cli-"));
    const empty = path.join(dir, "app.json");
    writeFileSync(empty, "\n");
    const [stray, unquoted, emptyFile, endless, endlessStdin, account, check] = await Promise.all([
      cli(["--manifest", M("graph-correct"), "--secret-stdin", secret]),
      cli(["--manifest", "-"], { stdin: `{"appId": ${secret}}` }),
      cli(["--manifest", empty, "--client-id", "3f2b8c6d-1e4a-4b7c-9d2e-6a5f8b1c0d93"]),
      cli(["--manifest", "/dev/zero"]),
      cli(["--manifest", "-"], { stdin: "x".repeat(1_100_000) }),
      cli(["--client-id", "3f2b8c6d-1e4a-4b7c-9d2e-6a5f8b1c0d93", "--account-type", "bogus"]),
      cli(["--client-id", "3f2b8c6d-1e4a-4b7c-9d2e-6a5f8b1c0d93", "--check", "nope"]),
    ]);
    // The stray argument is not shown; the unquoted secret was already cut to its 3-character hint at the edge.
    expect(stray.stderr).toMatch(/not shown: it may be a secret/);
    for (const r of [stray, unquoted]) {
      expect(r.code).toBe(2);
      for (let i = 4; i <= secret.length; i++) expect(r.stderr + r.stdout).not.toContain(secret.slice(0, i));
    }
    expect(emptyFile.code).toBe(2);
    expect(emptyFile.stderr).toMatch(/The manifest ".*app\.json" is empty: nothing to check/);
    expect(endless.code).toBe(2);
    expect(endless.stderr).toMatch(/The manifest "\/dev\/zero" is more than 1024 KB; the limit is 256 KB/);
    expect(endlessStdin.code).toBe(2);
    expect(endlessStdin.stderr).toMatch(/The manifest from stdin is more than 1024 KB/);
    expect(account.code).toBe(2);
    expect(account.stderr).toMatch(/^verify: --account-type: The account type must be one of/);
    expect(check.code).toBe(2);
    expect(check.stderr).toMatch(/^verify: --check: unknown check id/);
    // With --json, a usage error leaves the same { error } shape on stdout as an invalid input.
    const usage = await cli(["--manifest", empty, "--json"]);
    expect(usage.code).toBe(2);
    expect(JSON.parse(usage.stdout)).toEqual({ error: { code: "usage", message: expect.stringMatching(/is empty: nothing to check/), field: null } });
  });

  it("a correct manifest: exit 0, readable report without colours when not a terminal", async () => {
    const r = await cli(["--manifest", M("graph-correct")]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Dynamics 365 Business Central setup check: PASS \(\d+ passed, \d+ skipped\)/);
    expect(r.stdout).toMatch(/✔ PASS\s+Web redirect URI\s+\(redirect-uri\)/);
    expect(r.stdout).not.toMatch(ANSI);
    expect(r.stderr).toBe("");
  });

  it("the classic mistakes: exit 1, each named with its fix and guide link", async () => {
    const r = await cli(["--manifest", M("legacy-classic-mistakes")]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/FAIL.*\n/);
    expect(r.stdout).toMatch(/✖ FAIL\s+Web redirect URI[\s\S]*angle brackets[\s\S]*backtick[\s\S]*Fix: Edit the Web redirect URI so it is exactly https:\/\/dynamics365businesscentral\.codat\.io\/oauth\/callback/);
    expect(r.stdout).toMatch(/Guide: http:\/\/localhost:3000\/guides\/dynamics365-business-central\/setup#register-application/);
    expect(r.stdout).toMatch(/✖ FAIL\s+Client secret expiry/);
  });

  it("--json prints the contract's report", async () => {
    const r = await cli(["--manifest", M("graph-spa-and-dynamics-crm"), "--json"]);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as Report;
    expect(reportSchema.safeParse(report).success).toBe(true);
    expect(report.checks.find((c) => c.id === "redirect-uri")?.detail).toMatch(/Single-page application/);
  });

  it("--json on bad input prints the API's error object, exit 2", async () => {
    const r = await cli(["--manifest", M("broken-trailing-comma"), "--json"]);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toMatchObject({ error: { code: "invalid_json", field: "manifest", line: 7, column: 64 } });
  });

  it("colours: FORCE_COLOR turns them on, NO_COLOR and --no-color off", async () => {
    const [forced, no, flag] = await Promise.all([
      cli(["--manifest", M("graph-correct")], { env: { FORCE_COLOR: "1" } }),
      cli(["--manifest", M("graph-correct")], { env: { FORCE_COLOR: "1", NO_COLOR: "1" } }),
      cli(["--manifest", M("graph-correct"), "--no-color"], { env: { FORCE_COLOR: "1" } }),
    ]);
    expect(forced.stdout).toMatch(ANSI);
    expect(no.stdout).not.toMatch(ANSI);
    expect(flag.stdout).not.toMatch(ANSI);
  });

  it("fields without a manifest, --check to report only some checks", async () => {
    const r = await cli(["--client-id", "{3f2b8c6d-1e4a-4b7c-9d2e-6a5f8b1c0d93}", "--redirect-uri", "http://dynamics365businesscentral.codat.io/oauth/callback", "--check", "client-id.format", "--check", "redirect-uri", "--json"]);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.checks.map((c) => c.id)).toEqual(["client-id.format", "redirect-uri"]);
  });

  it("--secret-stdin + --live against the fake (configured by environment): exit 0", async () => {
    const env = { ENTRA_LOGIN_BASE_URL: fake.loginBaseUrl, GRAPH_BASE_URL: fake.graphBaseUrl };
    const ok = await cli(["--tenant", FAKE.tenants.contoso.id, "--client-id", FAKE.apps.good.appId, "--secret-stdin", "--live", "--json"], { stdin: `${FAKE.apps.good.secret}\n`, env });
    expect(ok.code).toBe(0);
    const report = JSON.parse(ok.stdout) as Report;
    expect(report.checks.find((c) => c.id === "live.token")?.status).toBe("pass");
    expect(report.checks.find((c) => c.id === "live.registration")?.status).toBe("skip");

    const secretId = await cli(["--tenant", FAKE.tenants.contoso.id, "--client-id", FAKE.apps.good.appId, "--secret-stdin", "--live"], { stdin: FAKE.apps.good.secretId, env });
    expect(secretId.code).toBe(1);
    expect(secretId.stdout).toMatch(/Secret ID/);
    expect(secretId.stdout).toMatch(/AADSTS7000215/);

    // An unknown tenant: the secret was never tried; the line says where the IDs are, as a full address.
    const tenant = await cli(["--tenant", FAKE.tenants.unknown.id, "--client-id", FAKE.apps.good.appId, "--secret-stdin", "--live"], { stdin: FAKE.apps.good.secret, env: { ...env, SITE_URL: "https://setup.example.com" } });
    expect(tenant.code).toBe(1);
    expect(tenant.stdout).toMatch(/AADSTS90002/);
    expect(tenant.stdout).toContain("Where to copy the client ID and tenant ID: https://setup.example.com/guides/dynamics365-business-central/setup#register-application");
  });

  it("an empty secret on stdin is bad usage", async () => {
    const r = await cli(["--client-id", "3f2b8c6d-1e4a-4b7c-9d2e-6a5f8b1c0d93", "--secret-stdin"], { stdin: "\n" });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no secret was given/);
  });

  it("a manifest saved as UTF-16 (Windows PowerShell's >) is read as the same manifest", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "verify-cli-"));
    const text = readFileSync(path.join(ROOT, M("graph-correct")), "utf8");
    const le = path.join(dir, "utf16le.json");
    const be = path.join(dir, "utf16be.json");
    writeFileSync(le, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]));
    writeFileSync(be, Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, "utf16le").swap16()]));
    const [a, b, utf8] = await Promise.all([cli(["--manifest", le, "--json"]), cli(["--manifest", be, "--json"]), cli(["--manifest", M("graph-correct"), "--json"])]);
    expect(utf8.code).toBe(0);
    for (const r of [a, b]) {
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout)).toEqual(JSON.parse(utf8.stdout));
    }
  });

  it("reads only the variables it uses: a server's environment (staging, MySQL, a log level, half a sign-in) is none of its business", async () => {
    const server = { NODE_ENV: "staging", DATABASE_URL: "mysql://u:p@db.example/app", LOG_LEVEL: "verbose", CHECKER_CLIENT_ID: "3f2b8c6d-1e4a-4b7c-9d2e-6a5f8b1c0d93", SECRET_FINGERPRINT_KEY: "short" };
    const [ok, timeout, site] = await Promise.all([
      cli(["--manifest", M("graph-correct")], { env: server }),
      cli(["--manifest", M("graph-correct")], { env: { ...server, LIVE_CHECK_TIMEOUT_MS: "5" } }),
      cli(["--manifest", M("graph-correct"), "--json"], { env: { SITE_URL: "not a url" } }),
    ]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stderr).toBe("");
    // What it does read is still checked, in one line, by lib/config.ts's own definitions.
    expect(timeout.code).toBe(2);
    expect(timeout.stderr).toMatch(/^verify: Invalid environment variable LIVE_CHECK_TIMEOUT_MS: /);
    expect(site.code).toBe(2);
    expect(JSON.parse(site.stdout)).toMatchObject({ error: { code: "usage", message: expect.stringMatching(/^Invalid environment variable SITE_URL/) } });
  });

  it("--json gives a link to another step as a full address on SITE_URL, as the API does", async () => {
    const env = { ENTRA_LOGIN_BASE_URL: fake.loginBaseUrl, GRAPH_BASE_URL: fake.graphBaseUrl, SITE_URL: "https://setup.example.com" };
    const r = await cli(["--tenant", FAKE.tenants.unknown.id, "--client-id", FAKE.apps.good.appId, "--secret-stdin", "--live", "--json"], { stdin: FAKE.apps.good.secret, env });
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as Report;
    expect(reportSchema.safeParse(report).success).toBe(true);
    expect(report.checks.find((c) => c.id === "live.token")?.link?.href).toBe("https://setup.example.com/guides/dynamics365-business-central/setup#register-application");
  });

  it("a blank --redirect-uri is no redirect URI: redirect-uri is skipped, as with the form's empty field", async () => {
    const [empty, space] = await Promise.all([
      cli(["--client-id", "3f2b8c6d-1e4a-4b7c-9d2e-6a5f8b1c0d93", "--redirect-uri", "", "--json"]),
      cli(["--client-id", "3f2b8c6d-1e4a-4b7c-9d2e-6a5f8b1c0d93", "--redirect-uri", " ", "--redirect-uri", "", "--json"]),
    ]);
    for (const r of [empty, space]) {
      expect(r.code, r.stderr).toBe(0);
      expect((JSON.parse(r.stdout) as Report).checks.find((c) => c.id === "redirect-uri")?.status).toBe("skip");
    }
  });

  it("a manifest that is not UTF-8 (saved as Windows-1252) is unreadable input: exit 2, one line naming it; a UTF-8 BOM is fine", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "verify-cli-"));
    const text = readFileSync(path.join(ROOT, M("graph-correct")), "utf8").replace(/"displayName": "[^"]*"/, '"displayName": "Café Codat"');
    const cp1252 = path.join(dir, "cp1252.json");
    const bom = path.join(dir, "bom.json");
    writeFileSync(cp1252, Buffer.from(text, "latin1")); // é is the one byte 0xE9, as Windows-1252 writes it
    writeFileSync(bom, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")]));
    expect(Buffer.from(text, "latin1").includes(0xe9)).toBe(true);
    const [file, stdin, withBom] = await Promise.all([
      cli(["--manifest", cp1252]),
      cli(["--manifest", "-", "--json"], { stdin: Buffer.from(text, "latin1") }),
      cli(["--manifest", bom, "--json"]),
    ]);
    expect(file.code).toBe(2);
    expect(file.stdout).toBe("");
    expect(file.stderr).toMatch(/^verify: The manifest ".*cp1252\.json" is not valid UTF-8 text .*save it as UTF-8/);
    expect(file.stderr.trim().split("\n")).toHaveLength(1);
    expect(stdin.code).toBe(2);
    expect(stdin.stderr).toMatch(/^verify: The manifest from stdin is not valid UTF-8 text/);
    expect(JSON.parse(stdin.stdout)).toMatchObject({ error: { code: "usage", field: null } });
    expect(withBom.code, withBom.stderr).toBe(0);
  });
});
