// The rows of the support list as one HTML string (components/support/setups-table.tsx puts it in
// the table's <tbody> with dangerouslySetInnerHTML).
//
// Why not React elements: a page of 25 rows is ≈ 375 elements that Next renders twice on every
// request (the RSC payload, then HTML from that payload) and ships twice (HTML and the inline
// payload). Measured on the 2-core bench host at 100k setups: those rows were 3.5 ms of the
// server's 13.5 ms CPU per `/support` request. The rows hold no component with state or handlers,
// so one string, built here as a syntax tree and serialised by hast-util-to-html (the serialiser
// rehype and Shiki use: it escapes text and attribute values by the HTML spec), costs ≈ 0.4 ms
// and travels in the payload as one text chunk.
//
// Everything in a row is text or an attribute value from the database; nothing is raw HTML (the
// serialiser drops `raw` nodes by default, and none is built here).
import "server-only";
import type { Element, ElementContent, Root } from "hast";
import { toHtml } from "hast-util-to-html";
import type { SetupRow } from "@/lib/progress";
import { stepTitle } from "@/lib/steps";
import { setupStatusBadgeClass, STUCK_BADGE_CLASS } from "./badges";
import { setupHref, STATUS_LABELS } from "./filters";
import { formatUtc, relativeAge } from "./format";

type Props = Element["properties"];

function el(tagName: string, properties: Props, children: ElementContent[]): Element {
  return { type: "element", tagName, properties, children };
}

function text(value: string): ElementContent {
  return { type: "text", value };
}

function row(r: SetupRow, now: Date): Element {
  const created = formatUtc(r.createdAt);
  const company: ElementContent[] = [
    el("a", { href: setupHref(r.publicId) }, [r.companyName ? text(r.companyName) : el("i", {}, [text("No company name")])]),
    el("small", {}, [text(r.contactEmail ?? "no contact email")]),
  ];
  if (r.clientId) company.push(el("code", {}, [el("span", { className: ["sr-only"] }, [text("Client ID ")]), text(r.clientId)]));
  const status: ElementContent[] = [el("span", { className: setupStatusBadgeClass(r.status).split(" ") }, [text(STATUS_LABELS[r.status])])];
  if (r.stuck) {
    // The badge's icon is CSS (`.badge.i-warn::before`); the reason is in its title and, for
    // everyone, in the small text after it.
    status.push(el("span", { className: STUCK_BADGE_CLASS.split(" "), title: r.stuck }, [text("Stuck")]));
    status.push(el("small", { className: ["why"] }, [text(r.stuck)]));
  }
  return el("tr", {}, [
    el("td", {}, company),
    el("td", {}, [el("time", { dateTime: r.createdAt.toISOString(), title: created }, [text(created.slice(0, 10))])]),
    el("td", {}, [el("time", { dateTime: r.lastActivityAt.toISOString(), title: formatUtc(r.lastActivityAt) }, [text(relativeAge(r.lastActivityAt, now))])]),
    el("td", {}, [text(r.status === "completed" ? "—" : stepTitle(r.currentStep))]),
    el("td", {}, status),
    el("td", { className: ["num"] }, [text(String(r.failedRuns))]),
  ]);
}

/** The `<tr>` elements of a page of setups, as HTML. */
export function setupsRowsHtml(rows: readonly SetupRow[], now: Date): string {
  const tree: Root = { type: "root", children: rows.map((r) => row(r, now)) };
  return toHtml(tree);
}
