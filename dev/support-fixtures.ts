// Deterministic support-console test data, inserted in bulk (createMany): thousands of setups
// across every status and step, some stuck, with verification runs. Not a test file itself.
import { randomUUID } from "node:crypto";
import type { PrismaClient, RunSource, SetupStatus } from "../lib/db";
import type { SetupListItem } from "../lib/progress";
import { GUIDE as SUPPORT_GUIDE, STEP_LIST as SUPPORT_STEPS } from "../lib/steps";

import { rng } from "../lib/db/seed";

export { rng };

const WORDS = ["Acme", "Globex", "Initech", "Umbrella", "Stark", "Wayne", "Hooli", "Vandelay", "Soylent", "Tyrell", "Wonka", "Cyberdyne"];
const SUFFIX = ["Ltd", "GmbH", "Inc", "BV", "SAS", "plc"];
export const CHECK_IDS = [
  "redirect-uri",
  "sign-in-audience",
  "secret.shape",
  "secret.expiry",
  "permissions.financials",
  "permissions.user-impersonation",
  "live.token",
];
const STATUSES: SetupStatus[] = ["not_started", "in_progress", "failing", "completed"];
const SOURCES: RunSource[] = ["form", "manifest", "live", "api", "cli"];
const DAY = 86_400_000;

export function guid(r: () => number): string {
  const h = () => Math.floor(r() * 16).toString(16);
  const part = (n: number) => Array.from({ length: n }, h).join("");
  return `${part(8)}-${part(4)}-4${part(3)}-a${part(3)}-${part(12)}`;
}

export interface SeedOptions {
  count: number;
  seed?: number;
  now?: Date;
  /** Prefix of every company name, so tests can find their own rows. */
  tag?: string;
}

/** A seeded setup: the fields of a support list row. */
export type SeededSetup = Omit<SetupListItem, "completedAt" | "verifiedSteps">;

export async function seedSetups(prisma: PrismaClient, o: SeedOptions): Promise<SeededSetup[]> {
  const r = rng(o.seed ?? 42);
  const now = o.now ?? new Date();
  const rows: SeededSetup[] = [];
  for (let i = 0; i < o.count; i++) {
    const status = STATUSES[Math.floor(r() * STATUSES.length)]!;
    const stepIdx = status === "not_started" ? 0 : 1 + Math.floor(r() * (SUPPORT_STEPS.length - 1));
    const createdAt = new Date(now.getTime() - Math.floor(r() * 120 * DAY));
    // Many rows share timestamps (same second) so keyset ties on the id are exercised.
    const activityAgo = Math.floor(r() * 10) * 3600_000 * (r() < 0.5 ? 1 : 24);
    const lastActivityAt = new Date(Math.max(createdAt.getTime(), now.getTime() - activityAgo) - (Math.floor(r() * 3) * 1000));
    const consecutiveFailures = status === "failing" ? 1 + Math.floor(r() * 4) : 0;
    const word = WORDS[Math.floor(r() * WORDS.length)]!;
    const named = r() < 0.9;
    rows.push({
      id: randomUUID(),
      // Shaped like real public ids (16+ URL-safe characters), unique per tag.
      publicId: `${o.tag ?? "t"}-${i.toString(36).padStart(6, "0")}-${Math.floor(r() * 36 ** 8).toString(36).padStart(8, "0")}`,
      companyName: named ? `${o.tag ? `${o.tag} ` : ""}${word} ${SUFFIX[i % SUFFIX.length]} ${i}` : null,
      contactEmail: r() < 0.85 ? `ops${i}@${word.toLowerCase()}.example` : null,
      clientId: status === "not_started" ? null : guid(r),
      status,
      currentStep: status === "completed" ? null : SUPPORT_STEPS[stepIdx]!.id,
      failedRuns: status === "not_started" ? 0 : Math.floor(r() * 8),
      consecutiveFailures,
      lastFailedCheck: consecutiveFailures ? CHECK_IDS[Math.floor(r() * CHECK_IDS.length)]! : null,
      createdAt,
      lastActivityAt,
    });
  }
  for (let i = 0; i < rows.length; i += 1000) {
    await prisma.setup.createMany({
      data: rows.slice(i, i + 1000).map((s) => ({
        ...s,
        guide: SUPPORT_GUIDE,
        completedAt: s.status === "completed" ? s.lastActivityAt : null,
      })),
    });
  }
  return rows;
}

export interface SeededRun {
  setupId: string | null;
  failedChecks: string[];
  createdAt: Date;
}

/** `count` runs spread over the last `days` days across the given setups, with random failing checks. */
export async function seedRuns(
  prisma: PrismaClient,
  setups: { id: string }[],
  o: { count: number; days: number; seed?: number; now?: Date },
): Promise<SeededRun[]> {
  const r = rng(o.seed ?? 7);
  const now = o.now ?? new Date();
  const runs = Array.from({ length: o.count }, (_, i) => {
    const failed = CHECK_IDS.filter(() => r() < 0.2);
    const setup = setups.length && r() < 0.95 ? setups[Math.floor(r() * setups.length)]! : null;
    return {
      publicId: `run${i}x${Math.floor(r() * 1e9).toString(36)}`,
      setupId: setup?.id ?? null,
      stepId: "register-application",
      source: SOURCES[i % SOURCES.length]!,
      summary: failed.length ? ("fail" as const) : ("pass" as const),
      report: { guide: SUPPORT_GUIDE, summary: failed.length ? "fail" : "pass", checks: failed.map((id) => ({ id, status: "fail", title: id, fix: `Fix ${id}` })) },
      failedChecks: failed,
      durationMs: 5,
      createdAt: new Date(now.getTime() - Math.floor(r() * o.days * DAY)),
    };
  });
  for (let i = 0; i < runs.length; i += 1000) await prisma.verificationRun.createMany({ data: runs.slice(i, i + 1000) });
  // Back-dated runs: the daily rollup of failing checks of those days no longer holds (rebuilt on the next read).
  await prisma.$executeRaw`TRUNCATE failing_check_daily, failing_check_rollup`;
  return runs.map((x) => ({ setupId: x.setupId, failedChecks: x.failedChecks, createdAt: x.createdAt }));
}
