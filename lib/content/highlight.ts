// Syntax highlighting at build time with shiki: one highlighter per process, two themes (light and
// dark) emitted as CSS variables, so code blocks follow the site's theme without any JavaScript.
import rehypeShikiFromHighlighter from "@shikijs/rehype/core";
import { createHighlighter, type Highlighter } from "shiki";

export const CODE_THEMES = { light: "github-light", dark: "github-dark" } as const;
const LANGS = ["json", "jsonc", "bash", "shellscript", "http", "typescript", "javascript", "yaml", "xml", "powershell"];

let highlighter: Promise<Highlighter> | undefined;
export function getHighlighter(): Promise<Highlighter> {
  highlighter ??= createHighlighter({ themes: Object.values(CODE_THEMES), langs: LANGS });
  return highlighter;
}

/** Reads `title="…"` from a code fence's meta string (```text title="Redirect URI"). */
function parseMeta(meta: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of meta.matchAll(/(\w+)="([^"]*)"/g)) out[m[1]!] = m[2]!;
  return out;
}

/** The rehype plugin tuple for next-mdx-remote's rehypePlugins. */
export async function rehypeHighlight() {
  const hl = await getHighlighter();
  return [
    rehypeShikiFromHighlighter,
    hl,
    {
      themes: CODE_THEMES,
      defaultColor: "light",
      defaultLanguage: "text",
      fallbackLanguage: "text",
      addLanguageClass: true,
      parseMetaString: parseMeta,
      transformers: [
        {
          name: "code-title",
          pre(this: { options: { meta?: Record<string, unknown>; lang?: string } }, node: { properties: Record<string, unknown> }) {
            const title = this.options.meta?.title;
            if (typeof title === "string" && title) node.properties["data-title"] = title;
            if (this.options.lang) node.properties["data-language"] = this.options.lang;
          },
        },
      ],
    },
  ] as const;
}
