// The audit row of a console page view, written the same way by every page: who (the staff member),
// what (the action, its target, its details: recordAudit scrubs secret-shaped text out of them) and
// from where (the request's address and user agent), before the page is sent.
import "server-only";
import { currentHeaders, type Staff } from "../auth";
import { requestInfo } from "../auth/request-info";
import { log } from "../log";
import { recordAudit, type AuditAction } from "../progress/audit";

/**
 * Writes the row; never throws. False when it could not be written (logged, without the details):
 * the page decides whether it is still shown (the list, insights and the audit log are; a setup's
 * page, which shows a customer's details, is not).
 */
export async function auditView(
  staff: Staff,
  action: AuditAction,
  what: { target?: { type: string; id: string }; details?: Record<string, unknown> } = {},
): Promise<boolean> {
  try {
    await recordAudit({
      actor: { userId: staff.userId, email: staff.email },
      action,
      ...(what.target ? { target: what.target } : {}),
      ...(what.details ? { details: what.details } : {}),
      request: requestInfo(await currentHeaders()),
    });
    return true;
  } catch (err) {
    log().warn({ event: "audit.write_failed", action, error: err instanceof Error ? err.message : String(err) }, "could not write the audit row of a page view");
    return false;
  }
}
