// POST /api/v1/verify: JSON in, the verification report out (contract: verification-contract.md).
// 400 { error: { code, message, field } } for invalid input, 413 too large, 415 not JSON, 429 with
// Retry-After when live checks exceed the per-client limit. Never a stack trace: any failure is JSON.
import "server-only";
import { config } from "../config";
import { MAX_BODY_BYTES, readBodyText } from "../http/body";
import { liveOptions } from "../live-settings";
import { checkIdsWith, log, requestIdFrom } from "../log";
import { liveCheckLimiter, type RateLimiter } from "../ratelimit";
import { httpStatusFor, needsLive, prepareInput, verify, type FieldError, type LiveOptions } from "../verify";
import { safeFieldError } from "../verify/input";
import { LIMITS } from "../verify/constants";
import { parseJson } from "../verify/json";
import { redact, withFullLinks } from "../verify/report";
import { scrubSecretShapes } from "../verify/secret-shapes";
import { clientKey, parseApiKeys } from "./client-key";
import { methodNotAllowedError, VERIFY_ALLOW } from "./method";

export { MAX_BODY_BYTES };

export interface VerifyApiDeps {
  limiter: RateLimiter;
  live: LiveOptions;
  apiKeys: readonly string[];
  now?: () => Date;
  maxBodyBytes?: number;
  /** TRUSTED_PROXY_HOPS (config) unless given (lib/http/client-ip.ts). */
  hops?: number;
}

export function defaultVerifyDeps(): VerifyApiDeps {
  const c = config();
  return {
    limiter: liveCheckLimiter(),
    live: liveOptions(c),
    apiKeys: parseApiKeys(c.VERIFY_API_KEYS),
  };
}

const BASE_HEADERS = { "cache-control": "no-store", "x-content-type-options": "nosniff" };

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { ...BASE_HEADERS, ...headers } });
}

function failResponse(status: number, error: FieldError, headers: Record<string, string> = {}): Response {
  return json(status, { error }, headers);
}

/**
 * GET (and HEAD) on /api/v1/verify: a JSON 405 that says what to send instead (Next's own 405 has an
 * empty body), with Allow and X-Request-Id like every other answer. proxy.ts answers PUT, PATCH and
 * DELETE the same way (lib/api/method.ts) before any route runs.
 */
export function methodNotAllowed(request: Request): Response {
  const requestId = requestIdFrom(request.headers);
  log().info({ event: "api.verify", requestId, status: 405, errorCode: "method_not_allowed", method: request.method.slice(0, 16) }, "verify API request");
  return failResponse(405, methodNotAllowedError(request.method), { allow: VERIFY_ALLOW, "x-request-id": requestId });
}

/** What the request's log line says beyond the status (filled in as the request is handled). */
interface Outcome {
  errorCode?: string;
  field?: string | null;
  live?: boolean;
  summary?: string;
  failedChecks?: string[];
  errorChecks?: string[];
}

/**
 * The whole request, handled; `deps` is resolved inside so that even a bad configuration answers in JSON.
 * Every answer carries X-Request-Id, and one log line per request says its status, the error code or the
 * report's summary and failed check ids — never the input (it may hold a secret).
 */
export async function handleVerifyRequest(request: Request, deps: VerifyApiDeps | (() => VerifyApiDeps)): Promise<Response> {
  const requestId = requestIdFrom(request.headers);
  const started = performance.now();
  const outcome: Outcome = {};
  const res = await handle(request, deps, requestId, outcome);
  res.headers.set("x-request-id", requestId);
  if (res.status !== 200 && outcome.errorCode === undefined) outcome.errorCode = "unknown";
  log().info(
    { event: "api.verify", requestId, status: res.status, durationMs: Math.round(performance.now() - started), ...outcome },
    "verify API request",
  );
  return res;
}

async function handle(request: Request, deps: VerifyApiDeps | (() => VerifyApiDeps), requestId: string, outcome: Outcome): Promise<Response> {
  let secret: string | undefined;
  // Every error leaves scrubbed (its message may quote what was sent), and the log line names its field as the answer does.
  const fail = (status: number, error: FieldError, headers: Record<string, string> = {}) => {
    const safe = safeFieldError(secret ? redact(error, [secret, secret.trim()]) : error);
    outcome.errorCode = safe.code;
    outcome.field = safe.field;
    return failResponse(status, safe, headers);
  };
  try {
    const d = typeof deps === "function" ? deps() : deps;
    const type = (request.headers.get("content-type") ?? "").toLowerCase();
    if (!/^application\/([a-z0-9.+-]+\+)?json\s*(;|$)/.test(type)) {
      return fail(415, {
        code: "unsupported_media_type",
        message: 'Send the input as JSON with the header "Content-Type: application/json".',
        field: null,
      });
    }
    // JSON is UTF-8 (RFC 8259): a body declared in another charset would be read as noise.
    const charset = /;\s*charset\s*=\s*"?([^";\s]+)/.exec(type)?.[1];
    if (charset !== undefined && charset !== "utf-8" && charset !== "utf8") {
      return fail(415, {
        code: "unsupported_media_type",
        message: `The body is declared as ${charset.slice(0, 40)}: send it as UTF-8 ("Content-Type: application/json; charset=utf-8", or no charset).`,
        field: null,
      });
    }
    const limit = d.maxBodyBytes ?? MAX_BODY_BYTES;
    const body = await readBodyText(request, limit);
    if (!body.ok) {
      return body.reason === "too-large"
        ? fail(413, { code: "too_large", message: `The request body is larger than ${Math.round(limit / 1024)} KB.`, field: null })
        : fail(400, { code: "invalid_encoding", message: "The request body is not valid UTF-8 text.", field: null });
    }
    if (body.text.trim() === "") {
      return fail(400, { code: "empty_body", message: 'The request body is empty: send a JSON object such as {"manifest": "…"}.', field: null });
    }
    const parsed = parseJson(body.text, { maxDepth: LIMITS.jsonDepth, sizes: true });
    if (!parsed.ok) {
      return fail(400, { code: "invalid_json", message: `The request body is not valid JSON: ${parsed.message}`, field: null, line: parsed.line, column: parsed.column });
    }
    const raw = parsed.value as { secret?: unknown } | null;
    if (raw && typeof raw === "object" && typeof raw.secret === "string") secret = raw.secret;
    // A manifest sent as an object is held to the size limit by its text in the body, as a pasted one is.
    const manifestBytes = parsed.sizes?.get("manifest");
    const prepared = prepareInput(parsed.value, manifestBytes === undefined ? {} : { manifestBytes });
    if (!prepared.ok) return fail(httpStatusFor(prepared.error), prepared.error);
    outcome.live = !!prepared.input.live;
    const now = d.now?.() ?? new Date();
    if (needsLive(prepared.input, now)) {
      const decision = await d.limiter.consume(clientKey(request.headers, d.apiKeys, d.hops));
      if (!decision.allowed) {
        return fail(
          429,
          {
            code: "rate_limited",
            message: `Too many live checks from this client: try again in ${decision.retryAfterSeconds} s. Checks without "live" are not limited.`,
            field: "live",
          },
          { "retry-after": String(decision.retryAfterSeconds) },
        );
      }
    }
    const report = await verify(prepared.input, { now, live: d.live });
    outcome.summary = report.summary;
    outcome.failedChecks = checkIdsWith(report, "fail");
    outcome.errorChecks = checkIdsWith(report, "error");
    // A link to another step of the guide as a full address, as every link was before such links existed.
    return json(200, withFullLinks(report, config().SITE_URL));
  } catch (e) {
    // Log what failed, never the input: the message is scrubbed of the secret as well.
    const name = e instanceof Error ? e.name : typeof e;
    const message = e instanceof Error ? e.message : "";
    log().error(
      { event: "api.verify.internal_error", requestId, error: name, message: scrubSecretShapes(secret ? redact(message, [secret, secret.trim()]) : message).text },
      "verify API: internal error",
    );
    return fail(500, { code: "internal", message: "Something went wrong on our side; nothing was stored. Please try again.", field: null });
  }
}
