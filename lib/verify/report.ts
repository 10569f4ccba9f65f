// The report every surface returns (contract: /work/shared/reference/verification-contract.md).
import { z } from "zod";
import { GUIDE, STEPS, VERIFIABLE_STEPS, docsLink, type StepId, type VerifiableStep } from "./constants";

export const STATUSES = ["pass", "warn", "fail", "skip", "error"] as const;
export type Status = (typeof STATUSES)[number];

/** Stable check ids, in report order. People script against them: never change their meaning. */
export const CHECK_IDS = [
  "manifest.format",
  "client-id.format",
  "client-id.match",
  "tenant.format",
  "sign-in-audience",
  "redirect-uri",
  "secret.shape",
  "secret.match",
  "secret.expiry",
  "permissions.resource",
  "permissions.financials",
  "permissions.user-impersonation",
  "permissions.extra",
  "consent.admin",
  "live.token",
  "live.registration",
] as const;
export type CheckId = (typeof CHECK_IDS)[number];

export const CHECK_INFO: Record<CheckId, { step: StepId; title: string }> = {
  "manifest.format": { step: "register-application", title: "App manifest" },
  "client-id.format": { step: "register-application", title: "Application (client) ID" },
  "client-id.match": { step: "register-application", title: "Client ID matches the manifest" },
  "tenant.format": { step: "register-application", title: "Directory (tenant) ID" },
  "sign-in-audience": { step: "register-application", title: "Supported account types" },
  "redirect-uri": { step: "register-application", title: "Web redirect URI" },
  "secret.shape": { step: "client-secret", title: "Client secret value" },
  "secret.match": { step: "client-secret", title: "Client secret belongs to this app" },
  "secret.expiry": { step: "client-secret", title: "Client secret expiry" },
  "permissions.resource": { step: "api-permissions", title: "Dynamics 365 Business Central API" },
  "permissions.financials": { step: "api-permissions", title: "Delegated Financials.ReadWrite.All" },
  "permissions.user-impersonation": { step: "api-permissions", title: "Delegated user_impersonation" },
  "permissions.extra": { step: "api-permissions", title: "No more permissions than needed" },
  "consent.admin": { step: "api-permissions", title: "Admin consent" },
  "live.token": { step: "client-secret", title: "Sign-in with your tenant, client ID and secret (live)" },
  "live.registration": { step: "register-application", title: "Registration as Microsoft has it (live)" },
};

export interface Check {
  id: CheckId;
  step: StepId;
  status: Status;
  title: string;
  detail: string;
  fix?: string;
  docs: string;
  /** A link the person can follow (e.g. the admin-consent URL). */
  link?: { label: string; href: string };
  /**
   * For a check that judges facts of several steps at once (live.registration: the registration read
   * from Microsoft holds the account type and redirect URIs of one step and the permissions of
   * another), its verdict on each step it learnt something about; `{}` for a check that learnt nothing
   * about its own step (live.token refused for an unknown client ID or tenant never tried the secret). A step absent from it learnt
   * nothing from this check (the registration could not be read from this tenant). Progress reads it
   * so a missing permission fails the permissions step, not the registration step. Additive to the
   * contract: a caller that does not know it reads `status`, the worst of these.
   */
  byStep?: Partial<Record<VerifiableStep, Status>>;
}

export interface Report {
  guide: typeof GUIDE;
  summary: Status;
  checks: Check[];
}

export function makeCheck(
  id: CheckId,
  status: Status,
  detail: string,
  fix?: string,
  link?: { label: string; href: string },
): Check {
  const info = CHECK_INFO[id];
  const c: Check = { id, step: info.step, status, title: info.title, detail, docs: docsLink(info.step) };
  if (fix) c.fix = fix;
  if (link) c.link = link;
  return c;
}

/**
 * A check's link as a full address: a link to another step of the guide is a path on the site's own pages
 * (the panels follow it as it is); the API's answers and the CLI's lines give it on SITE_URL.
 */
export function fullLink(link: { label: string; href: string }, siteUrl: string): { label: string; href: string } {
  return link.href.startsWith("/") ? { ...link, href: `${siteUrl.replace(/\/+$/, "")}${link.href}` } : link;
}

/** The report with every check's link a full address (fullLink). */
export function withFullLinks(report: Report, siteUrl: string): Report {
  if (!report.checks.some((c) => c.link?.href.startsWith("/"))) return report;
  return { ...report, checks: report.checks.map((c) => (c.link ? { ...c, link: fullLink(c.link, siteUrl) } : c)) };
}

const RANK: Record<Status, number> = { skip: 0, pass: 1, warn: 2, error: 3, fail: 4 };

/** Worst status, fail > error > warn > pass; skip never raises it (all skipped: skip). */
export function worst(statuses: Iterable<Status>): Status {
  let w: Status = "skip";
  for (const s of statuses) if (RANK[s] > RANK[w]) w = s;
  return w;
}

export function buildReport(checks: Check[]): Report {
  return { guide: GUIDE, summary: worst(checks.map((c) => c.status)), checks };
}

const checkSchema = z
  .strictObject({
    id: z.enum(CHECK_IDS).describe("Stable check id (`redirect-uri`, `live.token`, …): script against it"),
    step: z.enum(STEPS).describe("The guide's step the check belongs to"),
    status: z.enum(STATUSES).describe("`skip`: the input lacked what it needs; `error`: it could not run (never a verdict)"),
    title: z.string().min(1).describe("What is checked, for a person"),
    detail: z.string().min(1).describe("What was found"),
    fix: z.string().min(1).optional().describe("What to do: on every `fail` and `warn`"),
    docs: z.string().regex(/^\/guides\/dynamics365-business-central\/setup#[a-z-]+$/).describe("The guide's section for the step"),
    link: z
      .strictObject({ label: z.string().min(1), href: z.union([z.url(), z.string().regex(/^\/guides\/dynamics365-business-central\/setup#[a-z-]+$/)]) })
      .optional()
      .describe("A link to follow: the tenant's admin-consent URL, or another step of the guide that holds the fix (a full address in the API's answers)"),
    byStep: z
      .partialRecord(z.enum(VERIFIABLE_STEPS), z.enum(STATUSES))
      .optional()
      .describe(
        "`live.registration`: its verdict on each step whose facts the registration read holds (`status` is the worst of them); a step absent learnt nothing from it. `live.token`: `{}` when Microsoft refused the client ID or tenant, so the secret was never tried. `secret.expiry` in a signed-in report: `{}` when it judged the app's latest secret, not the one you use",
      ),
  })
  .refine((c) => (c.status === "fail" || c.status === "warn" ? !!c.fix : true), {
    message: "fail and warn need a fix",
  })
  .refine((c) => c.step === CHECK_INFO[c.id].step && c.docs.endsWith(`#${c.step}`), {
    message: "step and docs must match the check id",
  });

/** The contract as a schema: tests (and cautious callers) validate reports with it. */
export const reportSchema = z
  .strictObject({
    guide: z.literal(GUIDE),
    summary: z.enum(STATUSES),
    checks: z.array(checkSchema),
  })
  .refine((r) => r.summary === worst(r.checks.map((c) => c.status)), { message: "summary must be the worst status" })
  .refine((r) => new Set(r.checks.map((c) => c.id)).size === r.checks.length, { message: "check ids must be unique" });

/** Replaces every occurrence of the given secrets in every string of a report. */
export function redact<T>(value: T, secrets: readonly string[]): T {
  const needles = [...new Set(secrets.filter((s) => s.length >= 6))].sort((a, b) => b.length - a.length);
  if (needles.length === 0) return value;
  const scrub = (s: string) => {
    let out = s;
    for (const n of needles) if (out.includes(n)) out = out.split(n).join("[redacted]");
    return out;
  };
  const walk = (v: unknown): unknown => {
    if (typeof v === "string") return scrub(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === "object") {
      const o: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) o[k] = walk(x);
      return o;
    }
    return v;
  };
  return walk(value) as T;
}
