// The support list's table. Its rows are plain markup with as few elements as they need and no
// utility lists: the cells are styled by `.setups` in app/globals.css, a badge by one class
// (`badge s-<status>`). No client component per row, no next/link (each would be a client component
// in the payload and prefetch its setup page when seen). The rows come as one HTML string from
// lib/support/setups-rows-html.ts: a page renders them twice (HTML and the RSC payload), and as
// elements they were a quarter of the server's work on every /support request.
import type { SetupRow } from "@/lib/progress";
import { setupsRowsHtml } from "@/lib/support/setups-rows-html";

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
        {/* The rows: one HTML string (lib/support/setups-rows-html.ts says why), not elements. */}
        <tbody dangerouslySetInnerHTML={{ __html: setupsRowsHtml(rows, now) }} />
      </table>
    </div>
  );
}
