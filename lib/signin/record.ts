// The ONE place a signed-in check is recorded: a normal run (source "signed-in") on the customer's
// setup, through the same call the "Verify my setup" panels use. Re-point this after the data-layer merge.
import { customerStore } from "../customer/deps";
import type { Report } from "../verify/report";

export async function recordSignedInRun(r: { setupPublicId: string; report: Report; clientId: string; tenant: string; durationMs: number; idempotencyKey: string }) {
  return customerStore().recordRun({ setupPublicId: r.setupPublicId, step: null, source: "signed_in", report: r.report, clientId: r.clientId, tenant: r.tenant, durationMs: r.durationMs, idempotencyKey: r.idempotencyKey });
}
