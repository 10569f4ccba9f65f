// The filtered setups list as CSV, streamed: rows are read in keyset batches and written as they
// arrive, so 100,000 rows never sit in memory at once. The first batch is read before anything is
// sent; a failure after that ends the file with a line saying it is incomplete.
import "server-only";
import { log } from "../log";
import { isDatabaseUnavailable, iterateSupportSetups, type SetupRow, type StuckRule } from "../progress";
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

/** How an export ended: every row sent, or stopped (the database, another error, the client went away). */
export type CsvExportEnd =
  | { rows: number; outcome: "complete" }
  | { rows: number; outcome: "incomplete"; reason: "database" | "error" }
  | { rows: number; outcome: "cancelled" };

/**
 * The last line of a CSV whose rows stopped coming: a file that looks complete but is not would be
 * worse. One cell (no comma, no quote), so a spreadsheet shows it whole in the first column.
 */
export function incompleteLine(rows: number, reason: "database" | "error"): string {
  const why = reason === "database" ? "the database stopped answering" : "reading the setups failed";
  return `# export incomplete: ${why} after ${rows} ${rows === 1 ? "row" : "rows"}; download again\r\n`;
}

export interface CsvStreamOptions {
  batchSize?: number;
  /** Told the rows sent and how the export ended, once (its failure never reaches the stream). */
  onEnd?: (end: CsvExportEnd) => void | Promise<void>;
}

/**
 * The HTTP export's stream: the first batch is read before this returns, so a database that does not
 * answer is an error the caller can still answer with a status (nothing has been sent yet). After
 * that, as setupsCsvStream.
 */
export async function openSetupsCsv(filters: SetupFilters, rule: StuckRule, options: CsvStreamOptions = {}): Promise<ReadableStream<Uint8Array>> {
  const batches = iterateSupportSetups(filters, { ...rule, now: rule.now ?? new Date() }, options.batchSize ?? 500);
  let first: IteratorResult<SetupRow[]>;
  try {
    first = await batches.next();
  } catch (err) {
    await batches.return(undefined).catch(() => undefined);
    throw err;
  }
  return csvStream(batches, first.done ? { done: true } : { rows: first.value }, options);
}

/**
 * A byte stream of the CSV (header first), rows read in keyset batches as the client reads. A failure
 * after the header ends the file with incompleteLine() instead of cutting it where a batch stopped.
 */
export function setupsCsvStream(filters: SetupFilters, rule: StuckRule, options: CsvStreamOptions = {}): ReadableStream<Uint8Array> {
  const batches = iterateSupportSetups(filters, { ...rule, now: rule.now ?? new Date() }, options.batchSize ?? 500);
  return csvStream(batches, null, options);
}

function csvStream(
  batches: AsyncGenerator<SetupRow[]>,
  first: { rows: SetupRow[] } | { done: true } | null,
  options: CsvStreamOptions,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let pending: SetupRow[] | null = first && "rows" in first ? first.rows : null;
  let finished = first !== null && "done" in first;
  let header = true;
  let rows = 0;
  let ended = false;
  const end = async (e: CsvExportEnd) => {
    if (ended) return;
    ended = true;
    try {
      await options.onEnd?.(e);
    } catch {
      // The caller's bookkeeping (an audit update) failing must not change what the client gets.
    }
  };
  const write = (controller: ReadableStreamDefaultController<Uint8Array>, batch: SetupRow[]) => {
    rows += batch.length;
    controller.enqueue(encoder.encode(batch.map((r) => csvRow(csvFields(r))).join("")));
  };
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (header) {
        header = false;
        // A byte-order mark so spreadsheet programs read UTF-8 company names correctly.
        controller.enqueue(encoder.encode("\uFEFF" + csvRow([...CSV_HEADER])));
        return;
      }
      if (pending) {
        write(controller, pending);
        pending = null;
        return;
      }
      if (finished) {
        await end({ rows, outcome: "complete" });
        controller.close();
        return;
      }
      let next: IteratorResult<SetupRow[]>;
      try {
        next = await batches.next();
      } catch (err) {
        if (ended) return; // the client went away while the batch was read: nothing left to tell it
        const reason = isDatabaseUnavailable(err) ? "database" : "error";
        log().error({ event: "support.export_incomplete", rows, reason, error: err instanceof Error ? err.message : String(err) }, "CSV export stopped before its last row");
        controller.enqueue(encoder.encode(incompleteLine(rows, reason)));
        await end({ rows, outcome: "incomplete", reason });
        controller.close();
        return;
      }
      // The client went away (cancel) while the batch was read: the stream is closed, write nothing.
      if (ended) return;
      if (next.done) {
        finished = true;
        await end({ rows, outcome: "complete" });
        controller.close();
        return;
      }
      write(controller, next.value);
    },
    async cancel() {
      await end({ rows, outcome: "cancelled" });
      await batches.return(undefined).catch(() => undefined);
    },
    // Read a batch only when the client asks for one (no read-ahead): the rows sent, and where a cut-off
    // file stops, follow what the client took, and a slow client holds no batch in memory.
  }, { highWaterMark: 0 });
}
