import "server-only";
// The one data layer: customers' setups, step progress, runs, the list (one filter builder for the
// list and its count), the support console's queries (setup view, funnel, failing checks, audit).
// Every function uses the process's database (getPrisma() from lib/db; recordRun, the hot path of every
// verification, speaks SQL on the same pg pool through withPgTransaction); none takes a client.
export {
  startSetup,
  updateSetupDetails,
  getSetup,
  getRun,
  confirmStep,
  startStep,
  newPublicId,
  isPublicIdShape,
  readChecks,
  parseRunPage,
  RUNS_PER_PAGE,
} from "./setups";
export type { StartSetupInput, SetupViewOptions } from "./setups";
export { recordRun, coveredSteps, nextStepProgress } from "./record";
export type { RecordRunInput, RecordRunResult } from "./record";
export { mergeEvidence, parseEvidence, stepState, type Evidence, type StepEvidenceState } from "./evidence";
export {
  listSetups,
  countSetups,
  encodeListCursor,
  decodeListCursor,
  LIST_SORTS,
  listSupportSetups,
  countSupportSetups,
  countAllSetups,
  TOTAL_MAX_AGE_MS,
  iterateSupportSetups,
  CursorError,
} from "./list";
export type { ListSetupsInput, ListSort, SetupListItem, SetupListPage, SetupRow, SetupPage, SupportListFilters, SetupTotal } from "./list";
export { STUCK_FAILURE_STREAK, stuckAt, stuckReason, stuckCutoff, type StuckRule } from "./stuck";
export { stepFunnel, stepFunnelByScan, topFailingChecks, topFailingChecksByScan, parsePeriod, PERIODS, type Funnel, type FunnelStep, type FailingCheck, type PeriodDays } from "./insights";
export { recordAudit, listAudit, encodeAuditCursor, AUDIT_ACTIONS, AUDIT_LABELS, type AuditAction, type AuditInput, type AuditPage, type AuditRow, type AuditFilters } from "./audit";
export { secretFingerprint, secretHint, fingerprintKey } from "./fingerprint";
export { ProgressInputError, SetupNotFoundError, isDatabaseUnavailable } from "./errors";
export type { SetupView, SetupProgress, StepState, RunSummary, RunDetail, CheckResult, StepCell, TimelineRun } from "./views";
