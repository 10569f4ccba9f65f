// Honest progress: a verifiable step's state comes from the latest evidence for each of its own
// required checks, gathered across runs (a customer may check the redirect URI today and the account
// type tomorrow). Pure functions over plain data: the recorder (lib/progress/record.ts) keeps one
// evidence map per step in step_progress.evidence, merged with every run; the views read it to say
// "2 of 3 checks done", which input is missing, and whether the step was confirmed with Microsoft.
import { BLOCKING_CHECKS, BLOCKING_RESCUED_BY, CONFIRMING_CHECKS, REQUIRED_CHECKS, type Trust, type VerifiableStep } from "../steps";

export type EvidenceStatus = "pass" | "warn" | "fail" | "error";

/** The latest verdict of one check for a step: status and when (ISO time). */
export interface EvidenceItem {
  status: EvidenceStatus;
  at: string;
}

/** check id → its latest verdict. Skipped checks leave no evidence (nothing was learnt). */
export type Evidence = Record<string, EvidenceItem>;

export interface StepEvidenceState {
  status: "not_started" | "in_progress" | "verified" | "failed";
  /** Required groups satisfied (latest pass or warn). */
  done: number;
  total: number;
  /** The first check id of every unsatisfied required group, in catalogue order. */
  missing: string[];
  /** The check ids whose latest is a fail (required, alternatives or blocking). */
  failing: string[];
  /** How far a verified step is trusted; null when not verified. */
  trust: Trust | null;
}

/**
 * What a step's evidence is about: the app (client ID) and, for the secret step, the secret (its keyed
 * fingerprint, never the secret). Stored beside the checks under SUBJECT_KEY, which parseEvidence skips.
 */
export interface EvidenceSubject {
  clientId?: string;
  secret?: string;
}
export const SUBJECT_KEY = "$subject";

/**
 * Where a step keeps the evidence it had about other apps (or, for the secret step, other secrets) when a
 * run about another one started it afresh: a customer who typed another client ID by mistake, tried a
 * second registration, or went back to the first app gets that app's checks back as soon as a run names it
 * again. A list, newest first, at most STALE_LIMIT entries, one per app (and secret); rows written before
 * 2026-12-02 hold one entry as an object, read as a list of one.
 */
export const STALE_KEY = "$stale";
export const STALE_LIMIT = 4;

function isRecord(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === "object" && !Array.isArray(v);
}

/** The evidence set aside under STALE_KEY (stored evidence objects, each with its own subject), newest first. */
export function staleEntries(raw: unknown): Record<string, unknown>[] {
  const v = isRecord(raw) ? raw[STALE_KEY] : undefined;
  const list = Array.isArray(v) ? v : v === undefined ? [] : [v];
  return list.filter(isRecord).map(withoutStale).slice(0, STALE_LIMIT);
}

/** A stored evidence object without what it had set aside (to set it aside in turn). */
export function withoutStale(raw: unknown): Record<string, unknown> {
  if (!isRecord(raw)) return {};
  const { [STALE_KEY]: _aside, ...rest } = raw;
  return rest;
}

/** Evidence about the same app (and secret) is kept once, the newest, and not beside `current` evidence
 *  about it; evidence naming no app is dropped; the list is capped at STALE_LIMIT. */
function keepAside(list: Record<string, unknown>[], current?: Record<string, unknown>): Record<string, unknown>[] {
  const key = (s: EvidenceSubject) => `${s.clientId ?? ""}\u0000${s.secret ?? ""}`;
  const seen = new Set<string>(current ? [key(parseSubject(current))] : []);
  const out: Record<string, unknown>[] = [];
  for (const e of list) {
    const s = parseSubject(e);
    // Evidence that names no app could never come back (a run gets set-aside evidence by its client ID).
    if (s.clientId === undefined) continue;
    const k = key(s);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(e);
    if (out.length === STALE_LIMIT) break;
  }
  return out;
}

/**
 * What a run about `run` starts from, for a step whose stored evidence is `raw`: the stored evidence when
 * it is about the same app (and secret), or names none; the evidence set aside about the run's app when
 * there is some (and, if the stored evidence names no app, nothing has been learnt since); else nothing.
 * `aside` is what to keep set aside afterwards (the evidence just replaced first, then what was already
 * aside; [] for none); `changed`: the stored evidence is replaced.
 */
export function evidenceFor(
  step: VerifiableStep,
  raw: unknown,
  run: EvidenceSubject,
  /** The secret the setup holds after this run (the run's, else the last one entered): the secret step's
   *  set-aside evidence comes back only for that secret, the one the portal step tells the customer to use. */
  currentSecret?: string,
): { base: Record<string, unknown>; aside: Record<string, unknown>[]; changed: boolean } {
  const current = withoutStale(raw);
  const entries = staleEntries(raw);
  const secret = run.secret ?? currentSecret;
  const about = entries.map((e) => {
    const s = parseSubject(e);
    const ok = run.clientId !== undefined && s.clientId === run.clientId && !subjectChanged(step, s, run);
    return { ok: ok && (step !== "client-secret" || s.secret === undefined || s.secret === secret), exact: ok && s.secret !== undefined && s.secret === secret };
  });
  // The secret step: evidence about the very secret held comes back before evidence about no secret.
  const exact = step === "client-secret" ? about.findIndex((a) => a.exact) : -1;
  const i = exact >= 0 ? exact : about.findIndex((a) => a.ok);
  const others = i < 0 ? entries : entries.filter((_, j) => j !== i);
  const currentSubject = parseSubject(current);
  const hasCurrent = Object.keys(current).length > 0;
  if (!subjectChanged(step, currentSubject, run)) {
    // Started afresh by another app's run and nothing learnt since: this app's evidence comes back.
    if (currentSubject.clientId === undefined && Object.keys(parseEvidence(current)).length === 0 && i >= 0) {
      return { base: entries[i]!, aside: others, changed: true };
    }
    return { base: current, aside: keepAside(entries, current), changed: false };
  }
  const replaced = hasCurrent ? [current] : [];
  if (i >= 0) return { base: entries[i]!, aside: keepAside([...replaced, ...others]), changed: true };
  return { base: {}, aside: keepAside([...replaced, ...entries]), changed: true };
}

/** The subject stored with a step's evidence ({} for rows written before subjects were kept). */
export function parseSubject(raw: unknown): EvidenceSubject {
  const v = raw && typeof raw === "object" && !Array.isArray(raw) ? (raw as Record<string, unknown>)[SUBJECT_KEY] : undefined;
  if (!v || typeof v !== "object") return {};
  const o = v as Record<string, unknown>;
  const out: EvidenceSubject = {};
  if (typeof o.clientId === "string") out.clientId = o.clientId;
  if (typeof o.secret === "string") out.secret = o.secret;
  return out;
}

/** The parts of a run's subject that matter to a step: the app for every step, the secret for the secret step. */
function subjectFor(step: VerifiableStep, run: EvidenceSubject): EvidenceSubject {
  const out: EvidenceSubject = {};
  if (run.clientId) out.clientId = run.clientId;
  if (step === "client-secret" && run.secret) out.secret = run.secret;
  return out;
}

/**
 * Evidence about one app (or one secret) says nothing about another: a run about a different client ID,
 * or for the secret step a different secret, starts the step's evidence afresh. A run that does not
 * name them (a redirect URI typed alone) adds to what is known.
 */
export function subjectChanged(step: VerifiableStep, previous: EvidenceSubject, run: EvidenceSubject): boolean {
  const next = subjectFor(step, run);
  return (
    (next.clientId !== undefined && previous.clientId !== undefined && next.clientId !== previous.clientId) ||
    (next.secret !== undefined && previous.secret !== undefined && next.secret !== previous.secret)
  );
}

/** The subject to store after a run: what the run names, else what was known (unless it changed). */
export function nextSubject(step: VerifiableStep, previous: EvidenceSubject, run: EvidenceSubject): EvidenceSubject {
  const base = subjectChanged(step, previous, run) ? {} : previous;
  return { ...base, ...subjectFor(step, run) };
}

type RunCheck = { id: string; step: string; status: string; byStep?: Partial<Record<VerifiableStep, string>> };

/**
 * What a run's check says about a step: its status, or for a check that judges several steps
 * (live.registration) its verdict on this one; undefined when it says nothing about this step (another
 * step's check, or a step the check learnt nothing about).
 */
export function checkStatusFor(c: RunCheck, step: VerifiableStep): string | undefined {
  if (c.step !== step && !isConfirming(step, c.id)) return undefined;
  return c.byStep ? c.byStep[step] : c.status;
}

/** The evidence after a run: each non-skipped check of the step replaces what was known of it. */
export function mergeEvidence(previous: Evidence, checks: readonly RunCheck[], step: VerifiableStep, at: Date): Evidence {
  const next: Evidence = { ...previous };
  for (const c of checks) {
    const status = checkStatusFor(c, step);
    if (status !== "pass" && status !== "warn" && status !== "fail" && status !== "error") continue;
    // An "error" (Microsoft unreachable, rate limited) says nothing about the setup: keep the last verdict.
    if (status === "error" && previous[c.id]) continue;
    next[c.id] = { status, at: at.toISOString() };
  }
  return next;
}

function isConfirming(step: VerifiableStep, id: string): boolean {
  return CONFIRMING_CHECKS[step].includes(id);
}

const good = (e: EvidenceItem | undefined) => e?.status === "pass" || e?.status === "warn";

/** The state of a verifiable step from its evidence (see lib/steps.ts for what each step requires). */
export function stepState(step: VerifiableStep, evidence: Evidence): StepEvidenceState {
  const groups = REQUIRED_CHECKS[step];
  const missing: string[] = [];
  let done = 0;
  for (const group of groups) {
    if (group.some((id) => good(evidence[id]))) done++;
    else missing.push(group[0]!);
  }
  const relevant = new Set([...groups.flat(), ...BLOCKING_CHECKS[step]]);
  // A required group fails when its latest verdicts leave no alternative standing: a failed
  // secret.expiry does not fail the step while a later live.token proves the secret works; a blocking
  // check's fail stands unless later evidence named in BLOCKING_RESCUED_BY outweighs it. Microsoft's
  // own "no" (a confirming check's fail: live.token refused this secret) is outweighed only by
  // Microsoft: a manifest pasted later that lists an unexpired secret says nothing about the secret
  // Microsoft refused.
  const failing: string[] = [];
  for (const id of relevant) {
    if (evidence[id]?.status !== "fail") continue;
    const group = groups.find((g) => g.includes(id));
    const rescuers = group
      ? group.filter((other) => other !== id && (!isConfirming(step, id) || isConfirming(step, other)))
      : (BLOCKING_RESCUED_BY[id] ?? []);
    const rescued = rescuers.some((other) => good(evidence[other]) && evidence[other]!.at > evidence[id]!.at);
    if (!rescued) failing.push(id);
  }
  const any = Object.keys(evidence).some((id) => relevant.has(id) || CONFIRMING_CHECKS[step].includes(id));
  let status: StepEvidenceState["status"];
  if (failing.length > 0) status = "failed";
  else if (done === groups.length) status = "verified";
  else status = any ? "in_progress" : "not_started";
  const trust: Trust | null = status !== "verified" ? null : CONFIRMING_CHECKS[step].some((id) => good(evidence[id])) ? "microsoft" : "rules";
  return { status, done, total: groups.length, missing, failing, trust };
}

/** Reads an evidence map stored as JSON, dropping anything malformed. */
export function parseEvidence(raw: unknown): Evidence {
  const out: Evidence = {};
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) return out;
  for (const [id, v] of Object.entries(raw as Record<string, unknown>)) {
    if (id === SUBJECT_KEY || id === STALE_KEY) continue;
    const item = v as { status?: unknown; at?: unknown } | null;
    if (!item || typeof item.at !== "string") continue;
    if (item.status === "pass" || item.status === "warn" || item.status === "fail" || item.status === "error") out[id] = { status: item.status, at: item.at };
  }
  return out;
}
