// The checker on the command line: the same engine and report as the web page and the API.
//
//   npm run --silent verify -- --manifest app-manifest.json [--tenant T] [--client-id ID] [--secret-stdin] [--live] [--json]
//
// Exit codes: 0 no check failed · 1 a check failed · 2 bad usage or unreadable input.
// Needs no database and no web server. The secret is read from stdin only, never from the arguments
// (they end up in shell history and process lists), and never printed.
import { parseArgs } from "node:util";
import pc from "picocolors";
import { ConfigError, loadConfigOf, type Config } from "../lib/config";
import { liveOptions } from "../lib/live-settings";
import { safeFieldError, verifyRaw, type Check, type Report, type Status } from "../lib/verify";
import { LIMITS } from "../lib/verify/constants";
import { fullLink, withFullLinks } from "../lib/verify/report";
import { scrubSecretShapes } from "../lib/verify/secret-shapes";
import { InputTooLarge, InvalidEncoding, readFileLimited, readHidden, readStdin } from "./lib/terminal";

const HELP = `Check an Azure app registration for Codat's Dynamics 365 Business Central integration.

Usage:
  npm run --silent verify -- --manifest FILE [options]

Input (give at least one):
  --manifest FILE         the app manifest JSON, as copied from the Azure portal's Manifest page
                          (Microsoft Graph or legacy Azure AD Graph format; "-" reads stdin)
  --client-id ID          the Application (client) ID
  --tenant T              the Directory (tenant) ID, or a verified domain (contoso.onmicrosoft.com)
  --secret-stdin          read the client secret Value from stdin (typed hidden on a terminal)
  --redirect-uri URI      a redirect URI to check (repeatable)
  --account-type VALUE    signInAudience, e.g. AzureADandPersonalMicrosoftAccount
  --permission NAME       a permission, e.g. Financials.ReadWrite.All or "user_impersonation (delegated)" (repeatable)

Options:
  --live                  also sign in to Microsoft with the tenant, client ID and secret, and read the
                          registration from Microsoft Graph (needs --tenant or the manifest's publisher domain,
                          a client ID, and --secret-stdin)
  --check ID              report only this check (repeatable), e.g. --check redirect-uri
  --json                  print the report as JSON (the API's format)
  --no-color              no colours (also NO_COLOR=1; colours are off when output is not a terminal)
  -h, --help              this help

Exit codes: 0 no check failed, 1 at least one check failed, 2 bad usage or unreadable input.

Examples:
  npm run --silent verify -- --manifest tests/fixtures/manifests/graph-classic-mistakes.json
  printf '%s' "$SECRET" | npm run --silent verify -- --manifest app.json --tenant contoso.onmicrosoft.com --secret-stdin --live
`;

class UsageError extends Error {}

/**
 * The environment this CLI reads, and only that (lib/config.ts's definitions): the links' origin and the
 * live checks' settings. It needs no database, web server or sign-in, so the server's other variables
 * (NODE_ENV=staging, a mysql:// DATABASE_URL, CHECKER_CLIENT_ID alone…) are not its business.
 */
const CLI_ENV = ["SITE_URL", "ENTRA_LOGIN_BASE_URL", "GRAPH_BASE_URL", "LIVE_CHECK_TIMEOUT_MS"] as const;
type CliConfig = Pick<Config, (typeof CLI_ENV)[number]>;

/** Raw bytes read for a manifest at most: the limit is on its text, and UTF-16 takes two bytes a character. */
const MANIFEST_READ_MAX = 4 * LIMITS.manifestBytes;
/** And for a secret on stdin (a secret is at most 1,024 characters). */
const SECRET_READ_MAX = 8 * 1024;

/** The input's field names (lib/verify/input.ts) as this CLI's flags. */
const FLAG_OF: Record<string, string> = {
  manifest: "--manifest",
  clientId: "--client-id",
  tenant: "--tenant",
  secret: "--secret-stdin",
  redirectUris: "--redirect-uri",
  signInAudience: "--account-type",
  permissions: "--permission",
  checks: "--check",
  live: "--live",
};

/**
 * Node's argument-parser message, first line, without the stray argument it quotes: a secret typed on the
 * command line instead of on stdin would be printed back whole. Option names (starting with "-") stay,
 * cut at "=" so an inline value does not come along.
 */
function argumentError(message: string): string {
  const line = message.split("\n")[0] ?? "";
  return line.replace(/'([^']*)'/g, (_m, inner: string) =>
    inner.startsWith("-") && !inner.includes(" ") ? `'${inner.split("=")[0]!.slice(0, 40)}'` : "(not shown: it may be a secret; give the secret on stdin with --secret-stdin)",
  );
}

const SYMBOL: Record<Status, string> = { pass: "✔", warn: "!", fail: "✖", skip: "○", error: "?" };
const WORD: Record<Status, string> = { pass: "PASS", warn: "WARN", fail: "FAIL", skip: "SKIP", error: "ERROR" };

function render(report: Report, colors: ReturnType<typeof pc.createColors>, siteUrl: string): string {
  const paint: Record<Status, (s: string) => string> = {
    pass: colors.green,
    warn: colors.yellow,
    fail: colors.red,
    skip: colors.dim,
    error: colors.magenta,
  };
  const counts = (s: Status) => report.checks.filter((c) => c.status === s).length;
  const parts = [
    counts("fail") && `${counts("fail")} failed`,
    counts("error") && `${counts("error")} could not run`,
    counts("warn") && `${counts("warn")} warning${counts("warn") > 1 ? "s" : ""}`,
    counts("pass") && `${counts("pass")} passed`,
    counts("skip") && `${counts("skip")} skipped`,
  ].filter(Boolean);
  const lines: string[] = [];
  lines.push(
    `${colors.bold("Dynamics 365 Business Central setup check")}: ${paint[report.summary](colors.bold(WORD[report.summary]))} (${parts.join(", ")})`,
    "",
  );
  const indent = "        ";
  for (const c of report.checks) lines.push(...renderCheck(c, paint, colors, indent, siteUrl));
  return lines.join("\n");
}

function renderCheck(
  c: Check,
  paint: Record<Status, (s: string) => string>,
  colors: ReturnType<typeof pc.createColors>,
  indent: string,
  siteUrl: string,
): string[] {
  const head = `${paint[c.status](`${SYMBOL[c.status]} ${WORD[c.status].padEnd(5)}`)}  ${c.status === "skip" ? colors.dim(c.title) : colors.bold(c.title)}  ${colors.dim(`(${c.id})`)}`;
  const out = [head];
  const full = c.link ? fullLink(c.link, siteUrl) : null;
  const link = full ? `${full.label}: ${full.href}` : null;
  if (c.status === "skip") {
    out.push(`${indent}${colors.dim(c.detail)}`);
    if (link) out.push(`${indent}${colors.dim(link)}`);
    out.push("");
    return out;
  }
  out.push(`${indent}${c.detail}`);
  if (c.fix && (c.status === "fail" || c.status === "warn" || c.status === "error")) out.push(`${indent}${colors.bold("Fix:")} ${c.fix}`);
  if (link && c.status !== "pass") out.push(`${indent}${colors.dim(link)}`);
  if (c.status === "fail" || c.status === "warn") out.push(`${indent}${colors.dim(`Guide: ${fullLink({ label: "Guide", href: c.docs }, siteUrl).href}`)}`);
  out.push("");
  return out;
}

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: process.argv.slice(2),
      options: {
        manifest: { type: "string" },
        "client-id": { type: "string" },
        tenant: { type: "string" },
        "secret-stdin": { type: "boolean" },
        "redirect-uri": { type: "string", multiple: true },
        "account-type": { type: "string" },
        permission: { type: "string", multiple: true },
        live: { type: "boolean" },
        check: { type: "string", multiple: true },
        json: { type: "boolean" },
        "no-color": { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
      allowPositionals: false,
      strict: true,
    });
  } catch (e) {
    throw new UsageError(`${e instanceof Error ? argumentError(e.message) : "bad arguments"}. Run with --help for usage.`);
  }
  const v = args.values;
  if (v.help) {
    process.stdout.write(HELP);
    return 0;
  }
  let cfg: CliConfig;
  try {
    cfg = loadConfigOf(CLI_ENV, process.env);
  } catch (e) {
    if (e instanceof ConfigError) throw new UsageError(e.message);
    throw e;
  }
  if (v.manifest === "-" && v["secret-stdin"]) throw new UsageError("--manifest - and --secret-stdin both want stdin: give the manifest as a file.");

  const input: Record<string, unknown> = {};
  if (v.manifest !== undefined) {
    const name = v.manifest === "-" ? "from stdin" : JSON.stringify(v.manifest);
    let text: string;
    // On a terminal, `--manifest -` would otherwise wait in silence for the paste.
    if (v.manifest === "-" && process.stdin.isTTY) process.stderr.write("Paste the manifest, then press Ctrl-D (Ctrl-Z, Enter on Windows).\n");
    try {
      text = v.manifest === "-" ? await readStdin(MANIFEST_READ_MAX) : await readFileLimited(v.manifest, MANIFEST_READ_MAX);
    } catch (e) {
      if (e instanceof InvalidEncoding) {
        throw new UsageError(`The manifest ${name} is not valid UTF-8 text (saved in another encoding, e.g. Windows-1252?): save it as UTF-8 and try again.`);
      }
      if (e instanceof InputTooLarge) throw new UsageError(`The manifest ${name} is ${e.message}; the limit is ${LIMITS.manifestBytes / 1024} KB. Give only the app's manifest.`);
      const code = (e as { code?: string }).code;
      const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a folder" : code === "EACCES" ? "permission denied" : "it could not be read";
      throw new UsageError(`Cannot read the manifest ${name}: ${why}.`);
    }
    // An empty file is what a failed `az ad app show > app.json` leaves: say so instead of passing.
    if (text.replace(/^\uFEFF/, "").trim() === "") throw new UsageError(`The manifest ${name} is empty: nothing to check.`);
    input.manifest = text;
  }
  if (v["client-id"] !== undefined) input.clientId = v["client-id"];
  if (v.tenant !== undefined) input.tenant = v.tenant;
  if (v["redirect-uri"]) input.redirectUris = v["redirect-uri"];
  if (v["account-type"] !== undefined) input.signInAudience = v["account-type"];
  if (v.permission) input.permissions = v.permission;
  if (v.check) input.checks = v.check;
  if (v.live) input.live = true;
  if (v["secret-stdin"]) {
    let raw: string;
    try {
      raw = process.stdin.isTTY ? await readHidden("Client secret Value (input hidden): ", 2) : await readStdin(SECRET_READ_MAX);
    } catch (e) {
      if (e instanceof InputTooLarge) throw new UsageError(`--secret-stdin: stdin holds ${e.message}; give only the secret's Value.`);
      if (e instanceof InvalidEncoding) throw new UsageError("--secret-stdin: stdin is not valid UTF-8 text.");
      throw e;
    }
    const secret = raw.replace(/\r?\n$/, "");
    if (secret.trim() === "") throw new UsageError("--secret-stdin: no secret was given on stdin.");
    input.secret = secret;
  }
  if (Object.keys(input).every((k) => k === "live" || k === "checks")) {
    throw new UsageError("Nothing to check: give --manifest FILE (or --client-id, --tenant, --secret-stdin…). Run with --help for usage.");
  }

  const result = await verifyRaw(input, {
    live: liveOptions(cfg),
  });
  if (!result.ok) {
    const error = safeFieldError(result.error);
    if (v.json) process.stdout.write(`${JSON.stringify({ error }, null, 2)}\n`);
    const field = error.field;
    // Named as the person typed it (--account-type), not as the API calls it (signInAudience).
    const flag = field ? (FLAG_OF[field.replace(/\[\d+\].*$/, "")] ?? field) : "";
    const message = field && error.message.startsWith(`${field}: `) ? error.message.slice(field.length + 2) : error.message;
    process.stderr.write(`verify: ${flag ? `${flag}: ` : ""}${message}\n`);
    return 2;
  }
  const report = result.report;
  if (v.json) {
    // The API's answer exactly: a link to another step of the guide as a full address on SITE_URL.
    process.stdout.write(`${JSON.stringify(withFullLinks(report, cfg.SITE_URL), null, 2)}\n`);
  } else {
    const enabled =
      !v["no-color"] &&
      !("NO_COLOR" in process.env && process.env.NO_COLOR !== "") &&
      process.env.TERM !== "dumb" &&
      (Boolean(process.stdout.isTTY) || ("FORCE_COLOR" in process.env && process.env.FORCE_COLOR !== "0"));
    process.stdout.write(`${render(report, pc.createColors(enabled), cfg.SITE_URL)}\n`);
  }
  return report.checks.some((c) => c.status === "fail") ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    // Scrubbed like every error leaving the checker: a usage message may quote what was typed (a file name).
    const message = scrubSecretShapes(
      e instanceof UsageError ? e.message : `unexpected error (${e instanceof Error ? e.name : typeof e}); nothing was sent anywhere.`,
    ).text;
    process.stderr.write(`verify: ${message}\n`);
    // With --json, every exit 2 leaves an { error } on stdout, as an invalid input does: a script reads one shape.
    if (process.argv.slice(2).includes("--json")) {
      process.stdout.write(`${JSON.stringify({ error: { code: e instanceof UsageError ? "usage" : "internal", message, field: null } }, null, 2)}\n`);
    }
    process.exitCode = 2;
  },
);
