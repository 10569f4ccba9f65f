// The way back to the guide above a customer's own pages (components/guide-breadcrumb.tsx): a labelled
// navigation landmark, a link to the setup guide that is told apart from the text by more than its
// colour, and the current page marked as such.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { GuideBreadcrumb } from "@/components/guide-breadcrumb";
import { GUIDE_PATH } from "@/lib/steps";

describe("GuideBreadcrumb", () => {
  const html = renderToStaticMarkup(createElement(GuideBreadcrumb, { here: "Your progress" }));

  it("is a labelled navigation landmark with the link back to the guide, underlined", () => {
    expect(html).toMatch(/^<nav aria-label="Breadcrumb"[^>]*>/);
    const link = html.match(/<a ([^>]*)>([^<]*)<\/a>/);
    expect(link?.[2]).toBe("Set up the Dynamics 365 Business Central integration");
    expect(link?.[1]).toContain(`href="${GUIDE_PATH}"`);
    expect((link?.[1]?.match(/class="([^"]*)"/)?.[1] ?? "").split(" ")).toContain("underline");
  });

  it("marks where the reader is, outside the link", () => {
    expect(html).toContain('<span aria-current="page">Your progress</span>');
    expect(html.indexOf("aria-current")).toBeGreaterThan(html.indexOf("</a>"));
  });
});
