// Docusaurus-style admonitions (:::note, :::tip, :::info, :::caution, :::danger, optional title)
// rendered as our <Callout>. Two parts:
//   1. normalizeAdmonitions(source): a line-level pass that makes Codat's existing Markdown parse the
//      way its authors meant — `:::caution Some title` becomes `:::caution[Some title]`, fences get the
//      blank lines micromark needs, and an admonition left open (the classic one inside a list item)
//      is closed where its indentation ends. Code fences are left alone.
//   2. remarkAdmonitions: turns the container directives into <Callout type title> JSX elements and
//      puts any other directive syntax back as the text it was (so "12:30" or ":smile:" survive).
import { ContentError } from "./errors";
import type { MdNode, MdParent } from "./mdast";
import { toText } from "./mdast";

export const CALLOUT_TYPES = ["note", "tip", "info", "caution", "danger"] as const;
export type CalloutType = (typeof CALLOUT_TYPES)[number];
/** Other names authors use, mapped onto ours. */
const ALIASES: Record<string, CalloutType> = { warning: "caution", important: "info", success: "tip" };

export function calloutType(name: string): CalloutType | undefined {
  const n = name.toLowerCase();
  return (CALLOUT_TYPES as readonly string[]).includes(n) ? (n as CalloutType) : ALIASES[n];
}

const OPEN = /^(\s*)(:{3,})([A-Za-z][\w-]*)(.*)$/;
const CLOSE = /^(\s*)(:{3,})\s*$/;
const CODE_FENCE = /^(\s*)(`{3,}|~{3,})/;

const indentOf = (line: string) => line.length - line.trimStart().length;
const isBlank = (line: string) => line.trim() === "";

/**
 * Rewrites admonition syntax into the form remark-directive parses reliably. Pure string → string.
 * Throws a ContentError (with the line) for a closing fence that closes nothing.
 */
export function normalizeAdmonitions(source: string, file = "<source>", firstLine = 1): string {
  return normalizeAdmonitionsWithMap(source, file, firstLine).text;
}

/**
 * Same, plus `lines`: for each output line, the 1-based line of the input it came from (inserted
 * lines map to the line before them), so positions can be reported against the author's file.
 */
export function normalizeAdmonitionsWithMap(source: string, file = "<source>", firstLine = 1): { text: string; lines: number[] } {
  const lines = source.split(/\r?\n/);
  const out: string[] = [];
  const origin: number[] = [];
  let current = 0;
  const push = (line: string) => {
    out.push(line);
    origin.push(current);
  };
  const open: { indent: number; colons: number }[] = [];
  let codeFence: { indent: number; marker: string } | null = null;

  const ensureBlankBefore = () => {
    if (out.length > 0 && !isBlank(out[out.length - 1]!)) push("");
  };
  const closeTop = () => {
    const top = open.pop()!;
    // Drop trailing blank lines so the closing fence sits right after the content, then a blank.
    while (out.length > 0 && isBlank(out[out.length - 1]!)) {
      out.pop();
      origin.pop();
    }
    ensureBlankBefore();
    push(" ".repeat(top.indent) + ":".repeat(top.colons));
    push("");
  };

  lines.forEach((line, index) => {
    current = index + 1;
    const lineNo = index + firstLine;
    if (codeFence) {
      push(line);
      const m = CODE_FENCE.exec(line);
      if (m && m[2]![0] === codeFence.marker[0] && m[2]!.length >= codeFence.marker.length && isBlank(line.slice(m[0].length))) {
        codeFence = null;
      }
      return;
    }
    if (!isBlank(line)) {
      // An admonition ends where its indentation ends (e.g. the next list item), closed or not.
      const indent = indentOf(line);
      const isCloser = CLOSE.test(line);
      while (open.length > 0 && !isCloser && indent < open[open.length - 1]!.indent) closeTop();
    }
    const fence = CODE_FENCE.exec(line);
    if (fence) {
      codeFence = { indent: fence[1]!.length, marker: fence[2]! };
      push(line);
      return;
    }
    const close = CLOSE.exec(line);
    if (close) {
      if (open.length === 0) throw new ContentError(file, `line ${lineNo}: "${line.trim()}" closes an admonition that was never opened`);
      closeTop();
      return;
    }
    const opening = OPEN.exec(line);
    if (opening) {
      // Any container directive is tracked (so its closing fence pairs up); unknown names are
      // reported by remarkAdmonitions with their line.
      const [, ws, colons, name, rest] = opening as unknown as [string, string, string, string, string];
      const title = rest.trim();
      let label = "";
      if (title.startsWith("[")) label = title; // already :::type[Title]
      else if (title.startsWith("{")) label = title; // attributes, passed through
      else if (title) label = `[${title.replace(/([[\]\\])/g, "\\$1")}]`;
      ensureBlankBefore();
      push(`${ws}${colons}${calloutType(name) ? name.toLowerCase() : name}${label}`);
      open.push({ indent: ws.length, colons: colons.length });
      return;
    }
    push(line);
  });
  while (open.length > 0) closeTop();
  // Keep the file's final newline state tidy.
  while (out.length > 1 && isBlank(out[out.length - 1]!) && isBlank(out[out.length - 2]!)) {
    out.pop();
    origin.pop();
  }
  return { text: out.join("\n"), lines: origin };
}

type Directive = MdParent & {
  type: "containerDirective" | "leafDirective" | "textDirective";
  name: string;
  attributes?: Record<string, string | null | undefined> | null;
};

function jsxAttr(name: string, value: string) {
  return { type: "mdxJsxAttribute", name, value };
}

/** Remark plugin: container directives of a callout type → <Callout>; other directives back to text. */
export function remarkAdmonitions(options: { file: string; line?: (line: number | undefined) => number | undefined }) {
  return (tree: MdNode) => {
    transform(tree as MdParent, options.file, options.line ?? ((l) => l));
  };
}

function transform(parent: MdParent, file: string, mapLine: (line: number | undefined) => number | undefined) {
  if (!parent.children) return;
  parent.children = parent.children.flatMap((child): MdNode[] => {
    const node = child as Directive;
    if (node.children) transform(node, file, mapLine);
    if (node.type === "containerDirective") {
      const type = calloutType(node.name);
      if (!type) {
        const line = mapLine(node.position?.start.line);
        throw new ContentError(file, `line ${line ?? "?"}: unknown admonition ":::${node.name}" (use ${CALLOUT_TYPES.join(", ")})`);
      }
      let children = node.children ?? [];
      let title = node.attributes?.title ?? "";
      const first = children[0] as (MdParent & { data?: { directiveLabel?: boolean } }) | undefined;
      if (first?.type === "paragraph" && first.data?.directiveLabel) {
        title = toText(first).trim();
        children = children.slice(1);
      }
      // Codat's old guides wrap the body in a blockquote (readme.io style); inside a callout that is noise.
      if (children.length === 1 && children[0]!.type === "blockquote") children = (children[0] as MdParent).children ?? [];
      const attributes = [jsxAttr("type", type)];
      if (title) attributes.push(jsxAttr("title", title));
      return [{ type: "mdxJsxFlowElement", name: "Callout", attributes, children, position: node.position } as MdNode];
    }
    if (node.type === "leafDirective") {
      return [{ type: "paragraph", children: [{ type: "text", value: `::${node.name}` }, ...labelText(node)] } as MdNode];
    }
    if (node.type === "textDirective") {
      return [{ type: "text", value: `:${node.name}` } as MdNode, ...labelText(node)];
    }
    return [child];
  });
}

function labelText(node: Directive): MdNode[] {
  if (!node.children || node.children.length === 0) return [];
  return [{ type: "text", value: "[" } as MdNode, ...node.children, { type: "text", value: "]" } as MdNode];
}
