// Helpers for the content tests: compile a snippet with valid frontmatter, render it to HTML.
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { renderToStaticMarkup } from "react-dom/server";
import { mdxComponents, withComponents } from "@/components/mdx";
import { serverPartsLoaded } from "@/components/verify/lazy";
import { compilePage } from "@/lib/content/compile";

// Loading components/mdx starts the import() of the guide's lazily hydrated parts (lazy.tsx). A test
// file that renders none of them could end before those imports settle, and Vitest then reports
// "Cannot load … after the environment was torn down" (seen once on Node 24 in CI): every file that
// uses these helpers waits for them here, before its tests run.
await serverPartsLoaded;

export const FRONTMATTER = `---
title: "Fixture"
description: "A page used by the tests."
slug: "fixture"
updatedAt: "2026-01-01"
---
`;

export async function compileBody(body: string, frontmatter = FRONTMATTER, file = "fixture.mdx") {
  return compilePage(`${frontmatter}\n${body}`, file);
}

export async function renderBody(body: string, frontmatter = FRONTMATTER) {
  const page = await compileBody(body, frontmatter);
  return { page, html: renderToStaticMarkup(withComponents(page.content, mdxComponents)) };
}

/** Writes a throwaway content root: { "<guide>/<file>": contents }. Returns its path. */
export function contentRoot(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), "guides-"));
  for (const [name, contents] of Object.entries(files)) {
    const file = path.join(root, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, contents);
  }
  return root;
}

export function page(slug: string, extra = "", body = "Some text.\n"): string {
  return `---\ntitle: "Page ${slug}"\ndescription: "About ${slug}."\nslug: "${slug}"\nupdatedAt: "2026-01-01"\n${extra}---\n\n${body}`;
}

export const guideJson = (pages: string[], title = "A guide") => JSON.stringify({ title, description: "A guide for tests.", order: 1, pages });
