// GET /api/support/export?<the list's filters> — the filtered setups as a streamed CSV download.
// Checks the staff session itself and writes an audit row before the first byte.
import "server-only";
import { signInPath, staffFromRequest } from "../auth";
import { requestInfo } from "../auth/request-info";
import { config } from "../config";
import { AUDIT_ACTIONS, recordAudit } from "../progress";
import { setupsCsvStream } from "./export";
import { filtersOf, parseListParams } from "./filters";

function wantsHtml(request: Request): boolean {
  return (request.headers.get("accept") ?? "").includes("text/html");
}

export async function handleExport(request: Request): Promise<Response> {
  const url = new URL(request.url);
  let staff;
  try {
    staff = await staffFromRequest(request);
  } catch {
    return Response.json({ error: { code: "unavailable", message: "Could not check your session: the database did not answer. Try again." } }, { status: 503 });
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
  try {
    await recordAudit({
      actor: { userId: staff.userId, email: staff.email },
      action: AUDIT_ACTIONS.exportCsv,
      details: { filters },
      request: requestInfo(request.headers),
    });
  } catch {
    return Response.json({ error: { code: "unavailable", message: "Could not export: the database did not answer. Try again." } }, { status: 503 });
  }
  const stream = setupsCsvStream(filters, { days: config().SUPPORT_STUCK_DAYS, now });
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
