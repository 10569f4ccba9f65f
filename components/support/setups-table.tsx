import type { SetupRow } from "@/lib/progress";
import { formatUtc, relativeAge } from "@/lib/support/format";
import { stepTitle } from "@/lib/steps";
import { SetupStatusBadge, StuckBadge } from "./badges";

const th = "px-3 py-2 text-left text-xs font-medium uppercase tracking-wide text-zinc-600 dark:text-zinc-400";
const td = "px-3 py-2 align-top";

export function SetupsTable({ rows, now }: { rows: SetupRow[]; now: Date }) {
  return (
    <div className="overflow-x-auto rounded-xl border border-zinc-200 bg-white shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
      <table className="w-full text-sm">
        <caption className="sr-only">Customer setups</caption>
        <thead className="border-b border-zinc-200 bg-zinc-50 dark:border-zinc-800 dark:bg-zinc-900/60">
          <tr>
            <th scope="col" className={th}>Company</th>
            <th scope="col" className={th}>Created</th>
            <th scope="col" className={th}>Last activity</th>
            <th scope="col" className={th}>Current step</th>
            <th scope="col" className={th}>Status</th>
            <th scope="col" className={`${th} text-right`}>Failed attempts</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {rows.map((r) => (
            <tr key={r.id} className="hover:bg-zinc-50 dark:hover:bg-zinc-800/50">
              <td className={td}>
                {/* A plain link, not next/link: that would be 50 client components per page, each rendered on
                    the server, serialised into the page's payload, and prefetching its setup page when seen. */}
                <a
                  href={`/support/setups/${encodeURIComponent(r.publicId)}`}
                  className="font-medium text-violet-800 underline-offset-2 hover:underline focus:outline-none focus-visible:ring-2 focus-visible:ring-violet-600 dark:text-violet-300"
                >
                  {r.companyName ?? <span className="italic">No company name</span>}
                </a>
                <div className="text-xs text-zinc-600 dark:text-zinc-400">{r.contactEmail ?? "no contact email"}</div>
                {r.clientId ? (
                  <div className="font-mono text-[11px] text-zinc-500 dark:text-zinc-400">
                    <span className="sr-only">Client ID </span>
                    {r.clientId}
                  </div>
                ) : null}
              </td>
              <td className={`${td} whitespace-nowrap`}>
                <time dateTime={r.createdAt.toISOString()} title={formatUtc(r.createdAt)}>
                  {formatUtc(r.createdAt).slice(0, 10)}
                </time>
              </td>
              <td className={`${td} whitespace-nowrap`}>
                <time dateTime={r.lastActivityAt.toISOString()} title={formatUtc(r.lastActivityAt)}>
                  {relativeAge(r.lastActivityAt, now)}
                </time>
              </td>
              <td className={td}>{r.status === "completed" ? "—" : stepTitle(r.currentStep)}</td>
              <td className={td}>
                <div className="flex flex-wrap gap-1">
                  <SetupStatusBadge status={r.status} />
                  {r.stuck ? <StuckBadge reason={r.stuck} /> : null}
                </div>
                {r.stuck ? <div className="mt-0.5 text-xs text-amber-800 dark:text-amber-300">{r.stuck}</div> : null}
              </td>
              <td className={`${td} text-right tabular-nums`}>{r.failedRuns}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
