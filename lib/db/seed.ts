// Demo and benchmark data: realistic setups across every step and status, with attempt histories
// over the last ~120 days and the near-miss mistakes people really make (redirect URI with a
// trailing slash, the Secret ID instead of the Value, single-tenant account type, permissions added
// as application roles, AADSTS7000215 from Microsoft…). Reports are contract-valid (built with the
// checker's own constructors). Rows go in with multi-row INSERT … SELECT FROM unnest($arrays),
// thousands per statement, so 100k setups take seconds, not minutes.
import "server-only";
import { createHmac, randomBytes } from "node:crypto";
import { faker } from "@faker-js/faker";
import pg from "pg";
import { CHECK_INFO, buildReport, makeCheck, type CheckId, type Report, type Status } from "../verify/report";
import { GUIDE, STEPS, type StepId } from "../verify/constants";
import { deriveSetupState, type StepStatus } from "../steps";
import { pgConfig } from "./connection";

export interface SeedOptions {
  setups: number;
  /** Delete existing setups, step progress and runs first. */
  reset?: boolean;
  seed?: number;
  now?: Date;
  /** Key of the secret fingerprints (the app's SECRET_FINGERPRINT_KEY, so fingerprints compare). */
  fingerprintKey: string;
  batchSize?: number;
  onProgress?: (done: number) => void;
}

export interface SeedResult {
  setups: number;
  stepRows: number;
  runs: number;
  byStatus: Record<string, number>;
  byCurrentStep: Record<string, number>;
  runsBySummary: Record<string, number>;
  ms: number;
}

const DAY = 86_400_000;
const VERIFIABLE: readonly StepId[] = ["register-application", "client-secret", "api-permissions"];
const SOURCES = ["form", "form", "form", "manifest", "manifest", "live", "api", "cli"] as const;
const REDIRECT = "https://dynamics365businesscentral.codat.io/oauth/callback";

// ---- report templates: what passing and failing attempts of each step look like ----

type Template = { index: number; summary: Status; failed: CheckId[]; json: string };
const TEMPLATES: Template[] = [];

function template(checks: ReturnType<typeof makeCheck>[]): Template {
  const report: Report = buildReport(checks);
  const t = { index: TEMPLATES.length, summary: report.summary, failed: checks.filter((c) => c.status === "fail").map((c) => c.id), json: JSON.stringify(report) };
  TEMPLATES.push(t);
  return t;
}

const PASS: Record<string, Template[]> = {
  "register-application": [
    template([
      makeCheck("client-id.format", "pass", "The application (client) ID is a GUID."),
      makeCheck("sign-in-audience", "pass", "Accounts in any organizational directory and personal Microsoft accounts."),
      makeCheck("redirect-uri", "pass", `${REDIRECT} is registered on the Web platform.`),
    ]),
  ],
  "client-secret": [
    template([
      makeCheck("secret.shape", "pass", "The secret looks like a client secret value."),
      makeCheck("live.token", "pass", "Microsoft issued a token for this tenant, client ID and secret."),
    ]),
    template([
      makeCheck("secret.shape", "pass", "The secret looks like a client secret value."),
      makeCheck("secret.expiry", "warn", "The client secret expires in 19 days.", "Create a new secret before this one expires, and update it in the Codat Portal."),
    ]),
  ],
  "api-permissions": [
    template([
      makeCheck("permissions.resource", "pass", "Dynamics 365 Business Central is among the required resources."),
      makeCheck("permissions.financials", "pass", "Delegated Financials.ReadWrite.All is requested."),
      makeCheck("permissions.user-impersonation", "pass", "Delegated user_impersonation is requested."),
      makeCheck("permissions.extra", "pass", "Nothing more than the guide asks for."),
    ]),
  ],
};

const FAIL: Record<string, Template[]> = {
  "register-application": [
    template([
      makeCheck("client-id.format", "pass", "The application (client) ID is a GUID."),
      makeCheck("redirect-uri", "fail", `Found ${REDIRECT}/ on Web: a trailing slash (/) at the end.`, `Edit the Web redirect URI so it is exactly ${REDIRECT} (no trailing slash)`),
    ]),
    template([
      makeCheck("redirect-uri", "fail", `Found http://dynamics365businesscentral.codat.io/oauth/callback on Web: http instead of https.`, `Edit the Web redirect URI so it is exactly ${REDIRECT} (https, not http)`),
    ]),
    template([
      makeCheck("redirect-uri", "fail", `Found ${REDIRECT} registered under Single-page application instead of Web.`, `In the app's Authentication page, remove the URI from Single-page application, then choose Add a platform → Web and enter exactly ${REDIRECT}`),
    ]),
    template([
      makeCheck("sign-in-audience", "fail", "Supported account types is AzureADMyOrg (Accounts in this organizational directory only).", "In Authentication → Supported account types, choose Accounts in any organizational directory and personal Microsoft accounts."),
      makeCheck("redirect-uri", "pass", `${REDIRECT} is registered on the Web platform.`),
    ]),
    template([
      makeCheck("client-id.format", "fail", "The client ID is not a GUID (it looks like the app's display name).", "Copy the Application (client) ID from the app's Overview page."),
    ]),
  ],
  "client-secret": [
    template([
      makeCheck("secret.shape", "fail", "The secret is a GUID: that is a Secret ID, not the secret's Value. Microsoft would answer AADSTS7000215 (invalid client secret).", "Copy the Value column of the secret, not the Secret ID."),
    ]),
    template([
      makeCheck("secret.shape", "pass", "The secret looks like a client secret value."),
      makeCheck("live.token", "fail", "AADSTS7000215: Microsoft rejected the secret: it is not a current secret of this app.", "Copy the Value column of the secret, not the Secret ID. If you no longer have the Value, create a new client secret."),
    ]),
    template([
      makeCheck("live.token", "fail", "AADSTS7000222: Microsoft says the client secret has expired.", "Create a new client secret, then delete the expired one."),
    ]),
    template([
      makeCheck("secret.expiry", "fail", "The only client secret expired 3 days ago.", "Create a new client secret and enter its Value in the Codat Portal."),
    ]),
  ],
  "api-permissions": [
    template([
      makeCheck("permissions.resource", "pass", "Dynamics 365 Business Central is among the required resources."),
      makeCheck("permissions.financials", "fail", "Financials.ReadWrite.All is requested as an application permission (Role), not delegated (Scope).", "Remove the application permission and add Financials.ReadWrite.All under Delegated permissions."),
      makeCheck("permissions.user-impersonation", "pass", "Delegated user_impersonation is requested."),
    ]),
    template([
      makeCheck("permissions.resource", "fail", "Dynamics 365 Business Central (996def3d-…) is not among the required resources; Dynamics CRM is.", "Add a permission → APIs my organization uses → Dynamics 365 Business Central."),
    ]),
    template([
      makeCheck("permissions.user-impersonation", "fail", "user_impersonation is missing.", "Add the delegated user_impersonation permission of Dynamics 365 Business Central."),
      makeCheck("permissions.extra", "warn", "API.ReadWrite.All (application) is requested too.", "Remove permissions the guide does not ask for."),
    ]),
  ],
};

const ERROR_TEMPLATE = template([makeCheck("live.token", "error", "Microsoft could not be reached (timeout after 10 s); nothing was concluded.")]);

// Guard: every template uses real check ids on the step they belong to.
for (const [step, list] of Object.entries({ ...PASS, ...FAIL })) {
  for (const t of list) for (const c of (JSON.parse(t.json) as Report).checks) if (CHECK_INFO[c.id].step !== c.step) throw new Error(`seed template ${step}: ${c.id}`);
}

// ---- deterministic randomness ----

/** A small seeded generator (mulberry32): the same seed gives the same data. */
export function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

/** 16 pseudo-random bytes from four 32-bit draws. */
function bytes16(r: () => number): Uint8Array {
  const b = new Uint8Array(16);
  for (let w = 0; w < 4; w++) {
    const x = Math.floor(r() * 4294967296);
    b[w * 4] = x >>> 24;
    b[w * 4 + 1] = (x >>> 16) & 255;
    b[w * 4 + 2] = (x >>> 8) & 255;
    b[w * 4 + 3] = x & 255;
  }
  return b;
}

/** A version-4 UUID. */
function uuid(r: () => number): string {
  const b = bytes16(r);
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = Array.from(b, (x) => HEX[x]!);
  return `${h.slice(0, 4).join("")}-${h.slice(4, 6).join("")}-${h.slice(6, 8).join("")}-${h.slice(8, 10).join("")}-${h.slice(10).join("")}`;
}

function publicId(r: () => number): string {
  return Buffer.from(bytes16(r)).toString("base64url");
}

// ---- batch buffers (column arrays for unnest) ----

class Columns {
  readonly cols: unknown[][];
  constructor(n: number) {
    this.cols = Array.from({ length: n }, () => []);
  }
  push(...values: unknown[]) {
    values.forEach((v, i) => this.cols[i]!.push(v));
  }
  get length() {
    return this.cols[0]!.length;
  }
  clear() {
    for (const c of this.cols) c.length = 0;
  }
}

const SETUP_SQL = `INSERT INTO setup (id, "publicId", guide, "companyName", "contactEmail", status, "currentStep", "clientId", tenant,
    "secretFingerprint", "secretHint", "failedRuns", "lastFailedCheck", "consecutiveFailures", "createdAt", "lastActivityAt", "completedAt",
    "attemptedStepBits", "completedStepBits")
  SELECT id, p, g, cn, ce, st::"SetupStatus", cs, ci, te, sf, sh, fr, lf, cf, ca, la, co, ab, cb
    FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
                $10::text[], $11::text[], $12::int[], $13::text[], $14::int[], $15::timestamptz[], $16::timestamptz[], $17::timestamptz[],
                $18::int[], $19::int[])
      AS t(id, p, g, cn, ce, st, cs, ci, te, sf, sh, fr, lf, cf, ca, la, co, ab, cb)`;
const STEP_SQL = `INSERT INTO step_progress ("setupId", "stepId", status, "attemptCount", "firstAttemptAt", "lastAttemptAt", "startedAt", "completedAt", "lastRunId")
  SELECT s, st, ss::"StepStatus", ac, fa, la, sa, co, lr
    FROM unnest($1::uuid[], $2::text[], $3::text[], $4::int[], $5::timestamptz[], $6::timestamptz[], $7::timestamptz[], $8::timestamptz[], $9::uuid[])
      AS t(s, st, ss, ac, fa, la, sa, co, lr)`;
const RUN_SQL = `INSERT INTO verification_run (id, "publicId", "setupId", "stepId", source, summary, report, "failedChecks", "clientId", tenant,
    "secretFingerprint", "secretHint", "durationMs", "createdAt")
  SELECT id, p, s, st, so::"RunSource", su::"ReportStatus", $15::jsonb -> r, string_to_array(fc, ','), ci, te, sf, sh, d, ca
    FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::int[], $8::text[], $9::text[], $10::text[],
                $11::text[], $12::text[], $13::int[], $14::timestamptz[])
      AS t(id, p, s, st, so, su, r, fc, ci, te, sf, sh, d, ca)`;
// The reports themselves are sent once per statement ($15, a JSON array) and picked by index.
const TEMPLATES_JSON = () => `[${TEMPLATES.map((t) => t.json).join(",")}]`;

/** Fills the database at `url` (already migrated) with `setups` setups. */
export async function seedDatabase(url: string, o: SeedOptions): Promise<SeedResult> {
  const t0 = performance.now();
  const r = rng(o.seed ?? 1);
  faker.seed(o.seed ?? 1);
  const now = (o.now ?? new Date()).getTime();
  const batchSize = o.batchSize ?? 2500;
  // A UTC session like the app's (lib/db/connection.ts): the seed writes timestamps as the app reads them.
  const client = new pg.Client(pgConfig(url, { application_name: "bc-setup-checker-seed" }));
  await client.connect();
  const result: SeedResult = { setups: 0, stepRows: 0, runs: 0, byStatus: {}, byCurrentStep: {}, runsBySummary: {}, ms: 0 };
  const bump = (m: Record<string, number>, k: string) => (m[k] = (m[k] ?? 0) + 1);
  const fp = (secret: string) => `hmac-sha256:${createHmac("sha256", o.fingerprintKey).update(secret).digest("hex")}`;

  // Everything in ONE transaction: an interrupted seed leaves the database as it was.
  let open = false;
  try {
    await client.query("BEGIN");
    open = true;
    await client.query("SET LOCAL synchronous_commit = off");
    await client.query("SET LOCAL maintenance_work_mem = '256MB'");
    if (o.reset) await client.query("TRUNCATE verification_run, step_progress, setup");
    // Loading into empty tables: drop their secondary indexes and foreign keys, and build them
    // again at the end (one sort per index instead of 100k+ index insertions: ~3x faster). Their
    // definitions are read from the catalog, so they come back exactly as the migrations made them.
    const restore = (await tablesEmpty(client)) ? await dropIndexesAndForeignKeys(client) : [];

    const templatesJson = TEMPLATES_JSON();
    const setups = new Columns(19);
    const steps = new Columns(9);
    const runs = new Columns(14);
    // Batches are chained without waiting: PostgreSQL inserts one batch while the next is
    // generated (at most two batches pending).
    const pending: Promise<unknown>[] = [];
    const flush = async () => {
      const s = setups.cols.map((c) => c.slice());
      const p = steps.cols.map((c) => c.slice());
      const v = runs.cols.map((c) => c.slice());
      setups.clear();
      steps.clear();
      runs.clear();
      while (pending.length >= 2) await pending.shift();
      const previous = pending[pending.length - 1] ?? Promise.resolve();
      const batch = previous.then(async () => {
        await client.query(SETUP_SQL, s);
        if (p[0]!.length) await client.query(STEP_SQL, p);
        if (v[0]!.length) await client.query(RUN_SQL, [...v, templatesJson]);
      });
      batch.catch(() => {}); // awaited (and thrown) below
      pending.push(batch);
    };

    for (let i = 0; i < o.setups; i++) {
      const id = uuid(r);
      const company = r() < 0.92 ? faker.company.name() : null;
      const domain = company ? `${company.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 40)}.example` : `${faker.internet.domainWord()}.example`;
      const email = r() < 0.85 ? `${faker.person.firstName().toLowerCase().replace(/[^a-z]/g, "")}.${["it", "ops", "finance", "admin"][i % 4]}@${domain}` : null;
      // Created at least two hours ago, so its events (strictly increasing, see tick) end before now.
      const createdAt = now - 2 * 3600_000 - Math.floor(r() * 120 * DAY);

      // Where the setup got to: index of its current step, and whether it is failing there.
      const roll = r();
      let current: number; // STEPS.length = completed
      if (roll < 0.12) current = 0; // not started (or only the prerequisites page)
      else if (roll < 0.3) current = STEPS.length;
      else current = 1 + Math.floor(r() * (STEPS.length - 1));
      const failing = current > 0 && current < STEPS.length && VERIFIABLE.includes(STEPS[current]!) && r() < 0.55;
      const untouched = current === 0 && r() < 0.7;

      // Walk the steps in order, producing attempts over time.
      // The setup's clock: every event (run, confirmation) is later than the one before, gaps shrink
      // to a second when they would pass the present.
      let clock = createdAt + Math.floor(r() * 3600_000);
      const span = Math.max(now - 3600_000 - clock, 3600_000);
      const tick = (gap: number) => (clock = clock + gap < now - 3600_000 ? clock + Math.max(gap, 1000) : clock + 1000);
      const stepGap = () => Math.floor((r() * span) / 12);
      const clientId = uuid(r);
      const tenant = r() < 0.5 ? `${domain.split(".")[0]!.slice(0, 30)}.onmicrosoft.com` : uuid(r);
      const secret = `${randomBytes(3).toString("base64url").slice(0, 3)}8Q~${randomBytes(27).toString("base64url")}`;
      let failedRuns = 0;
      let consecutive = 0;
      let lastFailedCheck: string | null = null;
      let lastActivity = createdAt;
      let sawClientId = false;
      let sawSecret = false;
      // The setup's step rows' statuses: its step bits come from them as the data layer derives them.
      const statuses: Partial<Record<StepId, StepStatus>> = {};
      const addStep = (step: StepId, status: "in_progress" | "confirmed" | "verified" | "failed", ...rest: unknown[]) => {
        steps.push(id, step, status, ...rest);
        statuses[step] = status;
      };

      const addRun = (step: StepId, tpl: Template, at: number) => {
        const runId = uuid(r);
        const source = SOURCES[Math.floor(r() * SOURCES.length)]!;
        const withSecret = step === "client-secret";
        runs.push(
          runId, publicId(r), id, step, source, tpl.summary, tpl.index, tpl.failed.join(",") || null,
          clientId, tenant, withSecret ? fp(secret) : null, withSecret ? secret.slice(0, 3) : null,
          source === "live" || step === "client-secret" ? 300 + Math.floor(r() * 1500) : 3 + Math.floor(r() * 40), new Date(at).toISOString(),
        );
        bump(result.runsBySummary, tpl.summary);
        result.runs++;
        if (tpl.summary === "fail") {
          failedRuns++;
          if (lastFailedCheck && (tpl.failed as string[]).includes(lastFailedCheck)) consecutive++;
          else {
            consecutive = 1;
            lastFailedCheck = tpl.failed[0] ?? null;
          }
        } else if (tpl.summary === "pass" || tpl.summary === "warn") {
          consecutive = 0;
          lastFailedCheck = null;
        }
        sawClientId = true;
        if (withSecret) sawSecret = true;
        lastActivity = Math.max(lastActivity, at);
        return runId;
      };

      if (!untouched) {
        const upto = Math.min(current, STEPS.length - 1);
        for (let k = 0; k <= upto; k++) {
          const step = STEPS[k]!;
          const done = k < current;
          const at = tick(stepGap());
          if (!VERIFIABLE.includes(step)) {
            // Self-attested: confirmed when done; the current one may just be started (the timer).
            if (done) {
              const confirmedAt = tick(60_000 + Math.floor(r() * 600_000));
              addStep(step, "confirmed", 0, null, null, new Date(at).toISOString(), new Date(confirmedAt).toISOString(), null);
              lastActivity = Math.max(lastActivity, confirmedAt);
            } else if (k === 0 || r() < 0.6) {
              addStep(step, "in_progress", 0, null, null, new Date(at).toISOString(), null, null);
              lastActivity = Math.max(lastActivity, at);
            } else continue;
            result.stepRows++;
            continue;
          }
          // Verifiable: some near-miss failures (the mistakes of FAIL), the odd timeout, then a pass when done.
          // Done: maybe a few misses first. Failing: 1-5 misses, the last one a real failure. Still
          // in progress: nothing yet, or only an attempt Microsoft could not answer (no verdict).
          const misses = done ? (r() < 0.55 ? Math.floor(r() * 3) : 0) : failing ? 1 + Math.floor(r() * 5) : r() < 0.3 ? 1 : 0;
          const mistake = FAIL[step]![Math.floor(r() * FAIL[step]!.length)]!;
          const first = at;
          let last = at;
          let lastRun: string | null = null;
          let attempts = 0;
          let ta = at;
          for (let m = 0; m < misses; m++) {
            const tpl =
              !done && !failing
                ? ERROR_TEMPLATE
                : failing && m === misses - 1
                  ? mistake
                  : r() < 0.08
                    ? ERROR_TEMPLATE
                    : r() < 0.8
                      ? mistake
                      : FAIL[step]![Math.floor(r() * FAIL[step]!.length)]!;
            lastRun = addRun(step, tpl, ta);
            attempts++;
            last = ta;
            ta = tick(60_000 + Math.floor(r() * 6 * 3600_000));
          }
          if (done) {
            const pass = PASS[step]![Math.floor(r() * PASS[step]!.length)]!;
            lastRun = addRun(step, pass, ta);
            attempts++;
            last = ta;
          }

          if (attempts === 0) {
            addStep(step, "in_progress", 0, null, null, new Date(at).toISOString(), null, null);
            lastActivity = Math.max(lastActivity, at);
          } else {
            const status = done ? "verified" : failing ? "failed" : "in_progress";
            addStep(step, status, attempts, new Date(first).toISOString(), new Date(last).toISOString(), null, done ? new Date(last).toISOString() : null, lastRun);
          }
          result.stepRows++;
        }
      }

      const status = current >= STEPS.length ? "completed" : failing ? "failing" : untouched ? "not_started" : "in_progress";
      const currentStep = current >= STEPS.length ? null : STEPS[current]!;
      bump(result.byStatus, status);
      bump(result.byCurrentStep, currentStep ?? "(completed)");
      setups.push(
        id, publicId(r), GUIDE, company, email, status, currentStep,
        sawClientId ? clientId : null, sawClientId ? tenant : null,
        sawSecret ? fp(secret) : null, sawSecret ? secret.slice(0, 3) : null,
        failedRuns, consecutive > 0 ? lastFailedCheck : null, consecutive,
        new Date(createdAt).toISOString(), new Date(lastActivity).toISOString(), status === "completed" ? new Date(lastActivity).toISOString() : null,
        ...stepBits(statuses),
      );
      result.setups++;
      if (setups.length >= batchSize) {
        await flush();
        o.onProgress?.(result.setups);
      }
    }
    if (setups.length) await flush();
    for (const p of pending) await p;
    for (const sql of restore) await client.query(sql);
    // The runs are back-dated: the daily rollup of failing checks (lib/progress/failing-rollup.ts) of
    // those days no longer holds; it is rebuilt by the next read.
    await client.query("TRUNCATE failing_check_daily, failing_check_rollup");
    await client.query("COMMIT");
    open = false;
    await client.query("ANALYZE setup, step_progress, verification_run");
  } finally {
    if (open) await client.query("ROLLBACK").catch(() => {});
    await client.end();
  }
  result.ms = performance.now() - t0;
  return result;
}

const SEEDED_TABLES = ["setup", "step_progress", "verification_run"];

async function tablesEmpty(client: pg.Client): Promise<boolean> {
  const { rows } = await client.query<{ empty: boolean }>(
    "SELECT NOT EXISTS (SELECT 1 FROM setup) AND NOT EXISTS (SELECT 1 FROM step_progress) AND NOT EXISTS (SELECT 1 FROM verification_run) AS empty",
  );
  return rows[0]!.empty;
}

/** Drops the seeded tables' secondary indexes and foreign keys; returns the statements that recreate them. */
async function dropIndexesAndForeignKeys(client: pg.Client): Promise<string[]> {
  const fks = await client.query<{ tbl: string; name: string; def: string }>(
    `SELECT c.conrelid::regclass::text AS tbl, c.conname AS name, pg_get_constraintdef(c.oid) AS def
       FROM pg_constraint c
      WHERE c.contype = 'f' AND (c.conrelid::regclass::text = ANY($1) OR c.confrelid::regclass::text = ANY($1))`,
    [SEEDED_TABLES],
  );
  const idx = await client.query<{ name: string; def: string }>(
    `SELECT i.indexname AS name, i.indexdef AS def
       FROM pg_indexes i
      WHERE i.schemaname = current_schema() AND i.tablename = ANY($1)
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = (quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))::regclass)`,
    [SEEDED_TABLES],
  );
  for (const fk of fks.rows) await client.query(`ALTER TABLE ${fk.tbl} DROP CONSTRAINT ${client.escapeIdentifier(fk.name)}`);
  for (const i of idx.rows) await client.query(`DROP INDEX ${client.escapeIdentifier(i.name)}`);
  return [...idx.rows.map((i) => i.def), ...fks.rows.map((fk) => `ALTER TABLE ${fk.tbl} ADD CONSTRAINT ${client.escapeIdentifier(fk.name)} ${fk.def}`)];
}

/** A setup's step bits (lib/steps.ts STEP_BIT), as recordRun and refreshSetupState write them. */
function stepBits(statuses: Partial<Record<StepId, StepStatus>>): [number, number] {
  const { attemptedStepBits, completedStepBits } = deriveSetupState(statuses);
  return [attemptedStepBits, completedStepBits];
}
