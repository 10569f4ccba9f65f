// Contract-valid reports for data tests, built with the checker's own constructors.
import { buildReport, makeCheck, type CheckId, type Report, type Status } from "../../lib/verify/report";

/** A report with the given check statuses, e.g. report({ "redirect-uri": "fail", "sign-in-audience": "pass" }). */
export function report(statuses: Partial<Record<CheckId, Status>>): Report {
  const checks = Object.entries(statuses).map(([id, status]) =>
    makeCheck(
      id as CheckId,
      status!,
      status === "pass" ? "Looks right." : status === "skip" ? "Not given." : status === "error" ? "Microsoft could not be reached." : `Problem with ${id}.`,
      status === "fail" || status === "warn" ? `Fix ${id} as the guide says.` : undefined,
    ),
  );
  return buildReport(checks);
}
