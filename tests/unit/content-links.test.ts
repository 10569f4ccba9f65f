// The broken-link check: every internal link and #anchor in every guide must resolve.
import path from "node:path";
import { describe, expect, test } from "vitest";
import { findBrokenLinks, formatBrokenLinks } from "@/lib/content/links";
import { contentRoot, guideJson, page } from "./content-helpers";

describe("broken-link check", () => {
  test("the guides in content/ have no broken internal links or anchors", async () => {
    const broken = await findBrokenLinks();
    expect(formatBrokenLinks(broken)).toBe("");
  });

  test("dead pages, dead anchors and missing images are reported with file and line", async () => {
    const body = [
      "## Here {#here}",
      "",
      "[ok same page](#here) [ok other](/guides/g/b#there) [ok home](/) [ok external](https://example.com/x#y)",
      "",
      "[bad page](/guides/g/nope)",
      "",
      "[bad anchor](/guides/g/b#nowhere)",
      "",
      "[bad local anchor](#missing)",
      "",
      '<a href="/guides/other/page">bad jsx</a>',
      "",
      "![missing image](/img/old/d365-Switch_tenants.png)",
      "",
      "[relative ok](b#there)",
    ].join("\n");
    const root = contentRoot({
      "g/guide.json": guideJson(["a", "b"]),
      "g/a.mdx": page("a", "", body),
      "g/b.mdx": page("b", "", "## There {#there}\n"),
    });
    const broken = await findBrokenLinks(root, path.join(root, "public"));
    expect(broken.map((b) => [b.href, b.reason, b.line])).toEqual([
      ["/guides/g/nope", "no page at /guides/g/nope", 12],
      ["/guides/g/b#nowhere", 'no heading with id "nowhere" on /guides/g/b', 14],
      ["#missing", 'no heading with id "missing" on /guides/g/a', 16],
      ["/guides/other/page", "no page at /guides/other/page", 18],
      ["/img/old/d365-Switch_tenants.png", "no such file public/img/old/d365-Switch_tenants.png", 20],
    ]);
    expect(broken.every((b) => b.file.endsWith(path.join("g", "a.mdx")))).toBe(true);
    expect(formatBrokenLinks(broken)).toContain("a.mdx:12: /guides/g/nope — no page at /guides/g/nope");
  });

  test("malformed external links are reported", async () => {
    const root = contentRoot({ "g/guide.json": guideJson(["a"]), "g/a.mdx": page("a", "", "[x](javascript:alert(1)) [y](https://exa mple.com)\n") });
    const reasons = (await findBrokenLinks(root)).map((b) => b.reason);
    expect(reasons).toContain("unsupported link scheme");
  });
});
