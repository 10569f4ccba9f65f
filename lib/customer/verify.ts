// The customer's "Verify my setup": one submitted panel → the checker's report → one recorded run.
// Shared by the server action (JavaScript on: rules first, then the live phases as they happen) and
// the plain POST route (JavaScript off). Never throws; never returns or stores the secret.
//
//   const begun = await beginVerification(formData, cookieSetupId, deps);   // validate, rules, setup
//   if (begun.ok) { setCookie(begun.setupPublicId); const result = await begun.finish(onPhase); }
//
// Honest failures: Postgres down → the report still comes back, with saved.ok=false and a message;
// Microsoft unreachable → the live checks say "could not check" (lib/verify), the rules still show.
import "server-only";
import { createHmac } from "node:crypto";
import { clientKey } from "../api/client-key";
import { liveOptions } from "../live-settings";
import { checkIdsWith, log, requestIdFrom } from "../log";
import { fingerprintKey, isDatabaseUnavailable, recordRun, type RecordRunInput } from "../progress";
import { liveCheckLimiter, type RateLimitDecision, type RateLimiter } from "../ratelimit";
import { clientIdOf, needsLive, prepareInput, secretCopies, secretsOf, verify, verifyRules, type FieldError, type LiveOptions, type PreparedInput, type Report } from "../verify";
import { buildReport, makeCheck, redact } from "../verify/report";
import { stripTrailingSlashes } from "../verify/text";
import { chargeSetupCreation, tooManySetupsMessage } from "./creation-limit";
import { formToInput, type FieldBag, type ParsedForm } from "./fields";
import { createProgress, findProgress, rememberable, toProgressView } from "./progress";
import type { ProgressView, SaveOutcome, VerifyPhase, VerifyResult } from "./view";

export interface VerifyDeps {
  live: LiveOptions;
  /** Live checks per client; the rules are never limited. */
  limiter?: RateLimiter;
  /** Rate-limit bucket of the caller (IP). */
  clientKey?: string;
  now?: () => Date;
  /** The id of this request in the logs (the proxy's X-Request-Id, else a new one). */
  requestId?: string;
  /** Asked just before a new setup is created, once the input is valid: may refuse (per-client limit). */
  chargeSetupCreation?: () => Promise<RateLimitDecision>;
}

/** The production settings: live checks from the configuration, the shared per-client limit, the caller's bucket. */
export function verifyDeps(headers: Headers): VerifyDeps {
  return {
    live: liveOptions(),
    limiter: liveCheckLimiter(),
    clientKey: clientKey(headers),
    requestId: requestIdFrom(headers),
    chargeSetupCreation: () => chargeSetupCreation(headers),
  };
}

export type Begun =
  | { ok: false; error: FieldError; retryAfterSeconds?: number }
  | {
      ok: true;
      /** The setup this run is recorded on (null: the database could not be reached). */
      setupPublicId: string | null;
      /** A new setup was created for this run: the caller sets the cookie. */
      setupCreated: boolean;
      /** The offline rules, available at once. */
      rules: Report;
      live: boolean;
      form: ParsedForm;
      finish(onPhase?: (phase: VerifyPhase) => void): Promise<VerifyResult>;
    };

export const NOT_SAVED_MESSAGE =
  "Your progress was not saved: we could not reach our database. The results are still right. Try saving again in a minute.";
export const NOT_SAVED_BUG_MESSAGE =
  "Your progress was not saved because of a problem on our side. The results are still right. Try saving again; if it keeps happening, tell Codat support.";

function notSaved(e: unknown): string {
  return isDatabaseUnavailable(e) ? NOT_SAVED_MESSAGE : NOT_SAVED_BUG_MESSAGE;
}

function secretOf(bag: FieldBag): string | undefined {
  const v = bag.get("secret");
  return typeof v === "string" && v !== "" ? v : undefined;
}

/** The checker's own words are the API's (field names); a panel says what its form asks for. */
function panelWords(error: FieldError, mode: ParsedForm["mode"]): FieldError {
  if (error.code !== "empty_input") return error;
  return {
    ...error,
    message:
      mode === "manifest"
        ? "Nothing to check yet: paste the app manifest (the app's Manifest page in the Azure portal, the whole text)."
        : "Nothing to check yet: fill in at least one field of this step, then check again.",
  };
}

/** Removes every copy of the secret (lib/verify secretCopies: a GUID is kept, it is shown openly). */
function scrub<T>(value: T, secret: string | undefined): T {
  return redact(value, secretCopies(secret));
}

/**
 * A key for a submission that came without one (a plain form POST: the page is static, so it can't
 * carry a fresh key). Two identical submissions of the same setup within the same 10 seconds are one
 * attempt. Keyed on everything submitted, the secret included, through the keyed HMAC of
 * lib/progress/fingerprint (never an unkeyed hash of a secret): two different secrets are two runs.
 */
export function derivedIdempotencyKey(setupPublicId: string, form: ParsedForm, now: Date, key: string = fingerprintKey()): string {
  const content = JSON.stringify({ step: form.step, mode: form.mode, input: form.input });
  const bucket = Math.floor(now.getTime() / 10_000);
  return `auto-${createHmac("sha256", key).update(`idempotency\n${setupPublicId}\n${bucket}\n${content}`).digest("base64url").slice(0, 40)}`;
}

/**
 * The key a panel sent, bound to what it sent: the same submission again (a double click, "try saving
 * again") is one attempt; an edited form under the same key (the key is renewed only after a save the
 * panel saw, so a dropped connection keeps it) is a new attempt, never the earlier run passed off as
 * this one's. Keyed HMAC, as derivedIdempotencyKey: two different secrets are two runs.
 */
export function submittedIdempotencyKey(sent: string, form: ParsedForm, key: string = fingerprintKey()): string {
  const content = JSON.stringify({ step: form.step, mode: form.mode, input: form.input });
  return `key-${createHmac("sha256", key).update(`idempotency-key\n${sent}\n${content}`).digest("base64url").slice(0, 40)}`;
}

function sourceOf(form: ParsedForm, input: PreparedInput): RecordRunInput["source"] {
  if (form.mode === "manifest") return "manifest";
  return input.live ? "live" : "form";
}

/** The report with the live checks marked "could not check" because of the per-client limit. */
function rateLimited(rules: Report, input: PreparedInput, retryAfterSeconds: number): Report {
  const msg = `Not checked with Microsoft this time: too many live checks from your network in a short while. Try again in ${retryAfterSeconds} s; the other results are complete.`;
  const keep = rules.checks.filter((c) => c.id !== "live.token" && c.id !== "live.registration");
  const wanted = (id: "live.token" | "live.registration") => !input.checks || input.checks.includes(id);
  const live = [
    ...(wanted("live.token") ? [makeCheck("live.token", "error", msg, `Wait ${retryAfterSeconds} seconds, then run the check again.`)] : []),
    ...(wanted("live.registration") ? [makeCheck("live.registration", "skip", "Needs the live sign-in (see above).")] : []),
  ];
  return buildReport([...keep, ...live]);
}

/** A fetch that reports which live check is talking to Microsoft. */
export function phasedFetch(base: typeof fetch, live: LiveOptions, onPhase: (p: VerifyPhase) => void): typeof fetch {
  const graphBase = stripTrailingSlashes(live.graphBaseUrl ?? "https://graph.microsoft.com");
  let last: VerifyPhase | undefined;
  return ((input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const phase: VerifyPhase = url.startsWith(`${graphBase}/v1.0/`) || url.startsWith(`${graphBase}/beta/`) ? "graph" : "token";
    if (phase !== last) {
      last = phase;
      try {
        onPhase(phase);
      } catch {
        // A listener's problem is never the verification's.
      }
    }
    return base(input, init);
  }) as typeof fetch;
}

export async function beginVerification(bag: FieldBag, cookieSetupId: string | undefined, deps: VerifyDeps): Promise<Begun> {
  const started = performance.now();
  const now = deps.now?.() ?? new Date();
  const requestId = deps.requestId ?? requestIdFrom(null);
  const secret = secretOf(bag);
  const parsed = formToInput(bag);
  if (!parsed.ok) return { ok: false, error: { code: "invalid_input", message: parsed.message, field: parsed.field } };
  const prepared = prepareInput(parsed.form.input);
  if (!prepared.ok) return { ok: false, error: scrub(panelWords(prepared.error, parsed.form.mode), secret) };
  const input = prepared.input;
  const form = parsed.form;
  const rules = verifyRules(input, { now });

  // The setup: the one in the cookie, else a new one. A database failure here is not fatal.
  let setup: ProgressView | null = null;
  let setupCreated = false;
  let dbError: unknown;
  let dbDown = false;
  try {
    if (cookieSetupId) setup = await findProgress(cookieSetupId);
    if (!setup) {
      // A new setup for valid input only: the per-client allowance is spent here, not on a typo.
      const gate = deps.chargeSetupCreation ? await deps.chargeSetupCreation() : undefined;
      if (gate && !gate.allowed) {
        return { ok: false, error: { code: "rate_limited", message: tooManySetupsMessage(gate.retryAfterSeconds), field: null }, retryAfterSeconds: gate.retryAfterSeconds };
      }
      setup = await createProgress({});
      setupCreated = true;
    }
  } catch (e) {
    dbDown = true;
    dbError = e;
    logSaveFailure(e, requestId);
  }

  const finish = async (onPhase?: (phase: VerifyPhase) => void): Promise<VerifyResult> => {
    let report: Report = rules;
    let liveLimited = false;
    if (input.live) {
      // Charged only when Microsoft would be asked: a live check that lacks its secret says so, unlimited.
      const decision =
        deps.limiter && needsLive(input, now) ? await deps.limiter.consume(deps.clientKey ?? "ip:unknown") : { allowed: true, retryAfterSeconds: 0 };
      if (!decision.allowed) {
        liveLimited = true;
        report = rateLimited(rules, input, decision.retryAfterSeconds);
      } else {
        const live: LiveOptions = onPhase ? { ...deps.live, fetch: phasedFetch(deps.live.fetch ?? fetch, deps.live, onPhase) } : deps.live;
        report = await verify(input, { now, live });
      }
    }
    const durationMs = Math.round(performance.now() - started);
    let saved: SaveOutcome = { ok: false, message: notSaved(dbError) };
    let progress: ProgressView | null = setup;
    if (setup && !dbDown) {
      try {
        // A client ID the rules reject is no app of the customer's: the run is about the setup's app.
        const clientId = clientIdOf(input);
        const rec = await recordRun({
          setupPublicId: setup.publicId,
          stepId: form.mode === "manifest" ? null : form.step,
          source: sourceOf(form, input),
          report,
          ...(input.secret !== undefined ? { secret: input.secret } : {}),
          ...rememberable({ clientId, tenant: input.tenant }),
          durationMs,
          idempotencyKey: form.idempotencyKey ? submittedIdempotencyKey(form.idempotencyKey, form) : derivedIdempotencyKey(setup.publicId, form, now),
        });
        if (!rec.setup) throw new Error("a run on a setup came back without the setup");
        saved = { ok: true, runId: rec.runPublicId, reportUrl: `/reports/${rec.runPublicId}`, duplicate: rec.duplicate };
        progress = toProgressView(rec.setup);
      } catch (e) {
        saved = { ok: false, message: notSaved(e) };
        logSaveFailure(e, requestId);
      }
    }
    log().info(
      {
        event: "customer.verify",
        requestId,
        runId: saved.ok ? saved.runId : null,
        saved: saved.ok,
        duplicate: saved.ok ? saved.duplicate : undefined,
        step: form.step,
        mode: form.mode,
        live: input.live,
        liveRateLimited: liveLimited,
        summary: report.summary,
        failedChecks: checkIdsWith(report, "fail"),
        errorChecks: checkIdsWith(report, "error"),
        durationMs,
      },
      "customer verification",
    );
    return redact(scrub({ report, saved, progress, durationMs }, secret), secretsOf(input));
  };

  return { ok: true, setupPublicId: setup?.publicId ?? null, setupCreated, rules: scrub(rules, secret), live: input.live, form, finish };
}

/** One line for the server log: what failed, never the input (the secret is in it). */
function logSaveFailure(e: unknown, requestId: string): void {
  const name = e instanceof Error ? e.name : typeof e;
  const code = (e as { code?: unknown })?.code;
  log().error(
    { event: "customer.verify.not_saved", requestId, error: name, ...(typeof code === "string" ? { dbCode: code.slice(0, 16) } : {}) },
    "customer verify: run not saved",
  );
}
