// Compiles one guide page (MDX) into a React element plus its structure (frontmatter, TOC, links,
// search sections). next-mdx-remote's RSC compiler; our remark plugins; shiki at build time.
import { compileMDX } from "next-mdx-remote/rsc";
import type { ReactElement } from "react";
import remarkDirective from "remark-directive";
import remarkGfm from "remark-gfm";
import { normalizeAdmonitionsWithMap, remarkAdmonitions } from "./admonitions";
import { ContentError } from "./errors";
import { rehypeHighlight } from "./highlight";
import { remarkStructure, type PageStructure } from "./structure";

export interface CompiledPage extends PageStructure {
  /** The page body; render it with `withComponents(content, mdxComponents)`. */
  content: ReactElement;
}

const HEADING_ID = /^(\s{0,3}#{2,6}\s.*?)\s*\{#([A-Za-z0-9][\w-]*)\}\s*$/;
const CODE_FENCE = /^\s*(`{3,}|~{3,})/;

/** `## Title {#id}` (Docusaurus) would be a JavaScript expression in MDX: escape the braces. */
export function escapeHeadingIds(source: string): string {
  let inCode = false;
  return source
    .split("\n")
    .map((line) => {
      if (CODE_FENCE.test(line)) inCode = !inCode;
      if (inCode) return line;
      const m = HEADING_ID.exec(line);
      return m ? `${m[1]} \\{#${m[2]}\\}` : line;
    })
    .join("\n");
}

const FRONTMATTER_BLOCK = /^---\r?\n[\s\S]*?\r?\n---[ \t]*(\r?\n|$)/;

/**
 * The preprocessing a source goes through before MDX parses it (admonitions, {#id} headings), on the
 * body only. `line` maps a line of the compiled body (frontmatter stripped) to the author's file.
 */
export function preprocess(source: string, file: string): { text: string; line: (line: number | undefined) => number | undefined } {
  const fm = FRONTMATTER_BLOCK.exec(source)?.[0] ?? "";
  const fmLines = fm === "" ? 0 : fm.split("\n").length - (fm.endsWith("\n") ? 1 : 0);
  const body = normalizeAdmonitionsWithMap(source.slice(fm.length), file, fmLines + 1);
  return {
    text: fm + escapeHeadingIds(body.text),
    line: (line) => (line === undefined ? undefined : fmLines + (body.lines[line - 1] ?? line)),
  };
}

export async function compilePage(source: string, file: string): Promise<CompiledPage> {
  let structure: PageStructure | undefined;
  let pluginError: unknown;
  const guard =
    <A extends unknown[]>(plugin: (...a: A) => (...t: never[]) => void) =>
    (...a: A) => {
      const transformer = plugin(...a) as (...t: unknown[]) => void;
      return (...t: unknown[]) => {
        try {
          transformer(...t);
        } catch (e) {
          pluginError = e;
          throw e;
        }
      };
    };

  let body: ReturnType<typeof preprocess>;
  try {
    body = preprocess(source, file);
  } catch (e) {
    throw e instanceof ContentError ? e : new ContentError(file, String(e));
  }
  try {
    const { content } = await compileMDX({
      source: body.text,
      options: {
        parseFrontmatter: true,
        mdxOptions: {
          remarkPlugins: [
            remarkGfm,
            remarkDirective,
            [guard(remarkAdmonitions), { file, line: body.line }],
            [guard(remarkStructure), { file, line: body.line, onResult: (s: PageStructure) => (structure = s) }],
          ],
          // eslint-disable-next-line @typescript-eslint/no-explicit-any
          rehypePlugins: [(await rehypeHighlight()) as any],
        },
      },
    });
    if (!structure) throw new ContentError(file, "the page could not be analysed");
    return { ...structure, content };
  } catch (e) {
    if (pluginError instanceof ContentError) throw pluginError;
    if (e instanceof ContentError) throw e;
    const message = e instanceof Error ? e.message : String(e);
    if (e instanceof Error && e.name.startsWith("YAML")) {
      throw new ContentError(file, `frontmatter is not valid YAML: ${message.split("\n")[0]}`);
    }
    const firstLines = message.replace(/^\[next-mdx-remote\] error compiling MDX:\s*/, "").split("\n").slice(0, 2).join(" ");
    throw new ContentError(file, `MDX could not be compiled: ${firstLines}`);
  }
}
