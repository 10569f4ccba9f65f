// The step catalogue: the one place that says what the guide's steps are. Ids (stable anchors of the
// setup page and database values), kind (checked by the checker, or confirmed by the customer), titles
// (the guide's frontmatter must say the same: a unit test holds them equal), short labels, the
// checks each verifiable step requires, step and setup statuses, and how a setup's state follows
// from its steps. A leaf: it imports nothing, so the browser, the checker, the data layer and the
// support console all read the same table.

export const GUIDE = "dynamics365-business-central" as const;
export const GUIDE_PATH = "/guides/dynamics365-business-central/setup";
/** The setup page's title (its frontmatter's `title` must say the same): the way back to it on the customer's own pages. */
export const GUIDE_TITLE = "Set up the Dynamics 365 Business Central integration";

/** Step ids in guide order. */
export const STEPS = [
  "prerequisites",
  "register-application",
  "client-secret",
  "api-permissions",
  "add-keys-to-portal",
  "enable-integration",
  "extension-installation",
] as const;
export type StepId = (typeof STEPS)[number];

/** Steps with a "Verify my setup" panel. */
export const VERIFIABLE_STEPS = ["register-application", "client-secret", "api-permissions"] as const satisfies readonly StepId[];
export type VerifiableStep = (typeof VERIFIABLE_STEPS)[number];

/** Steps nobody can check from outside: the customer says "I've done this". */
export const CONFIRMABLE_STEPS = ["prerequisites", "add-keys-to-portal", "enable-integration", "extension-installation"] as const satisfies readonly StepId[];
export type ConfirmableStep = (typeof CONFIRMABLE_STEPS)[number];

export type StepKind = "verifiable" | "confirmable";

export interface StepInfo {
  id: StepId;
  kind: StepKind;
  /** The heading of the step in the guide (the frontmatter's title). */
  title: string;
  /** A word or two for the progress bar and the support grid. */
  short: string;
}

export const STEP_INFO: Record<StepId, StepInfo> = {
  prerequisites: { id: "prerequisites", kind: "confirmable", title: "Check what you need", short: "Prereqs" },
  "register-application": { id: "register-application", kind: "verifiable", title: "Register an application in Microsoft Entra ID", short: "Register" },
  "client-secret": { id: "client-secret", kind: "verifiable", title: "Create a client secret", short: "Secret" },
  "api-permissions": { id: "api-permissions", kind: "verifiable", title: "Add the Business Central permissions", short: "Permissions" },
  "add-keys-to-portal": { id: "add-keys-to-portal", kind: "confirmable", title: "Add the keys to the Codat Portal", short: "Keys" },
  "enable-integration": { id: "enable-integration", kind: "confirmable", title: "Switch on the integration", short: "Switch on" },
  "extension-installation": { id: "extension-installation", kind: "confirmable", title: "Prepare customers for the App Link extension", short: "App Link" },
};

/**
 * What a verifiable step needs before it is "verified": every group must be satisfied, and a group
 * is satisfied by any one of its check ids (latest status pass or warn). Check ids are the checker's
 * (lib/verify/report.ts CHECK_IDS); they are plain strings here to keep this module a leaf, and a
 * unit test holds every id to the checker's list.
 *
 * Advisory (never required, shown but not counted):
 * - `client-id.match` and `secret.match`: compare two inputs; they skip when only one is given, and
 *   a customer checking one field at a time must still be able to finish.
 * - `tenant.format`: the tenant is needed for the live checks, not for the registration itself.
 * - `permissions.extra`: extra application roles are a least-privilege warning (azure-facts.md),
 *   not a broken setup.
 * - `consent.admin`: can only be seen with a signed-in admin; requiring it would leave every
 *   customer who cannot sign in stuck forever. A `fail` of it still marks the step failed (below).
 * - `manifest.format`, `live.registration`: carriers of evidence, not facts of a step.
 */
export const REQUIRED_CHECKS: Record<VerifiableStep, readonly (readonly string[])[]> = {
  "register-application": [["client-id.format"], ["sign-in-audience"], ["redirect-uri"]],
  "client-secret": [["secret.shape"], ["secret.expiry", "live.token"]],
  "api-permissions": [["permissions.resource"], ["permissions.financials"], ["permissions.user-impersonation"]],
};

/** What a required check needs from the customer, as the panels and progress pages ask for it. */
export const REQUIRED_CHECK_INPUT: Record<string, string> = {
  "client-id.format": "the Application (client) ID",
  "sign-in-audience": "the supported account types",
  "redirect-uri": "the Web redirect URI",
  "secret.shape": "the client secret's Value",
  "secret.expiry": "the secret's expiry (paste the manifest) or a live check with Microsoft",
  "live.token": "a live check with Microsoft",
  "permissions.resource": "the Business Central API permissions",
  "permissions.financials": "Financials.ReadWrite.All (delegated)",
  "permissions.user-impersonation": "user_impersonation (delegated)",
};

/**
 * "1 of 3 checks done; still to check: the supported account types and the Web redirect URI", or for a
 * failed step "2 of 3 checks passed; to fix: the Web redirect URI" — only what failed is "to fix"; what
 * was never checked follows as "still to check".
 */
export function stepChecksText(checks: { done: number; total: number; missing: readonly string[]; failing?: readonly string[] }, status?: StepStatus): string {
  const failed = status === "failed";
  const done = `${checks.done} of ${checks.total} checks ${failed ? "passed" : "done"}`;
  const name = (id: string, fix: boolean) => (fix ? FAILED_CHECK_TEXT[id] : undefined) ?? REQUIRED_CHECK_INPUT[id] ?? BLOCKING_CHECK_TEXT[id] ?? id;
  const list = (ids: readonly string[], fix = false) => {
    const names = [...new Set(ids.map((id) => name(id, fix)))];
    return names.length === 1 ? names[0]! : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
  };
  if (!failed) return checks.missing.length === 0 ? done : `${done}; still to check: ${list(checks.missing)}`;
  // Rows recorded before `failing` was kept: the unsatisfied groups are all we know.
  const failing = checks.failing ?? checks.missing;
  const groupOf = (id: string) => Object.values(REQUIRED_CHECKS).flat().find((g) => g.includes(id));
  const unchecked = checks.missing.filter((first) => !failing.some((id) => groupOf(id)?.includes(first)));
  const parts = [done];
  if (failing.length > 0) parts.push(`to fix: ${list(failing, true)}`);
  if (unchecked.length > 0) parts.push(`still to check: ${list(unchecked)}`);
  return parts.join("; ");
}

/** A required check whose failure reads better as what to fix than as what it needs. */
const FAILED_CHECK_TEXT: Record<string, string> = {
  "live.token": "the sign-in Microsoft refused",
  "secret.expiry": "the expired secret",
};

/** What a failed blocking check asks to fix, in the words of stepChecksText. */
export const BLOCKING_CHECK_TEXT: Record<string, string> = {
  "live.registration": "the registration as Microsoft has it",
  "secret.match": "a secret of this app (it is none of the manifest's)",
  "consent.admin": "admin consent",
};

/**
 * Checks that are not required but whose latest `fail` still fails the step: a fact Microsoft or the
 * customer's own inputs contradict (the registration read live disagrees; the secret is another app's;
 * admin consent is missing). live.registration blocks each step by its verdict on that step's own facts
 * (the check's byStep): a missing permission fails the permissions step, not the registration step.
 */
export const BLOCKING_CHECKS: Record<VerifiableStep, readonly string[]> = {
  "register-application": ["live.registration"],
  "client-secret": ["secret.match"],
  "api-permissions": ["live.registration", "consent.admin"],
};

/**
 * Later evidence that outweighs a blocking check's fail: a secret that starts like none of a pasted
 * manifest's secrets fails secret.match, but a later live sign-in that worked proves the customer has a
 * working secret for the app (the manifest was older, or they made a new secret since).
 */
export const BLOCKING_RESCUED_BY: Readonly<Record<string, readonly string[]>> = {
  "secret.match": ["live.token"],
};

/**
 * The checks that read a step's facts from Microsoft itself (not from what was pasted): when one of
 * them passed last, a verified step is "confirmed with Microsoft"; otherwise it is "checked by the
 * rules". live.registration reads the registration (account type, redirect URIs, permissions) with
 * the app's own credentials or a signed-in admin; live.token proves the secret; consent.admin reads
 * the tenant's grants.
 */
export const CONFIRMING_CHECKS: Record<VerifiableStep, readonly string[]> = {
  "register-application": ["live.registration"],
  "client-secret": ["live.token"],
  "api-permissions": ["live.registration", "consent.admin"],
};

/**
 * How a step checked by the rules gets confirmed with Microsoft, as the panels say it. The registration
 * and its permissions only by signing in: an app set up as the guide says may not read its own
 * registration with its secret (Graph answers 403, azure-facts.md), so a live check usually cannot.
 */
export const CONFIRM_HOW: Record<VerifiableStep, string> = {
  "register-application": "signing in with Microsoft confirms it with Microsoft",
  "client-secret": "a live check confirms it with Microsoft",
  "api-permissions": "signing in with Microsoft confirms it, and admin consent, with Microsoft",
};

export type Trust = "rules" | "microsoft";
export const TRUST_TEXT: Record<Trust, string> = {
  rules: "Checked by the rules",
  microsoft: "Confirmed with Microsoft",
};

/** Step progress status (Prisma enum StepStatus). */
export const STEP_STATUSES = ["not_started", "in_progress", "verified", "failed", "confirmed"] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];

/** Setup status (Prisma enum SetupStatus). */
export const SETUP_STATUSES = ["not_started", "in_progress", "failing", "completed"] as const;
export type SetupStatus = (typeof SETUP_STATUSES)[number];

export const STEP_STATUS_TEXT: Record<StepStatus, string> = {
  not_started: "Not started",
  in_progress: "In progress",
  verified: "Verified",
  failed: "Needs a fix",
  confirmed: "Done",
};

export function isStepId(value: unknown): value is StepId {
  return typeof value === "string" && (STEPS as readonly string[]).includes(value);
}

export function isVerifiable(step: unknown): step is VerifiableStep {
  return typeof step === "string" && (VERIFIABLE_STEPS as readonly string[]).includes(step);
}

export function isConfirmable(step: unknown): step is ConfirmableStep {
  return typeof step === "string" && (CONFIRMABLE_STEPS as readonly string[]).includes(step);
}

/** The guide link of a step (its anchor on the setup page). */
export function docsLink(step: StepId): string {
  return `${GUIDE_PATH}#${step}`;
}

export function stepTitle(step: string | null | undefined): string {
  if (!step) return "—";
  return isStepId(step) ? STEP_INFO[step].title : step;
}

/** A step counts as done when verified or confirmed. */
export function isDone(status: StepStatus): boolean {
  return status === "verified" || status === "confirmed";
}

/**
 * Each step's bit in a setup's `attemptedStepBits` / `completedStepBits` (the funnel reads them instead
 * of every step row). Stable database values: never renumber or reuse one; a new step takes the next
 * free bit (at most 30), and a migration fills its bit from step_progress. The backfill in
 * prisma/migrations/*_setup_step_bits holds this table too (a test compares them).
 */
export const STEP_BIT: Record<StepId, number> = {
  prerequisites: 0,
  "register-application": 1,
  "client-secret": 2,
  "api-permissions": 3,
  "add-keys-to-portal": 4,
  "enable-integration": 5,
  "extension-installation": 6,
};

export interface SetupState {
  status: SetupStatus;
  currentStep: StepId | null;
  /** Bits (STEP_BIT) of the steps not "not_started". */
  attemptedStepBits: number;
  /** Bits of the steps verified or confirmed. */
  completedStepBits: number;
}

/** A setup's status, current step and step bits from its steps' statuses (a step without a row is not_started). */
export function deriveSetupState(statuses: Partial<Record<StepId, StepStatus>>): SetupState {
  const of = (s: StepId): StepStatus => statuses[s] ?? "not_started";
  let attemptedStepBits = 0;
  let completedStepBits = 0;
  for (const s of STEPS) {
    if (of(s) !== "not_started") attemptedStepBits |= 1 << STEP_BIT[s];
    if (isDone(of(s))) completedStepBits |= 1 << STEP_BIT[s];
  }
  const bits = { attemptedStepBits, completedStepBits };
  const currentStep = STEPS.find((s) => !isDone(of(s))) ?? null;
  if (currentStep === null) return { status: "completed", currentStep, ...bits };
  if (STEPS.some((s) => of(s) === "failed")) return { status: "failing", currentStep, ...bits };
  if (attemptedStepBits !== 0) return { status: "in_progress", currentStep, ...bits };
  return { status: "not_started", currentStep, ...bits };
}

/** The catalogue as a list in guide order (the support grid, filters and funnel). */
export const STEP_LIST: readonly StepInfo[] = STEPS.map((id) => STEP_INFO[id]);
