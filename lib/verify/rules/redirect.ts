// The redirect URI: exactly https://dynamics365businesscentral.codat.io/oauth/callback on the Web
// platform. Anything else is named precisely: which near-miss it is, and how to fix it.
import { LIMITS, REQUIRED_REDIRECT_HOST, REQUIRED_REDIRECT_PATH, REQUIRED_REDIRECT_URI } from "../constants";
import type { Platform, RedirectEntry } from "../manifest";
import { makeCheck, type Check, type Status } from "../report";
import { editDistance, leadingRun, listOf, plural, quote, quoteCode, stripTrailingSlashes, trailingRun, trimAll } from "../text";
import type { RuleContext } from "./context";

export type NearMiss =
  | "whitespace"
  | "angle-brackets"
  | "backticks"
  | "quotes"
  | "markdown-link"
  | "trailing-punctuation"
  | "missing-scheme"
  | "http"
  | "other-scheme"
  | "case"
  | "port"
  | "host-typo"
  | "different-host"
  | "trailing-slash"
  | "percent-encoding"
  | "path-typo"
  | "different-path"
  | "query"
  | "fragment"
  | "wildcard"
  | "spa-platform"
  | "public-client-platform"
  | "too-long";

export interface RedirectClassification {
  uri: string;
  platform: Platform | "typed";
  /** exact: the required URI on Web; near: a near miss; other: an unrelated URI (their own app, localhost…). */
  kind: "exact" | "near" | "other";
  mistakes: NearMiss[];
  /** Human-readable descriptions of the mistakes, in the order found. */
  notes: string[];
  /** Where the letter case differs, when it does ("scheme", "host", "path"). */
  caseIn?: string[];
}

const PLATFORM_NAMES: Record<Platform, string> = {
  web: "Web",
  spa: "Single-page application",
  publicClient: "Mobile and desktop applications",
};

const WRAP_OPEN = "<`\"'“”‘’[(";
const WRAP_CLOSE = ">`\"'“”‘’)].,;";

/** Classifies one registered or typed redirect URI against the required one. */
export function classifyRedirect(rawUri: string, platform: Platform | "typed"): RedirectClassification {
  const mistakes: NearMiss[] = [];
  const notes: string[] = [];
  const add = (m: NearMiss, note: string) => {
    if (!mistakes.includes(m)) {
      mistakes.push(m);
      notes.push(note);
    }
  };
  let s = rawUri;

  const trimmed = trimAll(s);
  if (trimmed !== s) add("whitespace", "spaces or invisible characters around it");
  s = trimmed;

  // Markdown link: [text](https://…)
  const md = /^\[[^\]]*\]\((.*)\)$/.exec(s);
  if (md) {
    add("markdown-link", "a Markdown link pasted whole");
    s = md[1]!;
  }
  for (let i = 0; i < 4; i++) {
    const before = s;
    const open = s.slice(0, leadingRun(s, WRAP_OPEN));
    const close = open.length === s.length ? "" : s.slice(s.length - trailingRun(s, WRAP_CLOSE));
    const both = open + close;
    if (both.includes("<") || both.includes(">")) add("angle-brackets", "angle brackets < > pasted along");
    if (both.includes("`")) add("backticks", "a backtick (`) pasted along");
    if (/["'“”‘’]/.test(both)) add("quotes", "quotation marks pasted along");
    if (/[.,;]/.test(close)) add("trailing-punctuation", "a punctuation mark at the end");
    if (open) s = s.slice(open.length);
    if (close) s = s.slice(0, s.length - close.length);
    s = s.trim();
    if (s === before) break;
  }
  if (/\s/.test(s)) {
    add("whitespace", "a space inside it");
    s = s.replace(/\s+/g, "");
  }
  if (rawUri.length > LIMITS.redirectUriLength) add("too-long", `longer than ${LIMITS.redirectUriLength} characters`);
  if (s.includes("*")) add("wildcard", "a wildcard (*), which Microsoft does not allow");

  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\/([^/?#]*)([^?#]*)(\?[^#]*)?(#[\s\S]*)?$/.exec(s);
  let scheme = "https";
  let authority: string;
  let path: string;
  let query: string | undefined;
  let fragment: string | undefined;
  if (m) {
    scheme = m[1]!;
    authority = m[2]!;
    path = m[3]!;
    query = m[4];
    fragment = m[5];
  } else {
    const bare = /^([^/?#]*)([^?#]*)(\?[^#]*)?(#[\s\S]*)?$/.exec(s);
    authority = bare?.[1] ?? s;
    path = bare?.[2] ?? "";
    query = bare?.[3];
    fragment = bare?.[4];
    if (authority.toLowerCase().includes("codat")) add("missing-scheme", "no https:// at the start");
  }

  let caseDiff = false;
  if (scheme.toLowerCase() === "http") add("http", "http:// instead of https://");
  else if (scheme.toLowerCase() !== "https") add("other-scheme", `${scheme}:// instead of https://`);
  else if (scheme !== "https") caseDiff = true;

  let host = authority;
  const userinfo = host.lastIndexOf("@");
  if (userinfo >= 0) host = host.slice(userinfo + 1);
  const port = /:(\d*)$/.exec(host);
  if (port) {
    host = host.slice(0, port.index);
    add("port", `a port number (:${port[1]})`);
  }
  const hostLower = host.toLowerCase();
  let hostMatches = false;
  if (hostLower === REQUIRED_REDIRECT_HOST) {
    hostMatches = true;
    if (host !== REQUIRED_REDIRECT_HOST) caseDiff = true;
  } else {
    const d = editDistance(hostLower, REQUIRED_REDIRECT_HOST, 4);
    if (d <= 4 && hostLower.length > 0) {
      add("host-typo", `a typo in the host name (${quoteCode(host, 60)} instead of ${REQUIRED_REDIRECT_HOST})`);
    } else {
      add("different-host", `a different host (${quoteCode(host || "(none)", 60)} instead of ${REQUIRED_REDIRECT_HOST})`);
    }
  }

  let p = path;
  if (/%[0-9a-f]{2}/i.test(p)) {
    let decoded: string | undefined;
    try {
      decoded = decodeURIComponent(p);
    } catch {
      decoded = undefined; // a lone "%" or an invalid sequence: compared as it is
    }
    if (decoded !== undefined && decoded !== p) {
      add("percent-encoding", `percent-encoded characters (${quote(p, 60)} stands for ${quote(decoded, 60)}; Microsoft compares the characters as written)`);
      p = decoded;
    }
  }
  if (p !== "/" && p.endsWith("/") && stripTrailingSlashes(p).toLowerCase() === REQUIRED_REDIRECT_PATH) {
    add("trailing-slash", "a trailing slash (/) at the end");
    p = stripTrailingSlashes(p);
  }
  let pathMatches = false;
  if (p === REQUIRED_REDIRECT_PATH) pathMatches = true;
  else if (p.toLowerCase() === REQUIRED_REDIRECT_PATH) {
    pathMatches = true;
    caseDiff = true;
  } else {
    const d = editDistance(p.toLowerCase(), REQUIRED_REDIRECT_PATH, 3);
    if (d <= 3 && p.length > 1) add("path-typo", `a typo in the path (${quoteCode(p, 60)} instead of ${REQUIRED_REDIRECT_PATH})`);
    else add("different-path", `a different path (${quoteCode(p || "(none)", 60)} instead of ${REQUIRED_REDIRECT_PATH})`);
  }
  let caseIn: string[] | undefined;
  if (caseDiff) {
    const where = [
      scheme !== scheme.toLowerCase() ? "scheme" : "",
      hostMatches && host !== REQUIRED_REDIRECT_HOST ? "host" : "",
      pathMatches && p !== REQUIRED_REDIRECT_PATH ? "path" : "",
    ].filter(Boolean);
    caseIn = where;
    // Microsoft documents redirect URI paths as case-sensitive; of the scheme and host it says nothing
    // (on the web they are not case-sensitive), so that much is a warning, not a verdict.
    const why = where.includes("path")
      ? "Microsoft compares redirect URI paths exactly, letter case included"
      : "host names are not case-sensitive on the web, but Microsoft does not document how it compares them";
    add("case", `different letter case${where.length ? ` in the ${listOf(where)}` : ""} (${why})`);
  }
  if (query !== undefined) add("query", `a query string (${quote(query, 40)}), not allowed for this account type`);
  if (fragment !== undefined) add("fragment", `a fragment (${quote(fragment, 40)})`);

  if (platform === "spa") add("spa-platform", "registered under Single-page application instead of Web");
  if (platform === "publicClient") add("public-client-platform", "registered under Mobile and desktop applications instead of Web");

  const related = hostMatches || pathMatches || mistakes.includes("host-typo");
  let kind: RedirectClassification["kind"];
  if (rawUri === REQUIRED_REDIRECT_URI && (platform === "web" || platform === "typed")) kind = "exact";
  else kind = related ? "near" : "other";
  return { uri: rawUri, platform, kind, mistakes, notes, ...(caseIn ? { caseIn } : {}) };
}

/** Only the letter case of the scheme or host differs, on the Web platform: undocumented, so a warning. */
function onlyHostCase(c: RedirectClassification): boolean {
  return c.mistakes.length === 1 && c.mistakes[0] === "case" && !(c.caseIn ?? ["path"]).includes("path") && (c.platform === "web" || c.platform === "typed");
}

function where(c: RedirectClassification): string {
  return c.platform === "typed" ? "" : ` on ${PLATFORM_NAMES[c.platform]}`;
}

function fixFor(c: RedirectClassification): string {
  if (c.mistakes.includes("spa-platform") || c.mistakes.includes("public-client-platform")) {
    const from = c.platform === "typed" ? "" : PLATFORM_NAMES[c.platform as Platform];
    const onlyPlatform = c.mistakes.every((m) => m === "spa-platform" || m === "public-client-platform");
    return `In the app's Authentication page, remove ${onlyPlatform ? "the URI" : quote(c.uri, 80)} from ${from}, then choose Add a platform → Web and enter exactly ${REQUIRED_REDIRECT_URI}`;
  }
  const without: string[] = [];
  if (c.mistakes.includes("trailing-slash")) without.push("no trailing slash");
  if (c.mistakes.includes("http")) without.push("https, not http");
  if (c.mistakes.includes("whitespace")) without.push("no spaces");
  if (c.mistakes.some((m) => m === "angle-brackets" || m === "backticks" || m === "quotes" || m === "markdown-link" || m === "trailing-punctuation")) {
    without.push("no brackets, backticks or quotes");
  }
  if (c.mistakes.includes("case")) without.push("all lower case");
  if (c.mistakes.includes("percent-encoding")) without.push("written out, without %-codes");
  if (c.mistakes.includes("query") || c.mistakes.includes("fragment")) without.push("nothing after callback");
  return `Edit the Web redirect URI so it is exactly ${REQUIRED_REDIRECT_URI}${without.length ? ` (${listOf(without)})` : ""}`;
}

interface SourceVerdict {
  status: Status;
  detail: string;
  fix?: string;
}

function judgeSource(entries: RedirectEntry[] | string[], label: "manifest" | "typed", registeredName: string): SourceVerdict {
  const classes = (entries as (RedirectEntry | string)[]).map((e) =>
    typeof e === "string" ? classifyRedirect(e, "typed") : classifyRedirect(e.uri, e.platform),
  );
  const who = label === "manifest" ? `${registeredName} has` : "You entered";
  if (classes.length === 0) {
    return {
      status: "fail",
      detail: label === "manifest" ? `${registeredName} has no redirect URI at all.` : "No redirect URI entered.",
      fix: `In the app's Authentication page, choose Add a platform → Web and enter exactly ${REQUIRED_REDIRECT_URI}`,
    };
  }
  const extraNotes: string[] = [];
  if (classes.length > LIMITS.redirectUris) extraNotes.push(`There are ${classes.length} redirect URIs; Microsoft allows at most ${LIMITS.redirectUris}.`);
  const exact = classes.find((c) => c.kind === "exact");
  const near = classes.filter((c) => c.kind === "near");
  if (exact) {
    const also = near.length ? ` Also ${label === "manifest" ? "registered" : "entered"}, and harmless: ${listOf(near.map((c) => `${quote(c.uri, 80)}${where(c)}`), 3)}.` : "";
    return {
      status: extraNotes.length ? "warn" : "pass",
      detail: `${who} ${REQUIRED_REDIRECT_URI}${label === "manifest" ? " on the Web platform" : ""}.${also}${extraNotes.length ? ` ${extraNotes.join(" ")}` : ""}`,
      ...(extraNotes.length ? { fix: "Remove redirect URIs you no longer use." } : {}),
    };
  }
  if (near.length > 0) {
    // The closest near miss first: fewest mistakes.
    const sorted = [...near].sort((a, b) => a.mistakes.length - b.mistakes.length);
    const best = sorted[0]!;
    const described = sorted
      .slice(0, 3)
      .map((c) => `${quote(c.uri, 100)}${where(c)} (${listOf(c.notes, 5)})`);
    const more = sorted.length > 3 ? ` and ${plural(sorted.length - 3, "more near miss", "more near misses")}` : "";
    return {
      status: onlyHostCase(best) ? "warn" : "fail",
      detail: `${who} ${listOf(described)}${more}, not exactly ${REQUIRED_REDIRECT_URI}.${extraNotes.length ? ` ${extraNotes.join(" ")}` : ""}`,
      fix: fixFor(best),
    };
  }
  const others = classes.map((c) => `${quote(c.uri, 80)}${where(c)}`);
  return {
    status: "fail",
    detail: `${who} ${plural(classes.length, "redirect URI")} (${listOf(others, 3)}), none of them Codat's ${REQUIRED_REDIRECT_URI}.`,
    fix: `In the app's Authentication page, under Web, add exactly ${REQUIRED_REDIRECT_URI} (keep your other URIs if you use them).`,
  };
}

/** The redirect-uri check over any of: registered redirects (manifest or Graph) and typed URIs. */
export function judgeRedirects(
  registered: RedirectEntry[] | undefined,
  typed: string[] | undefined,
  registeredName = "The manifest",
): Check {
  if (registered === undefined && typed === undefined) {
    return makeCheck("redirect-uri", "skip", "No redirect URI entered and no manifest.");
  }
  const verdicts: SourceVerdict[] = [];
  if (typed !== undefined) verdicts.push(judgeSource(typed, "typed", registeredName));
  if (registered !== undefined) verdicts.push(judgeSource(registered, "manifest", registeredName));
  const rank: Record<Status, number> = { skip: 0, pass: 1, warn: 2, error: 3, fail: 4 };
  const w = verdicts.reduce((a, b) => (rank[b.status] > rank[a.status] ? b : a));
  let detail = verdicts.map((v) => v.detail).join(" ");
  if (verdicts.length === 2 && verdicts[0]!.status !== verdicts[1]!.status) {
    detail += ` What you entered and ${registeredName.toLowerCase().replace(/^the /, "the ")} disagree; the registration is what Microsoft uses.`;
  }
  return makeCheck("redirect-uri", w.status, detail, w.fix ?? verdicts.find((v) => v.fix)?.fix);
}

export function redirectUri(ctx: RuleContext): Check {
  return judgeRedirects(ctx.input.manifest?.redirects, ctx.input.redirectUris);
}
