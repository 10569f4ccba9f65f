// Frontmatter and guide.json validation: a malformed guide fails with the file and the field.
import { describe, expect, test } from "vitest";
import { listGuides } from "@/lib/content/guides";
import { compileBody, contentRoot, guideJson, page } from "./content-helpers";

const fm = (lines: string[]) => `---\n${lines.join("\n")}\n---\n`;
const good = ['title: "T"', 'description: "D"', 'slug: "p"', 'updatedAt: "2026-01-01"'];

describe("frontmatter", () => {
  test.each([
    ["title", good.filter((l) => !l.startsWith("title")), /content\/g\/p\.mdx: frontmatter field "title" is missing/],
    ["description", good.filter((l) => !l.startsWith("description")), /frontmatter field "description" is missing/],
    ["updatedAt", [...good.slice(0, 3), 'updatedAt: "last tuesday"'], /frontmatter field "updatedAt" is invalid: use an ISO date/],
    ["slug", [...good.slice(0, 2), 'slug: "Not A Slug"', good[3]!], /frontmatter field "slug" is invalid/],
    ["steps[1].title", [...good, "steps:", "  - id: a", '    title: "A"', "  - id: b"], /frontmatter field "steps\[1\]\.title" is missing/],
    ["steps[1].id", [...good, "steps:", "  - id: a", '    title: "A"', "  - id: a", '    title: "Again"'], /frontmatter field "steps\[1\]\.id" is invalid: duplicate step id "a"/],
  ])("a bad %s names the file and the field", async (_field, lines, message) => {
    await expect(compileBody("Body.\n", fm(lines), "content/g/p.mdx")).rejects.toThrow(message);
  });

  test("YAML that does not parse names the file", async () => {
    await expect(compileBody("Body\n", "---\ntitle: [unclosed\n---\n", "content/g/p.mdx")).rejects.toThrow(/content\/g\/p\.mdx: frontmatter is not valid YAML/);
  });
});

describe("guide folders", () => {
  test("a valid folder lists its pages in guide.json order with labels", async () => {
    const root = contentRoot({
      "b-guide/guide.json": JSON.stringify({ title: "B", description: "d", order: 2, pages: ["two", "one"] }),
      "b-guide/one.mdx": page("one", 'sidebarTitle: "First page"\n'),
      "b-guide/two.mdx": page("two"),
      "a-guide/guide.json": JSON.stringify({ title: "A", description: "d", order: 5, pages: ["x"] }),
      "a-guide/x.mdx": page("x"),
    });
    const guides = await listGuides(root);
    expect(guides.map((g) => g.slug)).toEqual(["b-guide", "a-guide"]);
    expect(guides[0]!.pages.map((p) => [p.url, p.label])).toEqual([
      ["/guides/b-guide/two", "Page two"],
      ["/guides/b-guide/one", "First page"],
    ]);
  });

  test("a slug that does not match the file name fails naming the field", async () => {
    const root = contentRoot({ "g/guide.json": guideJson(["setup"]), "g/setup.mdx": page("set-up") });
    await expect(listGuides(root)).rejects.toThrow(/setup\.mdx: frontmatter field "slug" is "set-up" but must match the file name \("setup"\)/);
  });

  test("guide.json must exist, be valid, and list every page", async () => {
    await expect(listGuides(contentRoot({ "g/a.mdx": page("a") }))).rejects.toThrow(/g\/guide\.json: missing/);
    await expect(listGuides(contentRoot({ "g/guide.json": "{", "g/a.mdx": page("a") }))).rejects.toThrow(/guide\.json: not valid JSON/);
    await expect(listGuides(contentRoot({ "g/guide.json": JSON.stringify({ title: "T", description: "D" }), "g/a.mdx": page("a") }))).rejects.toThrow(
      /guide\.json: guide\.json field "pages" is missing/,
    );
    await expect(listGuides(contentRoot({ "g/guide.json": guideJson(["a"]), "g/a.mdx": page("a"), "g/b.mdx": page("b") }))).rejects.toThrow(
      /guide\.json field "pages" does not list b\.mdx/,
    );
    await expect(listGuides(contentRoot({ "g/guide.json": guideJson(["a", "ghost"]), "g/a.mdx": page("a") }))).rejects.toThrow(
      /guide\.json field "pages\[1\]" names "ghost" but there is no ghost\.mdx/,
    );
  });

  test("a page without frontmatter fails naming the file", async () => {
    const root = contentRoot({ "g/guide.json": guideJson(["a"]), "g/a.mdx": "# No frontmatter\n" });
    await expect(listGuides(root)).rejects.toThrow(/a\.mdx: the file must start with a frontmatter block/);
  });
});

test("a field of the wrong type is reported as invalid, not missing", async () => {
  await expect(compileBody("Body.\n", fm(['title: 5', 'description: "D"', 'slug: "p"', 'updatedAt: "2026-01-01"']), "p.mdx")).rejects.toThrow(
    /p\.mdx: frontmatter field "title" is invalid: .*expected string/,
  );
});
