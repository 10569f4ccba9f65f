// The network seam for msal-node (system.networkClient) and for Microsoft Graph: fetch with one time
// budget shared by every request of a verification, and a base-URL rewrite so tests and demos reach
// a local fake through the very same code path production uses.
import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from "@azure/msal-node";
import { LOGIN_HOST } from "./constants";
import { stripTrailingSlashes } from "./text";

export interface TransportFailure {
  kind: "timeout" | "dns" | "connect" | "http" | "bad-response" | "blocked";
  /** HTTP status, for kind "http" (5xx, 429). */
  status?: number;
  /** Seconds Microsoft asked us to wait (its Retry-After header, on a 429 or 503). */
  retryAfterSeconds?: number;
}

/** The error fields of Microsoft's token endpoint, kept from the last error response. */
export interface TokenErrorBody {
  error?: string;
  error_description?: string;
  error_codes?: number[];
  trace_id?: string;
  correlation_id?: string;
  timestamp?: string;
}

export type FetchLike = typeof fetch;

function classify(e: unknown): TransportFailure {
  const err = e as { name?: string; cause?: { code?: string; name?: string } };
  if (err?.name === "TimeoutError" || err?.name === "AbortError") return { kind: "timeout" };
  const code = err?.cause?.code ?? "";
  if (code === "ENOTFOUND" || code === "EAI_AGAIN" || code === "EAI_NODATA") return { kind: "dns" };
  if (code === "UND_ERR_CONNECT_TIMEOUT" || code === "UND_ERR_HEADERS_TIMEOUT" || code === "UND_ERR_BODY_TIMEOUT") return { kind: "timeout" };
  if (err?.cause?.name === "TimeoutError") return { kind: "timeout" };
  return { kind: "connect" };
}

export function describeFailure(f: TransportFailure, timeoutMs: number): string {
  switch (f.kind) {
    case "timeout": return `Microsoft did not answer within ${(timeoutMs / 1000).toFixed(timeoutMs % 1000 ? 1 : 0)} s`;
    case "dns": return "the name of Microsoft's server could not be resolved (DNS)";
    case "connect": return "the connection to Microsoft failed";
    case "http": return f.status === 429 ? "Microsoft asked us to slow down (429)" : `Microsoft answered with a server error (${f.status ?? "5xx"})`;
    case "bad-response": return "Microsoft's answer could not be read";
    case "blocked": return "the request was not allowed to leave for that address";
  }
}

/**
 * When to try again, as a sentence for a "could not check" fix: Microsoft's Retry-After when it sent
 * one (a 429 asks the client to wait that long, and a request sooner is refused again), else a minute.
 */
export function tryAgainWhen(f?: TransportFailure): string {
  const s = f?.retryAfterSeconds;
  if (s === undefined || s === 60) return "Try again in a minute.";
  if (s <= 1) return "Try again in a few seconds.";
  if (s < 60) return `Try again in ${s} seconds.`;
  const minutes = Math.ceil(s / 60);
  if (minutes < 120) return `Try again in ${minutes} minutes.`;
  const hours = Math.ceil(minutes / 60);
  return `Try again in ${hours} hours.`;
}

/** Retry-After is delay-seconds or an HTTP date (RFC 9110 §10.2.3); anything else is ignored. */
function retryAfterOf(res: Response): number | undefined {
  const v = res.headers.get("retry-after")?.trim();
  if (!v) return undefined;
  if (/^\d{1,9}$/.test(v)) return Number(v);
  const at = Date.parse(v);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

function headersOf(res: Response): Record<string, string> {
  const h: Record<string, string> = {};
  res.headers.forEach((v, k) => {
    h[k] = v;
  });
  return h;
}

/** One request with what is left of the budget. Resolves to a parsed JSON body, or a failure. */
export async function requestJson(
  fetchImpl: FetchLike,
  url: string,
  init: { method: "GET" | "POST"; headers?: Record<string, string>; body?: string },
  deadline: number,
): Promise<{ ok: true; status: number; headers: Record<string, string>; body: unknown } | { ok: false; failure: TransportFailure }> {
  const remaining = deadline - Date.now();
  if (remaining <= 0) return { ok: false, failure: { kind: "timeout" } };
  let res: Response;
  let text: string;
  try {
    const signal = AbortSignal.timeout(remaining);
    res = await fetchImpl(url, { method: init.method, headers: init.headers, body: init.body, signal, redirect: "manual" });
    text = await res.text();
  } catch (e) {
    return { ok: false, failure: classify(e) };
  }
  if (res.status >= 500 || res.status === 429) {
    const retryAfterSeconds = retryAfterOf(res);
    return { ok: false, failure: { kind: "http", status: res.status, ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}) } };
  }
  // Neither endpoint redirects; following one could leave for a host nobody validated.
  if (res.status >= 300 && res.status < 400) return { ok: false, failure: { kind: "bad-response", status: res.status } };
  let body: unknown;
  try {
    body = text.length ? JSON.parse(text) : {};
  } catch {
    return { ok: false, failure: { kind: "bad-response", status: res.status } };
  }
  if (typeof body !== "object" || body === null) return { ok: false, failure: { kind: "bad-response", status: res.status } };
  return { ok: true, status: res.status, headers: headersOf(res), body };
}

/**
 * msal-node's network client. Only https://login.microsoftonline.com/… may be requested; it is sent
 * to loginBaseUrl instead when one is configured (the fake in tests and demos).
 */
export class BudgetedNetworkModule implements INetworkModule {
  /** Set when Microsoft could not be reached: the verification says "could not check", never "wrong". */
  failure: TransportFailure | undefined;
  lastError: TokenErrorBody | undefined;
  private readonly base: string;

  constructor(
    loginBaseUrl: string,
    private readonly deadline: number,
    private readonly fetchImpl: FetchLike = fetch,
  ) {
    this.base = stripTrailingSlashes(loginBaseUrl);
  }

  private target(url: string): string | undefined {
    if (!url.startsWith(`${LOGIN_HOST}/`)) return undefined;
    return `${this.base}${url.slice(LOGIN_HOST.length)}`;
  }

  private async send<T>(method: "GET" | "POST", url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> {
    const target = this.target(url);
    if (!target) {
      this.failure = { kind: "blocked" };
      throw new Error("request blocked");
    }
    const r = await requestJson(this.fetchImpl, target, { method, headers: options?.headers, body: method === "POST" ? options?.body ?? "" : undefined }, this.deadline);
    if (!r.ok) {
      this.failure = r.failure;
      throw new Error("Microsoft could not be reached");
    }
    const b = r.body as TokenErrorBody;
    if (b.error || b.error_codes) {
      this.lastError = {
        error: typeof b.error === "string" ? b.error : undefined,
        error_description: typeof b.error_description === "string" ? b.error_description : undefined,
        error_codes: Array.isArray(b.error_codes) ? b.error_codes.filter((c) => typeof c === "number") : undefined,
        trace_id: typeof b.trace_id === "string" ? b.trace_id : undefined,
        correlation_id: typeof b.correlation_id === "string" ? b.correlation_id : undefined,
        timestamp: typeof b.timestamp === "string" ? b.timestamp : undefined,
      };
    }
    return { headers: r.headers, body: r.body as T, status: r.status };
  }

  sendGetRequestAsync<T>(url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> {
    return this.send<T>("GET", url, options);
  }

  sendPostRequestAsync<T>(url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> {
    return this.send<T>("POST", url, options);
  }
}
