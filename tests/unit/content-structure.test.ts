// Heading ids, step sections and the table of contents.
import { describe, expect, test } from "vitest";
import { compileBody, renderBody } from "./content-helpers";

const withSteps = (ids: string[]) =>
  `---\ntitle: "Steps"\ndescription: "Has steps."\nslug: "steps"\nupdatedAt: "2026-01-01"\nsteps:\n${ids.map((id) => `  - id: ${id}\n    title: "Title of ${id}"`).join("\n")}\n---\n`;

describe("heading ids", () => {
  test("headings get GitHub-style slugs, made unique, and {#custom} ids win", async () => {
    const { page, html } = await renderBody(
      ["## Register your app", "", "### Details", "", "## Details", "", "## Custom title {#my-id}", "", "## My id", ""].join("\n"),
    );
    expect(page.toc).toEqual([
      { id: "register-your-app", title: "Register your app", depth: 2 },
      { id: "details", title: "Details", depth: 3 },
      { id: "details-1", title: "Details", depth: 2 },
      { id: "my-id", title: "Custom title", depth: 2 },
      { id: "my-id-1", title: "My id", depth: 2 },
    ]);
    expect(html).toContain('<h2 id="register-your-app"');
    expect(html).toContain('<h2 id="my-id"');
    // Each heading has its anchor link.
    expect(html).toContain('href="#my-id"');
    expect(html).not.toContain("{#my-id}");
  });

  test("a # heading in the body is refused (the title comes from the frontmatter)", async () => {
    await expect(compileBody("# Title again\n\nText", undefined, "g/p.mdx")).rejects.toThrow(/g\/p\.mdx: line \d+: use ## for sections/);
  });

  test("two headings with the same explicit id are refused", async () => {
    await expect(compileBody("## A {#same}\n\n## B {#same}\n")).rejects.toThrow(/heading id "same" is used twice/);
  });
});

describe("steps", () => {
  test("each <Step id> gets its heading, number and id from the frontmatter, in order", async () => {
    const body = `<Steps>\n\n<Step id="first">\n\nDo this.\n\n</Step>\n\n<Step id="second">\n\nThen that.\n\n### A detail\n\n</Step>\n\n</Steps>\n\n## After the steps\n`;
    const { page, html } = await renderBody(body, withSteps(["first", "second"]));
    expect(page.stepIds).toEqual(["first", "second"]);
    expect(page.toc.map((t) => t.id)).toEqual(["first", "second", "a-detail", "after-the-steps"]);
    expect(html).toMatch(/<section data-step="first" aria-labelledby="first"[^>]*>[\s\S]*?>1<\/span><h2 id="first"[^>]*>Title of first/);
    expect(html).toMatch(/<section data-step="second"[\s\S]*?>2<\/span><h2 id="second"[^>]*>Title of second/);
  });

  test("a step in the body that the frontmatter does not list fails naming the field", async () => {
    const body = `<Steps>\n\n<Step id="first">\n\nx\n\n</Step>\n\n<Step id="extra">\n\ny\n\n</Step>\n\n</Steps>\n`;
    await expect(compileBody(body, withSteps(["first"]), "content/g/setup.mdx")).rejects.toThrow(
      /content\/g\/setup\.mdx: frontmatter field "steps" does not list the <Step id="extra">/,
    );
  });

  test("steps out of order fail naming steps[i].id", async () => {
    const body = `<Steps>\n\n<Step id="b">\n\nx\n\n</Step>\n\n<Step id="a">\n\ny\n\n</Step>\n\n</Steps>\n`;
    await expect(compileBody(body, withSteps(["a", "b"]))).rejects.toThrow(/frontmatter field "steps\[0\]\.id" is "a" but step 1 in the body is <Step id="b">/);
  });

  test("a listed step missing from the body fails naming the field", async () => {
    const body = `<Steps>\n\n<Step id="a">\n\nx\n\n</Step>\n\n</Steps>\n`;
    await expect(compileBody(body, withSteps(["a", "b"]))).rejects.toThrow(/frontmatter field "steps\[1\]\.id" \("b"\) has no <Step id="b">/);
  });
});

describe("code blocks and values", () => {
  test("code is highlighted at build time as token classes (coloured per theme by CSS), title and copy button", async () => {
    const { html } = await renderBody('```json title="Manifest excerpt"\n{ "a": 1, "b": "x" }\n```\n');
    expect(html).toContain('class="shiki css-variables');
    // Tokens carry one short class each, no inline colours; plain text carries no element.
    expect(html).toContain('<span class="k">&quot;a&quot;</span>');
    expect(html).toContain('<span class="n"> 1</span>');
    expect(html).not.toMatch(/<(pre|span)[^>]*style=/);
    expect(html).not.toContain('class="line"');
    expect(html).toContain('data-title="Manifest excerpt"');
    expect(html).toContain('aria-label="Copy manifest excerpt"');
  });

  test("<Copy> shows the exact value with a labelled copy button", async () => {
    const { html, page } = await renderBody('Paste <Copy value="https://example.com/cb" label="callback" /> here.\n');
    expect(html).toContain(">https://example.com/cb</code>");
    expect(html).toContain('aria-label="Copy callback"');
    expect(page.sections[0]!.text).toContain("https://example.com/cb");
  });

  test("unknown <Figure> illustrations fail loudly; known ones show the static SVG file per theme, with alt text", async () => {
    const { html } = await renderBody('<Figure illustration="client-secret" caption="Copy the Value." />\n');
    expect(html).not.toContain("<svg");
    const light = /<img src="\/illustrations\/client-secret\.svg"[^>]*>/.exec(html)?.[0] ?? "";
    const dark = /<img src="\/illustrations\/client-secret-dark\.svg"[^>]*>/.exec(html)?.[0] ?? "";
    for (const img of [light, dark]) {
      expect(img).toContain('width="720" height="290"');
      expect(img).toContain('alt="Certificates and secrets page. The Client secrets tab');
      expect(img).toContain('loading="lazy"');
    }
    expect(html).toContain("<figcaption");
    await expect(renderBody('<Figure illustration="nope" />\n')).rejects.toThrow(/unknown illustration "nope"/);
  });
});
