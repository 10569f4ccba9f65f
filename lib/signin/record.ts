import "server-only";
// The ONE place a signed-in check is recorded: a normal run (source "signed-in") on the customer's
// setup, through the data layer's recordRun like the "Verify my setup" panels.
import { recordRun } from "../progress";
import type { Report } from "../verify/report";

export async function recordSignedInRun(r: { setupPublicId: string; report: Report; clientId: string; tenant: string; durationMs: number; idempotencyKey: string }) {
  return recordRun({ setupPublicId: r.setupPublicId, stepId: null, source: "signed_in", report: r.report, clientId: r.clientId, tenant: r.tenant, durationMs: r.durationMs, idempotencyKey: r.idempotencyKey, view: false });
}
