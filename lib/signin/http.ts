// The two route handlers of "Sign in with Microsoft to check", as plain Request → Response functions
// (app/auth/microsoft/{start,callback}/route.ts only call these). Never a 500: every outcome is a
// redirect back to the page the customer came from with a short outcome code.
import { config } from "../config";
import { SETUP_COOKIE, isPublicId, setupCookieOptions } from "../customer/cookie";
import { getSetup, startSetup } from "../progress";
import { guardSetupCreation } from "../customer/creation-limit";
import { readForm, sameOrigin, seeOther } from "../customer/http";
import { requestInfo } from "../auth/request-info";
import { finishSignIn, safeReturnTo, startSignIn, STATE_COOKIE, type SignInConfig } from "./flow";
import { SIGN_IN_PARAM, SIGN_IN_RUN_PARAM, type SignInOutcome } from "./messages";
import { recordSignedInRun } from "./record";
import { auditRefusedSignIn, hashState, SIGN_IN_TTL_MS } from "./store";
import { log as appLog } from "../log";

/** The checker registration from the environment, or what is missing. */
export function signInConfig(): { ok: true; config: SignInConfig } | { ok: false; missing: string } {
  const c = config();
  if (!c.CHECKER_CLIENT_ID || !c.CHECKER_CLIENT_SECRET) return { ok: false, missing: "CHECKER_CLIENT_ID and CHECKER_CLIENT_SECRET" };
  return {
    ok: true,
    config: { clientId: c.CHECKER_CLIENT_ID, clientSecret: c.CHECKER_CLIENT_SECRET, siteUrl: c.SITE_URL, loginBaseUrl: c.ENTRA_LOGIN_BASE_URL, graphBaseUrl: c.GRAPH_BASE_URL, timeoutMs: c.LIVE_CHECK_TIMEOUT_MS },
  };
}

function cookieOf(request: Request, name: string): string | undefined {
  const raw = request.headers.get("cookie") ?? "";
  for (const part of raw.split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return v.join("=");
  }
  return undefined;
}

function stateCookie(value: string, maxAgeSeconds: number): string {
  const parts = [`${STATE_COOKIE}=${value}`, "Path=/auth/microsoft", `Max-Age=${maxAgeSeconds}`, "HttpOnly", "SameSite=Lax"];
  if (setupCookieOptions().secure) parts.push("Secure");
  return parts.join("; ");
}

const back = (returnTo: string, outcome: SignInOutcome | "ok", run?: string) =>
  `${returnTo}?${SIGN_IN_PARAM}=${outcome}${run ? `&${SIGN_IN_RUN_PARAM}=${encodeURIComponent(run)}` : ""}#sign-in-with-microsoft`;

function log(line: string): void {
  // Outcome, timing and request count only: never a code, a token, a state or an account name.
  appLog().info({ event: "microsoft_sign_in" }, `microsoft sign-in: ${line}`);
}

/** POST /auth/microsoft/start (clientId, returnTo) → 303 to Microsoft's sign-in page. */
export async function handleStart(request: Request): Promise<Response> {
  if (!sameOrigin(request)) return new Response("This form can only be sent from this site.", { status: 403 });
  const form = await readForm(request, 8 * 1024);
  const returnTo = safeReturnTo(typeof form === "string" ? undefined : form.get("returnTo"));
  if (typeof form === "string") return seeOther(back(returnTo, "microsoft-error"));
  const cfg = signInConfig();
  if (!cfg.ok) return seeOther(back(returnTo, "not-configured"));
  const clientIdRaw = form.get("clientId");
  let setupId = cookieOf(request, SETUP_COOKIE);
  let created: string | undefined;
  try {
    const found = isPublicId(setupId) ? await getSetup(setupId) : null;
    if (!found) {
      if (!(await guardSetupCreation(setupId, request.headers)).allowed) return seeOther(back(returnTo, "rate-limited"));
      created = await startSetup({});
      setupId = created;
    }
    const r = await startSignIn(cfg.config, { setupPublicId: setupId!, clientId: typeof clientIdRaw === "string" ? clientIdRaw : "", returnTo });
    if (!r.ok) return seeOther(back(returnTo, r.outcome), created);
    const res = seeOther(r.url, created);
    res.headers.append("set-cookie", stateCookie(r.state, Math.floor(SIGN_IN_TTL_MS / 1000)));
    return res;
  } catch {
    log("start: not saved (database)");
    return seeOther(back(returnTo, "not-saved"), created);
  }
}

/** GET /auth/microsoft/callback?code&state | ?error&state → the checks, one recorded run, 303 back. */
export async function handleCallback(request: Request): Promise<Response> {
  const cfg = signInConfig();
  const clear = stateCookie("", 0);
  const answer = (location: string) => {
    const res = seeOther(location);
    res.headers.append("set-cookie", clear);
    return res;
  };
  if (!cfg.ok) return answer(back("/progress", "not-configured"));
  const query = new URL(request.url).searchParams;
  const t0 = performance.now();
  try {
    const r = await finishSignIn(cfg.config, { query, cookieState: cookieOf(request, STATE_COOKIE), cookieSetupId: cookieOf(request, SETUP_COOKIE) });
    if (!r.ok) {
      if (r.refused) {
        await auditRefusedSignIn(r.refused, requestInfo(request.headers));
        log(`refused (${r.refused.why})`);
      } else log(`${r.outcome} in ${Math.round(performance.now() - t0)} ms`);
      return answer(back(r.returnTo, r.outcome));
    }
    let runId: string;
    try {
      const rec = await recordSignedInRun({
        setupPublicId: r.setupPublicId,
        report: r.report,
        clientId: r.clientId,
        tenant: r.tenantId,
        durationMs: r.durationMs,
        idempotencyKey: `signin-${hashState(query.get("state") ?? "").slice(0, 40)}`,
      });
      runId = rec.runPublicId;
    } catch {
      log("checked, but the run was not saved (database)");
      return answer(back(r.returnTo, "not-saved"));
    }
    log(`${r.report.summary} in ${r.durationMs} ms, ${r.requests} requests to Microsoft`);
    return answer(back(r.returnTo, "ok", runId));
  } catch {
    log("failed unexpectedly");
    return answer(back("/progress", "microsoft-error"));
  }
}
