// The support list's table (components/support/setups-table.tsx) and its badges, rendered to HTML as the
// server renders them: what staff need is there (a link per setup with the company as its name, contact,
// client ID with its spoken label, dates, current step, status and stuck reason, failed attempts), with
// light markup (no utility lists per cell, no decorative text read aloud) and the page size the list uses.
// The rows are one HTML string (lib/support/setups-rows-html.ts): what a customer typed into their setup
// (company, contact, client ID) and what the database says (stuck reason) must come out as text, never markup.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { SetupsTable } from "@/components/support/setups-table";
import { CheckStatusBadge, StepStatusBadge, StuckBadge } from "@/components/support/badges";
import type { SetupRow } from "@/lib/progress";
import { PAGE_SIZE } from "@/lib/support/filters";
import { STEP_LIST } from "@/lib/steps";
import { setupsRowsHtml } from "@/lib/support/setups-rows-html";

const now = new Date("2026-11-30T12:00:00Z");

function row(i: number, over: Partial<SetupRow> = {}): SetupRow {
  return {
    id: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
    publicId: `pub-${i}_x`,
    companyName: `Company ${i} <b>&</b>`,
    contactEmail: `it${i}@example.com`,
    clientId: "11111111-2222-3333-4444-555555555555",
    status: "in_progress",
    failedRuns: i,
    consecutiveFailures: 0,
    lastFailedCheck: null,
    createdAt: new Date("2026-11-01T08:30:00Z"),
    lastActivityAt: new Date("2026-11-30T10:00:00Z"),
    completedAt: null,
    currentStep: STEP_LIST[2]!.id,
    verifiedSteps: null,
    stuck: null,
    ...over,
  };
}

function render(rows: SetupRow[]): string {
  return renderToStaticMarkup(createElement(SetupsTable, { rows, now }));
}

describe("support list table", () => {
  it("shows a page of 25 setups (a screenful)", () => {
    expect(PAGE_SIZE).toBe(25);
  });

  it("has a caption, column headers with scope, and one row per setup", () => {
    const html = render([row(1), row(2), row(3)]);
    expect(html).toContain('<caption class="sr-only">Customer setups</caption>');
    for (const h of ["Company", "Created", "Last activity", "Current step", "Status", "Failed attempts"]) {
      expect(html).toMatch(new RegExp(`<th scope="col"[^>]*>${h}</th>`));
    }
    expect(html.match(/<tr>/g)).toHaveLength(1 + 3);
  });

  it("links each setup by its company (escaped), with contact, client ID and its spoken label", () => {
    const html = render([row(7)]);
    expect(html).toContain('<a href="/support/setups/pub-7_x">Company 7 &#x3C;b>&#x26;&#x3C;/b></a>');
    expect(html).toContain("<small>it7@example.com</small>");
    expect(html).toContain('<code><span class="sr-only">Client ID </span>11111111-2222-3333-4444-555555555555</code>');
    const none = render([row(8, { companyName: null, contactEmail: null, clientId: null })]);
    expect(none).toContain('<a href="/support/setups/pub-8_x"><i>No company name</i></a>');
    expect(none).toContain("<small>no contact email</small>");
    expect(none).not.toContain("<code>");
  });

  it("shows dates (exact UTC in the title), current step, status, stuck reason and failed attempts", () => {
    const html = render([row(4, { stuck: "secret.shape failed 3 times in a row", status: "failing", failedRuns: 12 })]);
    expect(html).toContain('<time datetime="2026-11-01T08:30:00.000Z" title="2026-11-01 08:30 UTC">2026-11-01</time>');
    expect(html).toContain('<time datetime="2026-11-30T10:00:00.000Z" title="2026-11-30 10:00 UTC">2 h ago</time>');
    expect(html).toContain(`<td>${STEP_LIST[2]!.title}</td>`);
    expect(html).toContain('<span class="badge s-failing">Failing</span>');
    expect(html).toContain('<span class="badge stuck i-warn" title="secret.shape failed 3 times in a row">Stuck</span>');
    expect(html).toContain('<small class="why">secret.shape failed 3 times in a row</small>');
    expect(html).toContain('<td class="num">12</td>');
    // A completed setup has no current step.
    expect(render([row(5, { status: "completed" })])).toContain("<td>—</td><td><span class=\"badge s-completed\">Completed</span></td>");
  });

  it("stays light: one class at most per element, no utility lists, no next/link, no decorative text", () => {
    const rows = Array.from({ length: PAGE_SIZE }, (_, i) => row(i, i % 3 === 0 ? { stuck: "no activity for 4 days" } : {}));
    const html = render(rows);
    const classes = [...html.matchAll(/class="([^"]*)"/g)].map((m) => m[1]!);
    expect(classes.every((c) => c.split(" ").length <= 3)).toBe(true);
    expect(html).not.toMatch(/dark:|hover:|px-\d/);
    expect(html).not.toContain("aria-hidden");
    // ≈ 0.5 KB of HTML per row (it was ≈ 1.3 KB with utility classes on every cell).
    expect(html.length / PAGE_SIZE).toBeLessThan(600);
  });
});

describe("support list rows as one HTML string", () => {
  const hostile = `"><script>alert(1)</script><img src=x onerror=alert(2)> & 'x'`;

  it("escapes what customers typed, in text and in attributes", () => {
    const html = render([row(9, { companyName: hostile, contactEmail: hostile, clientId: hostile, stuck: hostile, publicId: `a"b<c>/../d` })]);
    // Outside attribute values (double-quoted, so only `"` and `&` need escaping there) no tag opens:
    // every `<` of the text is a character reference.
    const markup = html.replace(/="[^"]*"/g, '=""');
    expect(markup).not.toMatch(/<(script|img)/);
    expect(markup.match(/&#x3C;script>alert\(1\)&#x3C;\/script>/g)).toHaveLength(4); // company, contact, client ID, reason
    // In an attribute value (the stuck badge's title) the quote cannot close it, and it reads back as typed.
    const title = /<span class="badge stuck i-warn" title="([^"]*)">/.exec(html)![1]!;
    const decoded = title.replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)));
    expect(decoded).toBe(hostile);
    // The setup's id is one path segment, percent-encoded.
    expect(html).toContain('href="/support/setups/a%22b%3Cc%3E%2F..%2Fd"');
  });

  it("is the same table as the one React rendered before (text, cells and order)", () => {
    const rows = [row(1), row(2, { companyName: null, stuck: "no activity for 4 days", status: "failing" }), row(3, { status: "completed" })];
    const html = render(rows);
    const cells = [...html.matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, ""));
    expect(cells).toEqual([
      "Company 1 &#x3C;b>&#x26;&#x3C;/b>it1@example.comClient ID 11111111-2222-3333-4444-555555555555", "2026-11-01", "2 h ago", STEP_LIST[2]!.title, "In progress", "1",
      "No company nameit2@example.comClient ID 11111111-2222-3333-4444-555555555555", "2026-11-01", "2 h ago", STEP_LIST[2]!.title, "FailingStuckno activity for 4 days", "2",
      "Company 3 &#x3C;b>&#x26;&#x3C;/b>it3@example.comClient ID 11111111-2222-3333-4444-555555555555", "2026-11-01", "2 h ago", "—", "Completed", "3",
    ]);
  });

  it("an empty page has no rows", () => {
    expect(setupsRowsHtml([], now)).toBe("");
  });
});

describe("status badges", () => {
  it("say their status in text; the icon is CSS without alternative text", () => {
    expect(renderToStaticMarkup(createElement(StepStatusBadge, { status: "failed" }))).toBe('<span class="badge t-failed i-fail">Failed</span>');
    expect(renderToStaticMarkup(createElement(StepStatusBadge, { status: "confirmed" }))).toBe('<span class="badge t-done i-ok">Confirmed</span>');
    expect(renderToStaticMarkup(createElement(CheckStatusBadge, { status: "error" }))).toBe('<span class="badge c-error">Could not check</span>');
    expect(renderToStaticMarkup(createElement(StuckBadge, { reason: "why" }))).toBe('<span class="badge stuck i-warn" title="why">Stuck</span>');
  });
});
