// CustomerStore on lib/progress (Postgres through Prisma): the customer use-cases' storage, with the
// setups and runs turned into the plain, secret-free views the browser gets.
import { confirmStep, getRun, getSetup, recordRun, startSetup, startStep, updateSetupDetails, type SetupView } from "../progress";
import { isGuid, trimAll } from "../verify/text";
import type { CustomerStore, RunView } from "./ports";
import { STEPS, type StepId } from "./steps";
import type { ProgressView, StepView } from "./view";

const DOMAIN_OR_GUID = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63})$/i;

export function resumeUrl(siteUrl: string, publicId: string): string {
  return new URL(`/resume/${publicId}`, siteUrl).href;
}

export function toProgressView(setup: SetupView, siteUrl: string): ProgressView {
  const steps = {} as Record<StepId, StepView>;
  for (const id of STEPS) {
    const s = setup.steps.find((x) => x.stepId === id);
    steps[id] = {
      status: s?.status ?? "not_started",
      attemptCount: s?.attemptCount ?? 0,
      lastAttemptAt: s?.lastAttemptAt?.toISOString() ?? null,
      startedAt: s?.startedAt?.toISOString() ?? null,
      completedAt: s?.completedAt?.toISOString() ?? null,
      lastReportUrl: s?.lastRunPublicId ? `/reports/${s.lastRunPublicId}` : null,
    };
  }
  return {
    publicId: setup.publicId,
    resumeUrl: resumeUrl(siteUrl, setup.publicId),
    companyName: setup.companyName,
    contactEmail: setup.contactEmail,
    clientId: setup.clientId,
    tenant: setup.tenant,
    secretHint: setup.secretHint,
    currentStep: setup.currentStep,
    steps,
    createdAt: setup.createdAt.toISOString(),
  };
}

/** Only well-formed values are remembered on the setup (a typo is not worth prefilling next time). */
export function rememberable(input: { clientId?: string; tenant?: string }): { clientId?: string; tenant?: string } {
  const out: { clientId?: string; tenant?: string } = {};
  const id = input.clientId !== undefined ? trimAll(input.clientId) : undefined;
  if (id && isGuid(id)) out.clientId = id.toLowerCase();
  const t = input.tenant !== undefined ? trimAll(input.tenant) : undefined;
  if (t && t.length <= 255 && DOMAIN_OR_GUID.test(t)) out.tenant = t.toLowerCase();
  return out;
}

export function prismaCustomerStore(siteUrl: string): CustomerStore {
  const view = (s: SetupView | null) => (s ? toProgressView(s, siteUrl) : null);
  return {
    async findSetup(publicId) {
      return view(await getSetup(publicId, { recentRuns: 0 }));
    },
    async createSetup(details) {
      const publicId = await startSetup(details);
      const s = await getSetup(publicId, { recentRuns: 0 });
      if (!s) throw new Error("the new setup could not be read back");
      return toProgressView(s, siteUrl);
    },
    async updateDetails(publicId, details) {
      return view(await updateSetupDetails(publicId, details));
    },
    async recordRun(input) {
      const res = await recordRun({
        setupPublicId: input.setupPublicId,
        stepId: input.step,
        source: input.source,
        report: input.report,
        durationMs: input.durationMs,
        idempotencyKey: input.idempotencyKey,
        ...rememberable(input),
        ...(input.secret !== undefined ? { secret: input.secret } : {}),
      });
      if (!res.setup) throw new Error("a run on a setup came back without the setup");
      return { runPublicId: res.runPublicId, duplicate: res.duplicate, progress: toProgressView(res.setup, siteUrl) };
    },
    async confirmStep(publicId, step, confirmed) {
      return view(await confirmStep(publicId, step, confirmed));
    },
    async startStep(publicId, step) {
      return view(await startStep(publicId, step));
    },
    async getRun(runPublicId): Promise<RunView | null> {
      const r = await getRun(runPublicId);
      if (!r) return null;
      return {
        publicId: r.publicId,
        step: r.stepId,
        source: r.source,
        report: r.report,
        createdAt: r.createdAt.toISOString(),
        clientId: r.clientId,
        tenant: r.tenant,
        secretHint: r.secretHint,
        setupPublicId: r.setupPublicId,
      };
    },
  };
}
