// Syntax highlighting at build time with shiki, as classes: shiki's css-variables theme tags each
// token with its kind (keyword, string, …), and the transformer below turns that into one short class
// (`<span class="k">`); app/globals.css colours each class, once for the light theme and once for the
// dark one (`.dark`). Plain text (the foreground colour) gets no element at all. Inline styles on every
// token, two colours each, made the code blocks several times larger, twice: in the HTML and again in
// the RSC payload that hydrates the page.
import rehypeShikiFromHighlighter from "@shikijs/rehype/core";
import { createCssVariablesTheme, createHighlighter, type Highlighter, type ShikiTransformer } from "shiki";

type Element = Parameters<NonNullable<ShikiTransformer["code"]>>[0];
type ElementContent = Element["children"][number];

const THEME = createCssVariablesTheme({ name: "css-variables", variablePrefix: "--shiki-", fontStyle: false });
const LANGS = ["json", "jsonc", "bash", "shellscript", "http", "typescript", "javascript", "yaml", "xml", "powershell"];

/** Token kind of the css-variables theme → the class app/globals.css colours (`.shiki .k`). */
export const TOKEN_CLASSES: Record<string, string> = {
  "token-keyword": "k",
  "token-string": "s",
  "token-string-expression": "x",
  "token-constant": "n",
  "token-comment": "c",
  "token-function": "f",
  "token-parameter": "p",
  "token-punctuation": "u",
  "token-link": "l",
  "token-inserted": "i",
  "token-deleted": "d",
  "token-changed": "g",
};

let highlighter: Promise<Highlighter> | undefined;
export function getHighlighter(): Promise<Highlighter> {
  highlighter ??= createHighlighter({ themes: [THEME], langs: LANGS });
  return highlighter;
}

/** `color:var(--shiki-token-keyword)` → "k"; the foreground → null (no element); anything else → undefined (kept as is). */
function tokenClass(style: unknown): string | null | undefined {
  if (typeof style !== "string") return null;
  const m = /^color:var\(--shiki-([\w-]+)\);?$/.exec(style.trim());
  if (!m) return undefined;
  if (m[1] === "foreground") return null;
  return TOKEN_CLASSES[m[1]!];
}

/** Tokens as classes, foreground tokens and line wrappers as bare text, adjacent text merged. */
export const tokensAsClasses: ShikiTransformer = {
  name: "tokens-as-classes",
  pre(node) {
    // The block's colours come from app/globals.css, per theme.
    delete node.properties.style;
  },
  code(node) {
    const out: ElementContent[] = [];
    const pushText = (value: string) => {
      const last = out[out.length - 1];
      if (last?.type === "text") last.value += value;
      else out.push({ type: "text", value });
    };
    const visit = (children: ElementContent[]) => {
      for (const child of children) {
        if (child.type === "text") pushText(child.value);
        else if (child.type === "element" && child.tagName === "span" && hasClass(child, "line")) visit(child.children);
        else if (child.type === "element" && child.tagName === "span") {
          const cls = tokenClass(child.properties.style);
          if (cls === null) visit(child.children);
          else if (cls === undefined) out.push(child);
          else out.push({ ...child, properties: { className: [cls] } });
        } else out.push(child);
      }
    };
    visit(node.children);
    node.children = out;
  },
};

function hasClass(node: Element, name: string): boolean {
  const c = node.properties.className;
  return Array.isArray(c) ? c.includes(name) : c === name;
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
      theme: THEME.name,
      defaultLanguage: "text",
      fallbackLanguage: "text",
      addLanguageClass: true,
      parseMetaString: parseMeta,
      transformers: [
        tokensAsClasses,
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
