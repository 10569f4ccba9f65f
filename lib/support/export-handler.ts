// GET /api/support/export?<the list's filters> — the filtered setups as a streamed CSV download.
// Checks the staff session itself, reads the first batch of rows (a database that does not answer is
// a 503, not a 200 with a header and nothing after it), writes the audit row before the first byte
// (outcome "started"), and adds the rows sent and how the export ended (complete, incomplete,
// cancelled) to that row when the stream ends.
import "server-only";
import { signInPath, staffFromRequest } from "../auth";
import { requestInfo } from "../auth/request-info";
import { config } from "../config";
import { log } from "../log";
import { isDatabaseUnavailable } from "../progress";
import { addAuditDetails, AUDIT_ACTIONS, recordAudit } from "../progress/audit";
import { openSetupsCsv, type CsvExportEnd } from "./export";
import { filtersOf, parseListParams } from "./filters";

function wantsHtml(request: Request): boolean {
  return (request.headers.get("accept") ?? "").includes("text/html");
}

function unavailable(message: string): Response {
  return Response.json(
    { error: { code: "unavailable", message } },
    { status: 503, headers: { "cache-control": "no-store", "retry-after": "5" } },
  );
}

/** Any failure before the first byte: an honest 503 in JSON, never a bare 500 (logged when it is not the database). */
function failed(err: unknown, databaseMessage: string): Response {
  if (isDatabaseUnavailable(err)) return unavailable(databaseMessage);
  log().error({ event: "support.export_failed", error: err instanceof Error ? err.name : "unknown" }, "the export failed before its first row");
  return unavailable("Could not export: something went wrong on our side. Nothing was exported. Try again in a moment.");
}

export async function handleExport(request: Request, options: { batchSize?: number } = {}): Promise<Response> {
  const url = new URL(request.url);
  let staff;
  try {
    staff = await staffFromRequest(request);
  } catch (err) {
    return failed(err, "Could not check your session: the database did not answer. Try again in a moment.");
  }
  if (!staff) {
    if (wantsHtml(request)) {
      return new Response(null, {
        status: 303,
        headers: { location: signInPath(`/support${url.search}`), "cache-control": "no-store" },
      });
    }
    return Response.json(
      { error: { code: "unauthorized", message: "Sign in as staff to export setups." } },
      { status: 401, headers: { "cache-control": "no-store" } },
    );
  }
  const { params, errors } = parseListParams(url.searchParams);
  if (errors.length) {
    const e = errors[0]!;
    return Response.json({ error: { code: "invalid_filter", message: `${e.field}: ${e.message}`, field: e.field } }, { status: 400 });
  }
  const filters = filtersOf(params);
  const now = new Date();
  let auditId: string | null = null;
  const recordEnd = async (end: CsvExportEnd) => {
    if (auditId) await addAuditDetails(auditId, { ...end }).catch((err: unknown) => {
      log().warn({ event: "audit.write_failed", action: AUDIT_ACTIONS.exportCsv, error: err instanceof Error ? err.message : String(err) }, "could not add the export's outcome to its audit row");
    });
  };
  let stream: ReadableStream<Uint8Array>;
  try {
    stream = await openSetupsCsv(filters, { days: config().SUPPORT_STUCK_DAYS, now }, { batchSize: options.batchSize, onEnd: recordEnd });
  } catch (err) {
    return failed(err, "Could not export: the database did not answer. Nothing was exported. Try again in a moment.");
  }
  try {
    auditId = await recordAudit({
      actor: { userId: staff.userId, email: staff.email },
      action: AUDIT_ACTIONS.exportCsv,
      details: { filters, outcome: "started" },
      request: requestInfo(request.headers),
    });
  } catch {
    await stream.cancel().catch(() => undefined);
    return unavailable("Could not export: the export could not be recorded in the audit log (the database did not answer). Nothing was exported. Try again in a moment.");
  }
  const stamp = now.toISOString().slice(0, 16).replace(/[-:]/g, "").replace("T", "-");
  return new Response(stream, {
    status: 200,
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="setups-${stamp}.csv"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
