// The support list's table. One page renders this many rows twice (as HTML and again in the RSC
// payload that hydrates the page), so every row is plain server-rendered markup with as few elements
// as it needs and no utility lists: the cells are styled by `.setups` in app/globals.css, a badge by
// one class (`badge s-<status>`). No client component per row, no next/link (each would be a client
// component in the payload and prefetch its setup page when seen).
import type { SetupRow } from "@/lib/progress";
import { formatUtc, relativeAge } from "@/lib/support/format";
import { stepTitle } from "@/lib/steps";
import { SetupStatusBadge, StuckBadge } from "./badges";

export function SetupsTable({ rows, now }: { rows: SetupRow[]; now: Date }) {
  return (
    <div className="setups">
      <table>
        <caption className="sr-only">Customer setups</caption>
        <thead>
          <tr>
            <th scope="col">Company</th>
            <th scope="col">Created</th>
            <th scope="col">Last activity</th>
            <th scope="col">Current step</th>
            <th scope="col">Status</th>
            <th scope="col" className="num">
              Failed attempts
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const created = formatUtc(r.createdAt);
            return (
              <tr key={r.id}>
                <td>
                  <a href={`/support/setups/${encodeURIComponent(r.publicId)}`}>{r.companyName ?? <i>No company name</i>}</a>
                  <small>{r.contactEmail ?? "no contact email"}</small>
                  {r.clientId ? (
                    <code>
                      <span className="sr-only">Client ID </span>
                      {r.clientId}
                    </code>
                  ) : null}
                </td>
                <td>
                  <time dateTime={r.createdAt.toISOString()} title={created}>
                    {created.slice(0, 10)}
                  </time>
                </td>
                <td>
                  <time dateTime={r.lastActivityAt.toISOString()} title={formatUtc(r.lastActivityAt)}>
                    {relativeAge(r.lastActivityAt, now)}
                  </time>
                </td>
                <td>{r.status === "completed" ? "—" : stepTitle(r.currentStep)}</td>
                <td>
                  <SetupStatusBadge status={r.status} />
                  {r.stuck ? (
                    <>
                      <StuckBadge reason={r.stuck} />
                      <small className="why">{r.stuck}</small>
                    </>
                  ) : null}
                </td>
                <td className="num">{r.failedRuns}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
