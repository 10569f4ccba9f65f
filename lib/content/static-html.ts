// The static stretches of a rendered guide page as HTML strings (issue 13).
//
// A server component's output is in the page twice: as HTML and again in the RSC payload that
// hydrates it, where every element is `["$","p",null,{…}]` and React walks and matches each one in the
// browser. The prose of a guide never changes in the browser, so `compactStatic` turns every subtree
// without an interactive part into ONE host element whose children are a pre-rendered HTML string
// (`dangerouslySetInnerHTML`): the payload carries a compact string instead of an element tree, and
// React hydrates one element per block instead of one per word in bold. The outer element of each
// block stays a real element with its own props, so the page's layout and CSS selectors are unchanged.
//
// The interactive parts (the lazily hydrated panels and confirmations) are the `dynamic` component
// types: they stay React elements, with the static blocks around them compacted. Every other function
// component must be a plain server-side function (no hooks): it is called here to get its output.
// Copy buttons, heading anchors and internal links inside the prose are plain HTML with data
// attributes, served by one delegated listener (components/prose-actions.tsx).
import { Fragment, createElement, isValidElement, type ReactElement, type ReactNode } from "react";
import { find, html as htmlSpace, svg as svgSpace } from "property-information";

const VOID = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]);

const BOOLEANISH = new Set(["contentEditable", "draggable", "spellCheck", "value", "autoReverse", "externalResourcesRequired", "focusable", "preserveAlpha"]);

export class NotStaticError extends Error {}

type Props = Record<string, unknown> & { children?: ReactNode };

function escapeText(s: string): string {
  let out = "";
  for (const ch of s) out += ch === "&" ? "&amp;" : ch === "<" ? "&lt;" : ch === ">" ? "&gt;" : ch;
  return out;
}

// Attributes are quoted with ' (the same HTML): a " costs 2 to 4 bytes in the RSC payload (escaped
// once for the row's JSON, once more for the inline script's string), a ' costs 1.
function escapeAttr(s: string): string {
  let out = "";
  for (const ch of s) out += ch === "&" ? "&amp;" : ch === "'" ? "&#39;" : ch;
  return out;
}

/** The HTML attribute React writes for a host element's prop (className → class, strokeWidth → stroke-width). */
export function attributeName(prop: string, inSvg: boolean): string {
  if (prop.startsWith("data-") || prop.startsWith("aria-")) return prop;
  return find(inSvg ? svgSpace : htmlSpace, prop).attribute;
}

function attributes(props: Props, inSvg: boolean): string {
  let out = "";
  for (const [key, value] of Object.entries(props)) {
    if (key === "children" || key === "dangerouslySetInnerHTML" || key === "key" || key === "ref" || key === "suppressHydrationWarning") continue;
    if (value === undefined || value === null) continue;
    // React writes `false` of data-/aria- and the "booleanish" attributes as "false", drops it elsewhere.
    if (value === false && !(key.startsWith("data-") || key.startsWith("aria-") || BOOLEANISH.has(key))) continue;
    if (typeof value === "function") throw new NotStaticError(`prop ${key} is a function`);
    if (typeof value === "object") throw new NotStaticError(`prop ${key} is an object`);
    const name = attributeName(key, inSvg);
    // React writes `true` of data-/aria- attributes as "true", of boolean HTML attributes as "".
    if (value === false) out += ` ${name}='false'`;
    else if (value === true) out += key.startsWith("data-") || key.startsWith("aria-") ? ` ${name}='true'` : ` ${name}=''`;
    else out += ` ${name}='${escapeAttr(String(value))}'`;
  }
  return out;
}

function isFragment(el: ReactElement): boolean {
  return el.type === Fragment;
}

/**
 * The HTML of a React node made of host elements, fragments, text and plain function components
 * (called). Throws NotStaticError at anything else (a client component, an event handler, a
 * `dynamic` type).
 */
export function toHtml(node: ReactNode, dynamic: ReadonlySet<unknown> = new Set(), inSvg = false): string {
  if (node === null || node === undefined || typeof node === "boolean") return "";
  if (typeof node === "string") return escapeText(node);
  if (typeof node === "number" || typeof node === "bigint") return String(node);
  if (Array.isArray(node)) return node.map((n: ReactNode) => toHtml(n, dynamic, inSvg)).join("");
  if (!isValidElement<Props>(node)) throw new NotStaticError(`cannot render ${typeof node}`);
  if (isFragment(node)) return toHtml(node.props.children, dynamic, inSvg);
  const { type, props } = node;
  if (typeof type === "string") {
    const svg = inSvg || type === "svg";
    const open = `<${type}${attributes(props, svg)}>`;
    if (VOID.has(type)) return open;
    const inner = (props.dangerouslySetInnerHTML as { __html?: string } | undefined)?.__html ?? toHtml(props.children, dynamic, svg && type !== "foreignObject");
    return `${open}${inner}</${type}>`;
  }
  if (typeof type === "function" && !dynamic.has(type) && !("$$typeof" in type)) {
    return toHtml((type as (p: Props) => ReactNode)(props), dynamic, inSvg);
  }
  throw new NotStaticError("an interactive part");
}

/** A host element whose children are (or would be) worth turning into one string: more than plain text. */
function worthCompacting(el: ReactElement<Props>): boolean {
  if (typeof el.type !== "string" || VOID.has(el.type) || el.props.dangerouslySetInnerHTML) return false;
  const c = el.props.children;
  return !(c === undefined || c === null || typeof c === "string" || typeof c === "number");
}

function withoutChildren(props: Props): Props {
  const rest: Props = { ...props };
  delete rest.children;
  return rest;
}

/**
 * `node` with every subtree that holds no `dynamic` part replaced by one host element carrying its
 * children as an HTML string. Plain function components are called (their output compacted in
 * turn); `dynamic` elements are kept as they are, with their props.
 */
export function compactStatic(node: ReactNode, dynamic: ReadonlySet<unknown>, block: BlockFactory = hostBlock): ReactElement {
  return createElement(Fragment, null, ...compact(node, dynamic, false, block));
}

/** Makes the element of a static block: its tag, its own props (no children) and its children's HTML. */
export type BlockFactory = (tag: string, props: Props, html: string) => ReactElement;

const hostBlock: BlockFactory = (tag, props, html) => createElement(tag, { ...props, dangerouslySetInnerHTML: { __html: html } });

/** The compacted node as a list of children (passed to createElement one by one: static children need no keys). */
function compact(node: ReactNode, dynamic: ReadonlySet<unknown>, inSvg: boolean, block: BlockFactory): ReactNode[] {
  if (Array.isArray(node)) return node.flatMap((n: ReactNode) => compact(n, dynamic, inSvg, block));
  if (!isValidElement<Props>(node)) return [node];
  if (isFragment(node)) return compact(node.props.children, dynamic, inSvg, block);
  const { type, props } = node;
  if (typeof type === "string") {
    const svg = inSvg || type === "svg";
    if (!worthCompacting(node)) return [node];
    let inner: string | null = null;
    try {
      inner = toHtml(props.children, dynamic, svg);
    } catch (e) {
      if (!(e instanceof NotStaticError)) throw e;
    }
    if (inner !== null) return [block(type, withoutChildren(props), inner)];
    return [createElement(type, withoutChildren(props), ...compact(props.children, dynamic, svg, block))];
  }
  if (typeof type === "function" && !dynamic.has(type) && !("$$typeof" in type)) {
    return compact((type as (p: Props) => ReactNode)(props), dynamic, inSvg, block);
  }
  return [node];
}
