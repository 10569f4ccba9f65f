// API permissions: Business Central with the two delegated scopes the guide asks for, nothing more.
// The user_impersonation GUID is unconfirmed by a Microsoft document (facts file): when an unknown
// delegated scope could be it, the check says so as a warning instead of failing.
import {
  BC_PERMISSIONS,
  BC_RESOURCE_APP_ID,
  FINANCIALS_SCOPE,
  GRAPH_RESOURCE_APP_ID,
  GRAPH_USER_READ_ID,
  KNOWN_RESOURCES,
  LIMITS,
  LOOKALIKE_RESOURCES,
  USER_IMPERSONATION_SCOPE,
  type KnownPermission,
} from "../constants";
import type { TypedPermission } from "../input";
import type { Registration } from "../manifest";
import { makeCheck, worst, type Check, type CheckId, type Status } from "../report";
import { listOf, plural, quote } from "../text";
import type { RuleContext } from "./context";

export interface PermEvidence {
  resourceAppId: string;
  id?: string;
  name?: string;
  type?: string;
  known?: KnownPermission;
  /** How to show it: "Financials.ReadWrite.All (delegated)". */
  label: string;
}

export interface PermSource {
  /** "The manifest", "Microsoft", "You entered". */
  name: string;
  typed: boolean;
  /** Resources listed (even with no permissions under them). */
  resources: string[];
  perms: PermEvidence[];
}

const kindWord = (type: string | undefined) =>
  type === "Scope"
    ? "delegated"
    : type === "Role"
      ? "application"
      : type && (type.toLowerCase() === "scope" || type.toLowerCase() === "role")
        ? `type ${quote(type, 20)}, which Microsoft writes ${type.toLowerCase() === "scope" ? '"Scope"' : '"Role"'}`
        : type
          ? `type ${quote(type, 20)}`
          : "type not given";

export function sourceFromRegistration(reg: Registration, name: string): PermSource {
  const perms: PermEvidence[] = [];
  for (const r of reg.resources) {
    const resourceAppId = r.resourceAppId.toLowerCase();
    for (const a of r.access) {
      const id = a.id.toLowerCase();
      const known = resourceAppId === BC_RESOURCE_APP_ID ? BC_PERMISSIONS.find((p) => p.id === id) : undefined;
      const graphName = resourceAppId === GRAPH_RESOURCE_APP_ID && id === GRAPH_USER_READ_ID ? "User.Read" : undefined;
      const e: PermEvidence = {
        resourceAppId,
        id,
        type: a.type,
        label: `${known?.name ?? graphName ?? id} (${kindWord(a.type)})`,
      };
      if (known) {
        e.known = known;
        e.name = known.name;
      } else if (graphName) e.name = graphName;
      perms.push(e);
    }
  }
  return { name, typed: false, resources: reg.resources.map((r) => r.resourceAppId.toLowerCase()), perms };
}

export function sourceFromTyped(typed: TypedPermission[]): PermSource {
  const perms = typed.map((t): PermEvidence => {
    const e: PermEvidence = {
      resourceAppId: t.resourceAppId,
      label: `${t.known?.name ?? t.name ?? t.id ?? t.raw} (${kindWord(t.type)})`,
    };
    if (t.id) e.id = t.id;
    if (t.name) e.name = t.name;
    if (t.type) e.type = t.type;
    if (t.known) e.known = t.known;
    return e;
  });
  return { name: "You entered", typed: true, resources: [...new Set(perms.map((p) => p.resourceAppId))], perms };
}

const ref = (name: string) => (name.startsWith("The ") ? `the ${name.slice(4)}` : name);
const resourceName = (id: string) => KNOWN_RESOURCES[id] ?? `the API ${id}`;
const ADD_FIX = (names: string) =>
  `In the app's API permissions page choose Add a permission → Dynamics 365 Business Central → Delegated permissions (not Application permissions), tick ${names}, then Add permissions.`;

interface Verdict {
  status: Status;
  detail: string;
  fix?: string;
}

const bcOf = (s: PermSource) => s.perms.filter((p) => p.resourceAppId === BC_RESOURCE_APP_ID);
const isBcRole = (p: PermEvidence) => p.type === "Role";
const unknownBcScopes = (s: PermSource) => bcOf(s).filter((p) => !p.known && p.type === "Scope" && !s.typed);

function judgeResource(s: PermSource): Verdict {
  const listed = s.resources.includes(BC_RESOURCE_APP_ID);
  if (s.typed) {
    const knownBc = bcOf(s).filter((p) => p.known);
    if (knownBc.length > 0) {
      return { status: "pass", detail: `You entered Business Central permissions (${listOf(knownBc.map((p) => p.label))}).` };
    }
    return {
      status: "warn",
      detail: `None of the permissions you entered (${listOf(s.perms.map((p) => p.label))}) is a Dynamics 365 Business Central permission.`,
      fix: ADD_FIX("user_impersonation and Financials.ReadWrite.All"),
    };
  }
  if (listed) {
    return {
      status: "pass",
      detail: `${s.name} lists Dynamics 365 Business Central (${BC_RESOURCE_APP_ID}) with ${plural(bcOf(s).length, "permission")}.`,
    };
  }
  if (s.resources.length === 0) {
    return { status: "fail", detail: `${s.name} has no API permissions at all.`, fix: ADD_FIX("user_impersonation and Financials.ReadWrite.All") };
  }
  const lookalike = s.resources.filter((r) => LOOKALIKE_RESOURCES.has(r));
  const names = listOf(s.resources.map(resourceName));
  if (lookalike.length > 0) {
    return {
      status: "fail",
      detail: `${s.name} asks permissions on ${names}, not on Dynamics 365 Business Central. ${listOf(lookalike.map(resourceName))} is a different Microsoft API.`,
      fix: `Remove the ${listOf(lookalike.map(resourceName))} permissions. ${ADD_FIX("user_impersonation and Financials.ReadWrite.All")}`,
    };
  }
  return {
    status: "fail",
    detail: `${s.name} asks permissions on ${names} only, not on Dynamics 365 Business Central (${BC_RESOURCE_APP_ID}).`,
    fix: ADD_FIX("user_impersonation and Financials.ReadWrite.All"),
  };
}

function judgeScope(s: PermSource, want: KnownPermission): Verdict {
  const bc = bcOf(s);
  const exact = bc.find((p) => p.known?.id === want.id && p.type === "Scope");
  if (exact) {
    return {
      status: "pass",
      detail: `${s.name} ${s.typed ? "" : "has "}delegated ${want.name}${exact.id ? ` (${exact.id}, type Scope)` : ""}.`,
    };
  }
  const asRole = bc.find((p) => p.known?.id === want.id && p.type !== "Scope");
  if (asRole) {
    return {
      status: "fail",
      detail: `${s.name} ${s.typed ? "" : "has "}${want.name} as ${asRole.type === "Role" ? "an application permission (type Role)" : kindWord(asRole.type)}, not as a delegated permission (type Scope).`,
      fix: `Remove it, then: ${ADD_FIX(want.name)}`,
    };
  }
  const roles = bc.filter(isBcRole);
  if (want.id === USER_IMPERSONATION_SCOPE.id) {
    const candidates = unknownBcScopes(s);
    if (candidates.length > 0) {
      return {
        status: "warn",
        detail: `${s.name} has no permission with the ID we know for user_impersonation (${want.id}), but has the delegated Business Central permission${candidates.length > 1 ? "s" : ""} ${listOf(candidates.map((c) => c.id ?? c.label))}, which may be it: that ID comes from public sources, not from a Microsoft document.`,
        fix: "In the app's API permissions page, check that Dynamics 365 Business Central → user_impersonation (Delegated) is listed. If it is not, add it: Add a permission → Dynamics 365 Business Central → Delegated permissions → user_impersonation.",
      };
    }
  }
  if (roles.length > 0) {
    return {
      status: "fail",
      detail: `${s.name} ${s.typed ? "" : "has "}the application permission${roles.length > 1 ? "s" : ""} ${listOf(roles.map((r) => r.name ?? r.id ?? r.label))} on Business Central instead of the delegated permission ${want.name}: Application permissions were picked where the guide asks for Delegated permissions.`,
      fix: ADD_FIX(want.name),
    };
  }
  if (!s.typed && !s.resources.includes(BC_RESOURCE_APP_ID)) {
    return {
      status: "fail",
      detail: `${s.name} has no permissions on Dynamics 365 Business Central, so no ${want.name} either.`,
      fix: ADD_FIX("user_impersonation and Financials.ReadWrite.All"),
    };
  }
  return {
    status: "fail",
    detail: `${s.name} ${s.typed ? "no" : "has no"} delegated ${want.name} on Business Central.`,
    fix: ADD_FIX(want.name),
  };
}

function judgeExtra(s: PermSource): Verdict {
  const bc = bcOf(s);
  const problems: string[] = [];
  const fixes: string[] = [];
  const roles = bc.filter(isBcRole);
  if (roles.length > 0) {
    problems.push(
      `${s.name} ${s.typed ? "" : "has "}application permission${roles.length > 1 ? "s" : ""} on Business Central: ${listOf(roles.map((r) => r.label))}. The guide asks for the two delegated permissions only; application permissions let the app act without any signed-in user.`,
    );
    fixes.push(`In API permissions, remove ${listOf(roles.map((r) => r.name ?? r.id ?? r.label))} (… → Remove permission) unless you need ${roles.length > 1 ? "them" : "it"} for something else.`);
  }
  const hasUserImp = bc.some((p) => p.known?.id === USER_IMPERSONATION_SCOPE.id && p.type === "Scope");
  const unknownScopes = bc.filter((p) => !p.known && p.type !== "Role");
  // Without the known user_impersonation ID, unknown delegated scopes may be it: the
  // user-impersonation check already says so, so don't count them twice.
  const extraScopes = s.typed || hasUserImp ? unknownScopes : [];
  if (extraScopes.length > 0) {
    problems.push(`${s.typed ? "You entered" : `${s.name} has`} ${listOf(extraScopes.map((p) => p.label))}, which ${extraScopes.length > 1 ? "are not permissions" : "is not a permission"} the guide asks for.`);
    fixes.push("Keep only user_impersonation and Financials.ReadWrite.All (Delegated) on Dynamics 365 Business Central.");
  }
  const dupes = bc.filter((p, i) => p.id && bc.findIndex((q) => q.id === p.id && q.type === p.type) !== i);
  if (dupes.length > 0) problems.push(`Listed twice: ${listOf(dupes.map((d) => d.label))}.`);
  const byResource = new Map<string, number>();
  for (const p of s.perms) byResource.set(p.resourceAppId, (byResource.get(p.resourceAppId) ?? 0) + 1);
  for (const [r, n] of byResource) {
    if (n > LIMITS.permissionsPerResource) {
      problems.push(`${plural(n, "permission")} on ${resourceName(r)}: at most ${LIMITS.permissionsPerResource} are allowed per API.`);
      fixes.push("Remove the permissions you don't use.");
    }
  }
  const others = s.perms.filter((p) => p.resourceAppId !== BC_RESOURCE_APP_ID);
  const userRead = others.filter((p) => p.resourceAppId === GRAPH_RESOURCE_APP_ID && p.name === "User.Read" && p.type === "Scope");
  const otherNote = [
    userRead.length ? "Microsoft Graph User.Read (added by default) is fine." : "",
    others.length > userRead.length ? `${plural(others.length - userRead.length, "permission")} on other APIs (${listOf([...new Set(others.filter((p) => !userRead.includes(p)).map((p) => resourceName(p.resourceAppId)))])}) ${others.length - userRead.length === 1 ? "is" : "are"} not checked.` : "",
  ].filter(Boolean).join(" ");
  if (problems.length > 0) {
    return { status: "warn", detail: `${problems.join(" ")}${otherNote ? ` ${otherNote}` : ""}`, fix: fixes.join(" ") || "Remove what the guide does not ask for." };
  }
  if (bc.length === 0) {
    return { status: "skip", detail: `No permissions on Business Central yet${otherNote ? `. ${otherNote}` : "."}` };
  }
  return {
    status: "pass",
    detail: `${s.typed ? "You entered nothing" : `${s.name} has nothing`} on Business Central beyond what the guide asks for.${otherNote ? ` ${otherNote}` : ""}`,
  };
}

function combine(id: CheckId, verdicts: Verdict[], sources: PermSource[]): Check {
  const w = worst(verdicts.map((v) => v.status));
  const chosen = verdicts.find((v) => v.status === w) ?? verdicts[0]!;
  // The same words from both sources (what was typed and the manifest) are said once.
  let detail = [...new Set(verdicts.map((v) => v.detail))].join(" ");
  if (verdicts.length === 2 && verdicts[0]!.status !== verdicts[1]!.status && sources.some((s) => s.typed)) {
    detail += ` What you entered and ${ref(sources.find((s) => !s.typed)!.name)} disagree; the registration is what Microsoft uses.`;
  }
  return makeCheck(id, w, detail, chosen.fix ?? verdicts.find((v) => v.fix)?.fix);
}

/** The four permission checks over any of: a registration (manifest or Graph) and typed permissions. */
export function judgePermissions(sources: PermSource[]): Check[] {
  if (sources.length === 0) {
    const none = "No permissions entered and no manifest.";
    return [
      makeCheck("permissions.resource", "skip", none),
      makeCheck("permissions.financials", "skip", none),
      makeCheck("permissions.user-impersonation", "skip", none),
      makeCheck("permissions.extra", "skip", none),
    ];
  }
  return [
    combine("permissions.resource", sources.map(judgeResource), sources),
    combine("permissions.financials", sources.map((s) => judgeScope(s, FINANCIALS_SCOPE)), sources),
    combine("permissions.user-impersonation", sources.map((s) => judgeScope(s, USER_IMPERSONATION_SCOPE)), sources),
    combine("permissions.extra", sources.map(judgeExtra), sources),
  ];
}

export function permissionChecks(ctx: RuleContext): Check[] {
  const sources: PermSource[] = [];
  if (ctx.input.permissions) sources.push(sourceFromTyped(ctx.input.permissions));
  if (ctx.input.manifest) sources.push(sourceFromRegistration(ctx.input.manifest, "The manifest"));
  return judgePermissions(sources);
}
