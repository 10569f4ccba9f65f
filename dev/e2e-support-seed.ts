// Data for the support console's browser tests, loaded by scripts/e2e-server.ts into its throwaway
// database: a staff user with a known TEST password (this database only exists for the test run),
// a few hundred generated setups with runs, and one hand-written customer, ACME, stuck on the
// client secret after pasting the Secret ID. What the spec needs to know is written to
// .tmp/e2e-support.json.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { closeDatabase, createDatabase } from "../lib/db";
import { createStaffUser } from "../lib/auth/staff";
import { GUIDE as SUPPORT_GUIDE } from "../lib/steps";
import { seedRuns, seedSetups } from "./support-fixtures";

export const E2E_SUPPORT_FILE = path.join(".tmp", "e2e-support.json");

export interface E2ESupportData {
  databaseUrl: string;
  email: string;
  password: string;
  acme: { publicId: string; company: string; clientId: string; runPublicIds: string[] };
}

const DOCS = "/guides/dynamics365-business-central/setup";
const MIN = 60_000;

function check(id: string, step: string, status: "pass" | "fail" | "warn" | "skip", title: string, detail: string, fix?: string) {
  return { id, step, status, title, detail, ...(fix ? { fix, docs: `${DOCS}#${step}` } : {}) };
}

export async function seedSupportE2E(databaseUrl: string, options: { secret: string; baseURL: string }): Promise<E2ESupportData> {
  const db = createDatabase(databaseUrl, { max: 4, applicationName: "e2e-support-seed" });
  try {
    const prisma = db.prisma;
    const email = "e2e-staff@example.com";
    const password = "e2e staff password (test only)";
    await createStaffUser(prisma, { email, name: "E2E Staff", password }, options);

    const setups = await seedSetups(prisma, { count: 400, seed: 2026 });
    await seedRuns(prisma, setups, { count: 1500, days: 90, seed: 99 });

    const now = Date.now();
    const t = (minutesAgo: number) => new Date(now - minutesAgo * MIN);
    const acme = {
      publicId: "acme-e2e-7QkP2vX9",
      company: "ACME Manufacturing Ltd",
      clientId: "3f2a9c1e-8b7d-4e6f-a5c4-1d2e3f4a5b6c",
    };
    const setup = await prisma.setup.create({
      data: {
        publicId: acme.publicId,
        guide: SUPPORT_GUIDE,
        companyName: acme.company,
        contactEmail: "it-team@acme-manufacturing.example",
        status: "failing",
        currentStep: "client-secret",
        clientId: acme.clientId,
        tenant: "acme-manufacturing.onmicrosoft.com",
        secretHint: "7c9",
        failedRuns: 4,
        lastFailedCheck: "secret.shape",
        consecutiveFailures: 3,
        createdAt: t(60 * 26),
        lastActivityAt: t(20),
      },
    });
    const redirectFix = "Edit the Web redirect URI so it is exactly https://dynamics365businesscentral.codat.io/oauth/callback";
    const secretFix = "Copy the secret's Value (shown once, when you create it), not its Secret ID.";
    const runs = [
      {
        publicId: "acme-run-manifest-1",
        stepId: null,
        source: "manifest" as const,
        summary: "fail" as const,
        at: t(60 * 25),
        checks: [
          check("client-id.format", "register-application", "pass", "Application (client) ID", "A GUID."),
          check("sign-in-audience", "register-application", "pass", "Supported account types", "AzureADandPersonalMicrosoftAccount."),
          check(
            "redirect-uri",
            "register-application",
            "fail",
            "Web redirect URI",
            "Found https://dynamics365businesscentral.codat.io/oauth/callback/ (trailing slash).",
            redirectFix,
          ),
        ],
      },
      {
        publicId: "acme-run-form-2",
        stepId: "register-application",
        source: "form" as const,
        summary: "pass" as const,
        at: t(60 * 24),
        checks: [
          check("client-id.format", "register-application", "pass", "Application (client) ID", "A GUID."),
          check("redirect-uri", "register-application", "pass", "Web redirect URI", "Exactly the required URI, on the Web platform."),
        ],
      },
      ...[3, 4, 5].map((n, i) => ({
        publicId: `acme-run-secret-${n}`,
        stepId: "client-secret",
        source: (["form", "api", "cli"] as const)[i]!,
        summary: "fail" as const,
        at: t(60 * (3 - i) + 20),
        checks: [
          check(
            "secret.shape",
            "client-secret",
            "fail",
            "Client secret",
            "The value given is a GUID: that is the Secret ID, not the secret's Value.",
            secretFix,
          ),
          check("live.token", "client-secret", "skip", "Token request", "Skipped: no usable secret."),
        ],
      })),
    ];
    for (const r of runs) {
      await prisma.verificationRun.create({
        data: {
          publicId: r.publicId,
          setupId: setup.id,
          stepId: r.stepId,
          source: r.source,
          summary: r.summary,
          report: { guide: SUPPORT_GUIDE, summary: r.summary, checks: r.checks },
          failedChecks: r.checks.filter((c) => c.status === "fail").map((c) => c.id),
          clientId: acme.clientId,
          tenant: "acme-manufacturing.onmicrosoft.com",
          secretHint: r.stepId === "client-secret" ? "7c9" : null,
          durationMs: 40 + r.checks.length,
          createdAt: r.at,
        },
      });
    }
    await prisma.stepProgress.createMany({
      data: [
        { setupId: setup.id, stepId: "prerequisites", status: "confirmed", startedAt: t(60 * 26), completedAt: t(60 * 26) },
        {
          setupId: setup.id,
          stepId: "register-application",
          status: "verified",
          attemptCount: 2,
          firstAttemptAt: t(60 * 25),
          lastAttemptAt: t(60 * 24),
          completedAt: t(60 * 24),
        },
        { setupId: setup.id, stepId: "client-secret", status: "failed", attemptCount: 3, firstAttemptAt: t(200), lastAttemptAt: t(20) },
      ],
    });

    const data: E2ESupportData = {
      databaseUrl,
      email,
      password,
      acme: { ...acme, runPublicIds: runs.map((r) => r.publicId) },
    };
    mkdirSync(path.dirname(E2E_SUPPORT_FILE), { recursive: true });
    writeFileSync(E2E_SUPPORT_FILE, JSON.stringify(data, null, 2));
    return data;
  } finally {
    await closeDatabase(db);
  }
}
