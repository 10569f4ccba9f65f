// Minimal structural types for the Markdown syntax tree our plugins walk (mdast + MDX + directives),
// and a few helpers. Kept local so the plugins do not depend on type packages we do not install.
export interface Position {
  start: { line: number; column: number };
  end: { line: number; column: number };
}
export interface MdNode {
  type: string;
  value?: string;
  children?: MdNode[];
  position?: Position;
  data?: Record<string, unknown>;
  [key: string]: unknown;
}
export interface MdParent extends MdNode {
  children: MdNode[];
}
export interface JsxAttribute {
  type: string;
  name?: string;
  value?: unknown;
}
export interface JsxElement extends MdParent {
  type: "mdxJsxFlowElement" | "mdxJsxTextElement";
  name: string | null;
  attributes: JsxAttribute[];
}

export function isJsx(node: MdNode): node is JsxElement {
  return node.type === "mdxJsxFlowElement" || node.type === "mdxJsxTextElement";
}

/** A string attribute of a JSX element (expressions are not used in guides). */
export function attr(node: JsxElement, name: string): string | undefined {
  const a = node.attributes.find((x) => x.type === "mdxJsxAttribute" && x.name === name);
  return typeof a?.value === "string" ? a.value : undefined;
}

/** Plain text of a node, like mdast-util-to-string, plus the values of <Copy value="…"> elements. */
export function toText(node: MdNode): string {
  if (typeof node.value === "string" && (node.type === "text" || node.type === "inlineCode" || node.type === "code")) return node.value;
  if (isJsx(node) && node.name === "Copy") return attr(node, "value") ?? "";
  if (node.type === "break") return " ";
  return (node.children ?? []).map(toText).join("");
}

export function visit(node: MdNode, fn: (node: MdNode, parent: MdNode | undefined) => void | "skip", parent?: MdNode): void {
  if (fn(node, parent) === "skip") return;
  for (const child of node.children ?? []) visit(child, fn, node);
}
