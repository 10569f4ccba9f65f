// /support/audit — who looked at what and did what, newest first.
import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { checkStaff } from "@/lib/auth";
import { AUDIT_ACTIONS, AUDIT_LABELS, listAudit, type AuditAction, type AuditPage } from "@/lib/progress";
import { auditView } from "@/lib/support/audit-view";
import { setupHref } from "@/lib/support/filters";
import { formatUtc } from "@/lib/support/format";
import { Notice } from "@/components/support/notice";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Audit log" };

const actions = Object.values(AUDIT_ACTIONS) as [AuditAction, ...AuditAction[]];
const blank = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : Array.isArray(v) ? v[0] : v);
const query = z.object({
  actor: z.preprocess(blank, z.string().trim().max(320).optional()).catch(undefined),
  action: z.preprocess(blank, z.enum(actions).optional()).catch(undefined),
  target: z.preprocess(blank, z.string().trim().max(128).optional()).catch(undefined),
  after: z.preprocess(blank, z.string().max(300).optional()).catch(undefined),
});

const field =
  "mt-1 block w-full rounded-md border border-zinc-300 bg-white px-2.5 py-1.5 text-sm text-zinc-900 shadow-sm focus:border-violet-600 focus:outline-none focus:ring-2 focus:ring-violet-600/40 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100";
const label = "block text-xs font-medium uppercase tracking-wide text-zinc-600 dark:text-zinc-400";
const th = "px-3 py-2 text-left text-xs font-medium uppercase tracking-wide text-zinc-600 dark:text-zinc-400";

function describe(details: unknown): string {
  if (!details || typeof details !== "object") return "";
  const d = details as Record<string, unknown>;
  const parts: string[] = [];
  if (d.filters && typeof d.filters === "object") {
    const f = Object.entries(d.filters as Record<string, unknown>)
      .filter(([k, v]) => v !== undefined && !(k === "sort" && v === "activity") && !(k === "dir" && v === "desc"))
      .map(([k, v]) => `${k}=${String(v)}`);
    if (f.length) parts.push(f.join(", "));
  }
  for (const [k, v] of Object.entries(d)) {
    if (k === "filters" || v === null || v === undefined) continue;
    parts.push(`${k}: ${typeof v === "object" ? JSON.stringify(v) : typeof v === "number" ? v.toLocaleString("en-US") : String(v)}`);
  }
  return parts.join(" · ");
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const q = query.parse(await searchParams);
  const qs = new URLSearchParams();
  if (q.actor) qs.set("actor", q.actor);
  if (q.action) qs.set("action", q.action);
  if (q.target) qs.set("target", q.target);
  const base = qs.toString();
  const session = await checkStaff(`/support/audit${base ? `?${base}` : ""}`);
  if (!session.ok) return <Notice tone="error">{session.message}</Notice>;
  let page: AuditPage | null = null;
  try {
    page = await listAudit({ actor: q.actor, action: q.action, targetId: q.target, after: q.after });
  } catch {
    page = null;
  }
  // Who read the audit log, with what filters (after listing it: the view is not among its own rows).
  // Still shown if the row cannot be written (auditView logs it), as the list and insights are.
  const filters = Object.fromEntries(Object.entries({ actor: q.actor, action: q.action, target: q.target }).filter(([, v]) => v !== undefined));
  await auditView(session.staff, AUDIT_ACTIONS.viewAudit, { details: { filters, ...(q.after ? { olderPage: true } : {}) } });
  const nextHref = page?.next ? `/support/audit?${new URLSearchParams({ ...Object.fromEntries(qs), after: page.next })}` : null;

  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold tracking-tight">Audit log</h1>
      <form method="get" action="/support/audit" aria-label="Filter the audit log" className="grid grid-cols-1 gap-3 rounded-xl border border-zinc-200 bg-white p-4 shadow-sm sm:grid-cols-4 dark:border-zinc-800 dark:bg-zinc-900">
        <div>
          <label htmlFor="actor" className={label}>Staff email</label>
          <input id="actor" name="actor" type="search" defaultValue={q.actor ?? ""} className={field} />
        </div>
        <div>
          <label htmlFor="action" className={label}>Action</label>
          <select id="action" name="action" defaultValue={q.action ?? ""} className={field}>
            <option value="">Any action</option>
            {actions.map((a) => (
              <option key={a} value={a}>{AUDIT_LABELS[a]}</option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="target" className={label}>Setup id</label>
          <input id="target" name="target" type="search" defaultValue={q.target ?? ""} className={field} />
        </div>
        <div className="flex items-end gap-2">
          <button type="submit" className="rounded-md bg-violet-700 px-4 py-1.5 text-sm font-medium text-white hover:bg-violet-800 focus:outline-none focus-visible:ring-2 focus-visible:ring-violet-600 focus-visible:ring-offset-2 dark:bg-violet-600 dark:hover:bg-violet-500 dark:focus-visible:ring-offset-zinc-900">
            Filter
          </button>
          <Link href="/support/audit" className="rounded-md px-3 py-1.5 text-sm font-medium text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800">
            Clear
          </Link>
        </div>
      </form>
      {!page ? (
        <Notice tone="error">Could not load the audit log: the database did not answer. Try again in a moment.</Notice>
      ) : page.rows.length === 0 ? (
        <Notice>No audit events match.</Notice>
      ) : (
        <div className="overflow-x-auto rounded-xl border border-zinc-200 bg-white shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
          <table className="w-full text-sm">
            <caption className="sr-only">Audit events, newest first</caption>
            <thead className="border-b border-zinc-200 bg-zinc-50 dark:border-zinc-800 dark:bg-zinc-900/60">
              <tr>
                <th scope="col" className={th}>When</th>
                <th scope="col" className={th}>Who</th>
                <th scope="col" className={th}>What</th>
                <th scope="col" className={th}>Target</th>
                <th scope="col" className={th}>Details</th>
                <th scope="col" className={th}>From</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
              {page.rows.map((e) => (
                <tr key={e.id}>
                  <td className="whitespace-nowrap px-3 py-2 align-top tabular-nums">
                    <time dateTime={e.at.toISOString()}>{formatUtc(e.at)}</time>
                  </td>
                  <td className="px-3 py-2 align-top">{e.actorEmail}</td>
                  <td className="px-3 py-2 align-top">{AUDIT_LABELS[e.action as AuditAction] ?? e.action}</td>
                  <td className="px-3 py-2 align-top">
                    {e.targetType === "setup" && e.targetId ? (
                      <Link href={setupHref(e.targetId)} className="font-mono text-xs text-violet-800 underline-offset-2 hover:underline dark:text-violet-300">
                        {e.targetId}
                      </Link>
                    ) : (
                      <span className="text-zinc-500">—</span>
                    )}
                  </td>
                  <td className="max-w-xs px-3 py-2 align-top text-xs break-words text-zinc-700 dark:text-zinc-300">{describe(e.details)}</td>
                  <td className="px-3 py-2 align-top text-xs text-zinc-600 dark:text-zinc-400">
                    <div>{e.ip ?? "unknown IP"}</div>
                    {e.userAgent ? <div className="max-w-[14rem] truncate" title={e.userAgent}>{e.userAgent}</div> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav aria-label="Pages" className="flex justify-between">
        {q.after ? (
          <Link href={`/support/audit${base ? `?${base}` : ""}`} className="rounded-md border border-zinc-300 px-3 py-1.5 text-sm font-medium dark:border-zinc-700">
            ← Newest
          </Link>
        ) : <span />}
        {nextHref ? (
          <Link href={nextHref} rel="next" className="rounded-md border border-zinc-300 px-3 py-1.5 text-sm font-medium dark:border-zinc-700">
            Older →
          </Link>
        ) : null}
      </nav>
    </div>
  );
}
