import Link from "next/link";
import type { CheckResult, TimelineRun } from "@/lib/progress";
import { formatUtc } from "@/lib/support/format";
import { stepTitle } from "@/lib/steps";
import { CheckStatusBadge } from "./badges";

export const SOURCE_LABELS: Record<TimelineRun["source"], string> = {
  form: "Form",
  manifest: "Manifest",
  signed_in: "Signed in with Microsoft",
  live: "Live check",
  api: "API",
  cli: "CLI",
};

export function CheckItem({ c }: { c: CheckResult }) {
  const problem = c.status === "fail" || c.status === "warn" || c.status === "error";
  return (
    <li className="py-2">
      <div className="flex flex-wrap items-center gap-2">
        <CheckStatusBadge status={c.status} />
        <span className="font-medium">{c.title ?? c.id}</span>
        <code className="text-xs text-zinc-500 dark:text-zinc-400">{c.id}</code>
      </div>
      {c.detail ? <p className="mt-1 text-sm text-zinc-700 dark:text-zinc-300">{c.detail}</p> : null}
      {problem && c.fix ? (
        <p className="mt-1 rounded-md bg-violet-50 px-2 py-1 text-sm text-violet-950 dark:bg-violet-950/60 dark:text-violet-100">
          <span className="font-semibold">Fix: </span>
          {c.fix}
          {c.docs ? (
            <>
              {" "}
              <Link href={c.docs} className="underline underline-offset-2">
                Guide section
              </Link>
            </>
          ) : null}
        </p>
      ) : null}
    </li>
  );
}

export function Timeline({ runs }: { runs: TimelineRun[] }) {
  if (runs.length === 0) {
    return <p className="text-sm text-zinc-600 dark:text-zinc-400">No verification attempts yet.</p>;
  }
  return (
    <ol className="relative space-y-4 border-l-2 border-zinc-200 pl-5 dark:border-zinc-800" aria-label="Verification attempts, newest first">
      {runs.map((r) => {
        const problems = r.checks.filter((c) => c.status === "fail" || c.status === "warn" || c.status === "error");
        const others = r.checks.filter((c) => !problems.includes(c));
        const dot =
          r.summary === "fail"
            ? "bg-rose-500"
            : r.summary === "warn"
              ? "bg-amber-500"
              : r.summary === "error"
                ? "bg-violet-500"
                : r.summary === "pass"
                  ? "bg-emerald-500"
                  : "bg-zinc-400";
        return (
          <li key={r.id} className="relative">
            <span aria-hidden="true" className={`absolute -left-[27px] top-4 h-3 w-3 rounded-full ring-4 ring-zinc-50 dark:ring-zinc-950 ${dot}`} />
            <article className="rounded-lg border border-zinc-200 bg-white p-4 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
              <header className="flex flex-wrap items-center gap-x-3 gap-y-1">
                <CheckStatusBadge status={r.summary} />
                <h3 className="font-semibold">{r.stepId ? stepTitle(r.stepId) : "Whole manifest"}</h3>
                <span className="rounded bg-zinc-100 px-1.5 py-0.5 text-xs font-medium text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300">
                  Source: {SOURCE_LABELS[r.source]}
                </span>
                <time dateTime={r.createdAt.toISOString()} className="text-sm text-zinc-600 dark:text-zinc-400">
                  {formatUtc(r.createdAt)}
                </time>
                <Link
                  href={`/reports/${encodeURIComponent(r.publicId)}`}
                  className="ml-auto text-sm font-medium text-violet-800 underline-offset-2 hover:underline dark:text-violet-300"
                >
                  Customer&apos;s report<span className="sr-only"> for this attempt</span> →
                </Link>
              </header>
              <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">
                {r.clientId ? <>Client ID <code>{r.clientId}</code> · </> : null}
                {r.tenant ? <>Tenant <code>{r.tenant}</code> · </> : null}
                {r.secretHint ? <>Secret starting <code>{r.secretHint}…</code> · </> : null}
                {r.durationMs} ms
              </p>
              {r.unreadable ? (
                <p className="mt-2 text-sm text-amber-800 dark:text-amber-300">Part of this report could not be read.</p>
              ) : null}
              {problems.length ? (
                <ul className="mt-2 divide-y divide-zinc-100 dark:divide-zinc-800">
                  {problems.map((c, i) => (
                    <CheckItem key={`${c.id}-${i}`} c={c} />
                  ))}
                </ul>
              ) : null}
              {others.length ? (
                <details className="mt-2 text-sm">
                  <summary className="cursor-pointer text-zinc-700 focus:outline-none focus-visible:ring-2 focus-visible:ring-violet-600 dark:text-zinc-300">
                    {others.length} other check{others.length === 1 ? "" : "s"} ({others.filter((c) => c.status === "pass").length} passed)
                  </summary>
                  <ul className="mt-1 divide-y divide-zinc-100 dark:divide-zinc-800">
                    {others.map((c, i) => (
                      <CheckItem key={`${c.id}-${i}`} c={c} />
                    ))}
                  </ul>
                </details>
              ) : null}
            </article>
          </li>
        );
      })}
    </ol>
  );
}

/** Newer / older pages of the timeline (plain links: works without JavaScript). */
export function TimelinePager({ basePath, page, pages }: { basePath: string; page: number; pages: number }) {
  if (pages <= 1) return null;
  const link = "rounded-md border border-zinc-300 px-3 py-1.5 text-violet-800 hover:bg-zinc-50 dark:border-zinc-700 dark:text-violet-300 dark:hover:bg-zinc-900";
  return (
    <nav aria-label="Timeline pages" className="flex flex-wrap items-center gap-3 text-sm">
      {page > 1 ? (
        <Link href={page === 2 ? `${basePath}#timeline-h` : `${basePath}?page=${page - 1}#timeline-h`} rel="prev" className={link}>
          ← Newer attempts
        </Link>
      ) : null}
      <span className="text-zinc-600 dark:text-zinc-400" aria-current="page">
        Page {page} of {pages}
      </span>
      {page < pages ? (
        <Link href={`${basePath}?page=${page + 1}#timeline-h`} rel="next" className={link}>
          Older attempts →
        </Link>
      ) : null}
    </nav>
  );
}
