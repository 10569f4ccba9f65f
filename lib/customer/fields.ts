// The "Verify my setup" form: its field names, the choices it offers (worded as the Azure portal words
// them today), and the mapping from a submitted form to the checker's one input schema
// (lib/verify verifyInputSchema). Client-safe: no zod here, the server validates with the schema.
import type { CheckId, VerifyInput } from "../verify";
import { AUDIENCE_LABELS, AUDIENCES, type Audience } from "../verify/constants";
import { isVerifiable, type VerifiableStep } from "../steps";

export const FIELD = {
  step: "step",
  mode: "mode",
  clientId: "clientId",
  tenant: "tenant",
  redirectUri: "redirectUri",
  signInAudience: "signInAudience",
  secret: "secret",
  permissions: "permissions",
  manifest: "manifest",
  live: "live",
  checks: "checks",
  idempotencyKey: "idempotencyKey",
} as const;
export type FormField = (typeof FIELD)[keyof typeof FIELD];

export type FormMode = "fields" | "manifest";

/** The four "Supported account types" of the portal's Register an application page, in its order, with
 *  the labels the checker's messages use (one list, so the form and the reports cannot disagree). */
export const AUDIENCE_OPTIONS: readonly { value: Audience; label: string }[] = AUDIENCES.map((value) => ({ value, label: AUDIENCE_LABELS[value] }));

export interface PermissionOption {
  /** Sent to the checker as "Name (delegated)" / "Name (application)". */
  value: string;
  name: string;
  type: "delegated" | "application";
  description: string;
}

/** What the portal's "Request API permissions" panel lists for Dynamics 365 Business Central. */
export const PERMISSION_OPTIONS: readonly PermissionOption[] = [
  { value: "Financials.ReadWrite.All (delegated)", name: "Financials.ReadWrite.All", type: "delegated", description: "Access Dynamics 365 Business Central as the signed-in user" },
  { value: "user_impersonation (delegated)", name: "user_impersonation", type: "delegated", description: "Access as the signed-in user" },
  { value: "API.ReadWrite.All (application)", name: "API.ReadWrite.All", type: "application", description: "Full access to web services API" },
  { value: "Automation.ReadWrite.All (application)", name: "Automation.ReadWrite.All", type: "application", description: "Full access to automation" },
];

/** Anything FormData-like (FormData, URLSearchParams, or a test double). */
export interface FieldBag {
  get(name: string): unknown;
  getAll(name: string): unknown[];
}

function str(bag: FieldBag, name: string): string | undefined {
  const v = bag.get(name);
  return typeof v === "string" ? v : undefined;
}

function strs(bag: FieldBag, name: string): string[] {
  return bag.getAll(name).filter((v): v is string => typeof v === "string");
}

export interface ParsedForm {
  step: VerifiableStep;
  mode: FormMode;
  /** The raw input for lib/verify (validated there with verifyInputSchema). */
  input: VerifyInput;
  idempotencyKey?: string;
}

export type FormParse = { ok: true; form: ParsedForm } | { ok: false; message: string; field: FormField | null };

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,100}$/;

/**
 * Maps a submitted panel to the checker's input. Only the fields the panel shows are read, so a
 * hidden field of another step can never sneak in; unknown check ids are left to the schema to refuse.
 */
export function formToInput(bag: FieldBag): FormParse {
  const step = str(bag, FIELD.step) ?? "";
  if (!isVerifiable(step)) return { ok: false, message: "Unknown step: reload the page and try again.", field: null };
  const mode: FormMode = str(bag, FIELD.mode) === "manifest" ? "manifest" : "fields";
  const input: VerifyInput = {};
  const set = <K extends keyof VerifyInput>(k: K, v: VerifyInput[K] | undefined) => {
    if (v !== undefined) input[k] = v;
  };
  const live = str(bag, FIELD.live) === "on" || str(bag, FIELD.live) === "true";
  if (mode === "manifest") {
    set("manifest", str(bag, FIELD.manifest));
    set("tenant", str(bag, FIELD.tenant));
    set("secret", str(bag, FIELD.secret));
    if (live) input.live = true;
    if (!str(bag, FIELD.manifest)?.trim()) {
      return { ok: false, message: "Paste the app manifest (Azure portal → your app → Manifest → copy everything).", field: FIELD.manifest };
    }
  } else {
    set("clientId", str(bag, FIELD.clientId));
    set("tenant", str(bag, FIELD.tenant));
    if (step === "register-application") {
      set("redirectUris", str(bag, FIELD.redirectUri));
      const aud = str(bag, FIELD.signInAudience);
      if (aud) input.signInAudience = aud;
    } else if (step === "client-secret") {
      set("secret", str(bag, FIELD.secret));
      if (live) input.live = true;
    } else {
      const perms = strs(bag, FIELD.permissions);
      if (perms.length === 0) {
        return {
          ok: false,
          message: "Tick the permissions your app's API permissions page lists under Dynamics 365 Business Central (or paste the manifest).",
          field: FIELD.permissions,
        };
      }
      input.permissions = perms;
    }
  }
  const checks = strs(bag, FIELD.checks);
  if (checks.length > 0) input.checks = checks as CheckId[];
  const key = str(bag, FIELD.idempotencyKey);
  const form: ParsedForm = { step, mode, input };
  if (key && IDEMPOTENCY_KEY.test(key)) form.idempotencyKey = key;
  return { ok: true, form };
}

/** The form field a checker error names ("redirectUris[0]" → "redirectUri"), for aria-invalid. */
export function formFieldOf(field: string | null | undefined): FormField | null {
  if (!field) return null;
  const top = field.replace(/[.[].*$/, "");
  switch (top) {
    case "redirectUris":
      return FIELD.redirectUri;
    case "clientId":
    case "tenant":
    case "secret":
    case "manifest":
    case "signInAudience":
    case "permissions":
    case "checks":
    case "live":
      return top;
    default:
      return null;
  }
}

/** Which checks a step's panel is about (the rest of a report shows under "Other steps"). */
export function checkBelongsTo(checkStep: string, panel: VerifiableStep, mode: FormMode): boolean {
  return mode === "manifest" || checkStep === panel;
}
