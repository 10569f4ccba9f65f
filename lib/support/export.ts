// The filtered setups list as CSV, streamed: rows are read in keyset batches and written as they
// arrive, so 100,000 rows never sit in memory at once.
import "server-only";
import { iterateSupportSetups, type SetupRow, type StuckRule } from "../progress";
import { csvRow } from "./csv";
import type { SetupFilters } from "./filters";

export const CSV_HEADER = [
  "setup_id",
  "company",
  "contact_email",
  "client_id",
  "status",
  "current_step",
  "failed_attempts",
  "consecutive_failures",
  "last_failed_check",
  "stuck",
  "created_at",
  "last_activity_at",
  "completed_at",
  "verified_steps",
] as const;

export function csvFields(r: SetupRow): (string | number | Date | null)[] {
  return [
    r.publicId,
    r.companyName,
    r.contactEmail,
    r.clientId,
    r.status,
    r.currentStep,
    r.failedRuns,
    r.consecutiveFailures,
    r.lastFailedCheck,
    r.stuck,
    r.createdAt,
    r.lastActivityAt,
    r.completedAt,
    r.verifiedSteps,
  ];
}

/** A byte stream of the CSV (header first). Counts rows into `onDone` when the last batch is written. */
export function setupsCsvStream(
  filters: SetupFilters,
  rule: StuckRule,
  options: { batchSize?: number; onDone?: (rows: number) => void | Promise<void> } = {},
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const batches = iterateSupportSetups(filters, { ...rule, now: rule.now ?? new Date() }, options.batchSize ?? 500);
  let header = true;
  let rows = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (header) {
        header = false;
        // A byte-order mark so spreadsheet programs read UTF-8 company names correctly.
        controller.enqueue(encoder.encode("\uFEFF" + csvRow([...CSV_HEADER])));
        return;
      }
      try {
        const next = await batches.next();
        if (next.done) {
          await options.onDone?.(rows);
          controller.close();
          return;
        }
        rows += next.value.length;
        controller.enqueue(encoder.encode(next.value.map((r) => csvRow(csvFields(r))).join("")));
      } catch (err) {
        controller.error(err);
      }
    },
    async cancel() {
      await batches.return(undefined);
    },
  });
}
