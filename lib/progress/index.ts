// Progress of customers' setups: the use-cases the verify panels, the report permalinks and the
// support console call. No SQL outside lib/ — route files call these.
export { startSetup, updateSetupDetails, getSetup, getRun, confirmStep, startStep, newPublicId } from "./setups";
export type { StartSetupInput } from "./setups";
export { recordRun, stepVerdicts } from "./record";
export type { RecordRunInput, RecordRunResult, StepVerdict } from "./record";
export { listSetups, countSetups, encodeListCursor, decodeListCursor, LIST_SORTS, SETUP_STATUSES, STUCK_FAILURE_STREAK } from "./list";
export type { ListSetupsInput, ListSort, SetupListItem, SetupListPage } from "./list";
export { secretFingerprint, secretHint, fingerprintKey } from "./fingerprint";
export { ProgressInputError, SetupNotFoundError, isDatabaseUnavailable } from "./errors";
export { STEP_IDS, VERIFIABLE_STEPS, CONFIRMABLE_STEPS, GUIDE, isStepId, isConfirmableStep, isDone, deriveSetupState } from "./steps";
export type { StepId } from "./steps";
export type { SetupView, StepState, RunSummary, RunDetail } from "./views";
