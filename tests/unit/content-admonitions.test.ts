// Docusaurus admonitions → <Callout>, including inside list items and the source guide's unclosed one.
import { describe, expect, test } from "vitest";
import { normalizeAdmonitions } from "@/lib/content/admonitions";
import { ContentError } from "@/lib/content/errors";
import { compileBody, renderBody } from "./content-helpers";

/** The callouts of rendered HTML: [type, title text, body text]. */
function callouts(html: string): { type: string; title: string; body: string }[] {
  const out: { type: string; title: string; body: string }[] = [];
  const re = /<div role="note" data-callout="(\w+)"[^>]*><p[^>]*>([\s\S]*?)<\/p><div class="callout-body[^"]*">([\s\S]*?)<\/div><\/div>/g;
  for (const m of html.matchAll(re)) {
    const text = (s: string) =>
      s
        .replace(/<[^>]+>/g, "")
        .replace(/&#x27;/g, "'")
        .replace(/&quot;/g, '"')
        .replace(/&amp;/g, "&")
        .replace(/\s+/g, " ")
        .trim();
    out.push({ type: m[1]!, title: text(m[2]!), body: text(m[3]!) });
  }
  return out;
}

describe("admonitions", () => {
  test("every type renders as a Callout, with the default or the given title", async () => {
    const { html } = await renderBody(
      [":::note", "A note.", ":::", "", ":::tip Handy", "A tip.", ":::", "", ":::info[Bracket title]", "Info.", ":::", "", ":::caution", "Careful.", ":::", "", ":::danger Stop here", "Danger.", ":::"].join("\n"),
    );
    expect(callouts(html)).toEqual([
      { type: "note", title: "Note", body: "A note." },
      { type: "tip", title: "Tip: Handy", body: "A tip." },
      { type: "info", title: "Info: Bracket title", body: "Info." },
      { type: "caution", title: "Caution", body: "Careful." },
      { type: "danger", title: "Danger: Stop here", body: "Danger." },
    ]);
  });

  test("`:::caution Some title` is rewritten to the directive label syntax", () => {
    expect(normalizeAdmonitions(":::caution Some title\nBody\n:::")).toBe(":::caution[Some title]\nBody\n\n:::\n");
  });

  test("warning is an alias of caution; other names fail with the file and line", async () => {
    const { html } = await renderBody(":::warning\nMind the gap.\n:::");
    expect(callouts(html)[0]).toMatchObject({ type: "caution", body: "Mind the gap." });
    await expect(compileBody("Intro\n\n:::fancy\nx\n:::", undefined, "guides/x.mdx")).rejects.toThrow(/guides\/x\.mdx: line \d+: unknown admonition ":::fancy"/);
  });

  test("a closed admonition inside a list item stays inside that item", async () => {
    const { html } = await renderBody(["1. First", "", "   :::tip Inside", "   Still the first item.", "   :::", "", "2. Second"].join("\n"));
    expect(callouts(html)).toEqual([{ type: "tip", title: "Tip: Inside", body: "Still the first item." }]);
    const list = /<ol>([\s\S]*)<\/ol>/.exec(html)![1]!;
    const items = list.split(/<li>/).slice(1);
    expect(items).toHaveLength(2);
    expect(items[0]).toContain('data-callout="tip"');
    expect(items[1]).toContain("Second");
    expect(items[1]).not.toContain("data-callout");
  });

  test("the source guide's unclosed caution in list item 1 closes where the item ends", async () => {
    // Verbatim shape of the Codat guide: the caution is never closed and its body is a blockquote.
    const source = [
      "1. Sign in to the portal.",
      "",
      "   - If your organization is using Azure AD, ask your administrator to add your account to the correct group.",
      "     :::caution Unable to create account",
      "     > Contact your Business Central administrator if you can't create a new Business Central account. They might have disabled this feature.",
      "",
      "2. After you've signed in, select **Azure Active Directory** on the home page or left menu.",
      "",
      "3. Select **App registrations**.",
    ].join("\n");
    const { html } = await renderBody(source);
    const found = callouts(html);
    expect(found).toEqual([
      {
        type: "caution",
        title: "Caution: Unable to create account",
        body: "Contact your Business Central administrator if you can't create a new Business Central account. They might have disabled this feature.",
      },
    ]);
    // The blockquote wrapper is dropped, the numbered list survives with all three items.
    expect(html).not.toContain("<blockquote>");
    const items = /<ol>([\s\S]*)<\/ol>/.exec(html)![1]!.split(/<li>/).filter((s) => s.trim() && !s.startsWith("If"));
    expect(html.match(/<ol>/g)).toHaveLength(1);
    expect(items.some((i) => i.startsWith("After you") || i.includes("After you&#x27;ve signed in"))).toBe(true);
    const afterCallout = html.slice(html.indexOf("data-callout"));
    expect(afterCallout).toContain("After you");
    expect(/data-callout[\s\S]*?<\/div><\/div>/.exec(html)![0]).not.toContain("After you");
  });

  test("an admonition left open at the end of the file is closed there", async () => {
    const { html } = await renderBody("Intro.\n\n:::note Last words\nThe end.");
    expect(callouts(html)).toEqual([{ type: "note", title: "Note: Last words", body: "The end." }]);
  });

  test("a stray closing fence fails with the line", () => {
    expect(() => normalizeAdmonitions("Text\n\n:::\n", "a.mdx")).toThrow(ContentError);
    expect(() => normalizeAdmonitions("Text\n\n:::\n", "a.mdx")).toThrow(/a\.mdx: line 3/);
  });

  test("fences inside code blocks are left alone, and colons in prose survive", async () => {
    const { html } = await renderBody(["Meet at 12:30 :smile: ok.", "", "```text", ":::note", "not a callout", "```"].join("\n"));
    expect(callouts(html)).toEqual([]);
    expect(html).toContain("12:30 :smile: ok.");
    expect(html).toContain(":::note");
  });

  test("nested admonitions with more colons on the outer one", async () => {
    const { html } = await renderBody(["::::info Outer", "Outer text.", "", ":::tip Inner", "Inner text.", ":::", "::::"].join("\n"));
    expect(html.match(/data-callout="(\w+)"/g)).toEqual(['data-callout="info"', 'data-callout="tip"']);
  });
});

test("errors point at the line of the author's file, not the preprocessed text", async () => {
  // Line 9 of the file; the inserted blank lines and closing fences must not shift it.
  const source = ["- item", "  :::note open", "  never closed", "- next", "", ":::tip", "x", "", ":::fancy", "y", ":::"].join("\n");
  await expect(compileBody(source)).rejects.toThrow(/fixture\.mdx: line 16: unknown admonition ":::fancy"/);
});
