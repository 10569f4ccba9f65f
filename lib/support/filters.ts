// The support list's filter state: parsed from the URL (so a filtered view can be shared and works
// without JavaScript) with zod, one field at a time, so a bad value is named and ignored rather
// than breaking the page. The same parsed filters drive the list, the CSV export and the audit row.
import { z } from "zod";
import { SETUP_STATUSES, type SetupStatus } from "../steps";

export const SORT_KEYS = ["activity", "created"] as const;
export type SortKey = (typeof SORT_KEYS)[number];
/**
 * Rows per page of the support list: a screenful, as common admin consoles show (search and the filters
 * are how staff find a setup; "Next page" goes on). Each row is rendered twice (HTML and the RSC payload),
 * so the page's server time grows with it: 50 rows were ≈ 200 KB per view.
 */
export const PAGE_SIZE = 25;

export const SORT_LABELS: Record<SortKey, string> = {
  activity: "Last activity, newest first",
  created: "Created, newest first",
};

export const STATUS_LABELS: Record<SetupStatus, string> = {
  not_started: "Not started",
  in_progress: "In progress",
  failing: "Failing",
  completed: "Completed",
};

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

const fields = {
  q: z.preprocess(blankToUndefined, z.string().trim().max(200, "search is limited to 200 characters").optional()),
  status: z.preprocess(blankToUndefined, z.enum(SETUP_STATUSES).optional()),
  step: z.preprocess(
    blankToUndefined,
    z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "not a step id").max(64).optional(),
  ),
  stuck: z.preprocess(blankToUndefined, z.enum(["yes", "no"]).optional()),
  trust: z.preprocess(blankToUndefined, z.enum(["rules", "microsoft"]).optional()),
  sort: z.preprocess(blankToUndefined, z.enum(SORT_KEYS).default("activity")),
  after: z.preprocess(blankToUndefined, z.string().max(200).optional()),
};

export interface SetupFilters {
  q?: string;
  status?: SetupStatus;
  step?: string;
  stuck?: "yes" | "no";
  /** Setups with a step verified at this trust: by the rules, or confirmed with Microsoft. */
  trust?: "rules" | "microsoft";
  sort: SortKey;
}

export interface ListParams extends SetupFilters {
  after?: string;
}

export interface ParsedParams {
  params: ListParams;
  /** One message per ignored field, naming it. */
  errors: { field: string; message: string }[];
}

type RawParams = URLSearchParams | Record<string, string | string[] | undefined>;

function get(raw: RawParams, key: string): string | undefined {
  if (raw instanceof URLSearchParams) return raw.get(key) ?? undefined;
  const v = raw[key];
  return Array.isArray(v) ? v[0] : v;
}

const CONTROL = /[\u0000-\u001f\u007f]/;
const CONTROL_ALL = /[\u0000-\u001f\u007f]/g;

export function parseListParams(raw: RawParams): ParsedParams {
  const errors: ParsedParams["errors"] = [];
  const out: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(fields)) {
    let value = get(raw, key);
    // PostgreSQL can't store or compare text with NUL, and no control character belongs in a search:
    // remove them, say so, and search for the rest.
    if (typeof value === "string" && CONTROL.test(value)) {
      value = value.replace(CONTROL_ALL, "");
      errors.push({ field: key, message: "control characters (such as NUL) are not allowed and were removed" });
    }
    const r = (schema as z.ZodType).safeParse(value);
    if (r.success) out[key] = r.data;
    else {
      errors.push({ field: key, message: r.error.issues[0]?.message ?? "invalid value" });
      const fallback = (schema as z.ZodType).safeParse(undefined);
      out[key] = fallback.success ? fallback.data : undefined;
    }
  }
  const params = Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined)) as unknown as ListParams;
  return { params, errors };
}

/** Only the filter part (no cursor), e.g. for the export link and the audit row. */
export function filtersOf(p: ListParams): SetupFilters {
  const { after: _after, ...filters } = p;
  return filters;
}

/** A setup's page in the console (its public id as one path segment). */
export function setupHref(publicId: string): string {
  return `/support/setups/${encodeURIComponent(publicId)}`;
}

/** The query string for these params, leaving out defaults (shareable, stable). */
export function toQueryString(p: Partial<ListParams>): string {
  const qs = new URLSearchParams();
  if (p.q) qs.set("q", p.q);
  if (p.status) qs.set("status", p.status);
  if (p.step) qs.set("step", p.step);
  if (p.stuck) qs.set("stuck", p.stuck);
  if (p.trust) qs.set("trust", p.trust);
  if (p.sort && p.sort !== "activity") qs.set("sort", p.sort);
  if (p.after) qs.set("after", p.after);
  const s = qs.toString();
  return s ? `?${s}` : "";
}

export function hasAnyFilter(f: SetupFilters): boolean {
  return Boolean(f.q || f.status || f.step || f.stuck || f.trust);
}
