// Remark plugin that gives a guide page its structure and records what the site needs to know about it:
//  - validates the frontmatter (zod) and checks the <Step id> sections against the frontmatter's steps,
//  - injects each step's heading (title from the frontmatter, so the list and the page cannot disagree),
//  - gives every heading a stable id ({#custom-id} or a GitHub-style slug),
//  - collects the table of contents, the links and images, and plain-text sections for search.
import { slug as githubSlug } from "github-slugger";
import { ContentError } from "./errors";
import { isJsx, attr, toText, visit, type JsxElement, type MdNode, type MdParent } from "./mdast";
import { frontmatterSchema, parseOrThrow, type Frontmatter } from "./schema";

export interface TocItem {
  id: string;
  title: string;
  depth: 2 | 3;
}
export interface PageLink {
  url: string;
  line: number | undefined;
  kind: "link" | "image";
}
export interface PageSection {
  /** Heading id, or "" for the text before the first heading. */
  anchor: string;
  title: string;
  /** Sub-headings (h3), callout titles, code block titles and figure captions inside the section. */
  headings: string[];
  text: string;
}
export interface PageStructure {
  frontmatter: Frontmatter;
  toc: TocItem[];
  headingIds: string[];
  stepIds: string[];
  links: PageLink[];
  sections: PageSection[];
}

/** Nodes that start a new block of text (a space separates them in the search text). */
const BLOCKS = new Set(["paragraph", "listItem", "tableCell", "tableRow", "blockquote", "code", "mdxJsxFlowElement", "break", "thematicBreak"]);

const EXPLICIT_ID = /\s*\{#([A-Za-z0-9][\w-]*)\}\s*$/;

export function remarkStructure(options: {
  file: string;
  onResult: (s: PageStructure) => void;
  /** Maps a line of the compiled text back to the author's file. */
  line?: (line: number | undefined) => number | undefined;
}) {
  const { file } = options;
  const mapLine = options.line ?? ((l: number | undefined) => l);
  return (tree: MdNode, vfile: { data: Record<string, unknown> }) => {
    const frontmatter = parseOrThrow(frontmatterSchema, vfile.data.matter, file, "frontmatter");
    const root = tree as MdParent;
    const where = (node: MdNode) => `line ${mapLine(node.position?.start.line) ?? "?"}`;

    // 1. Steps: the body's <Step id> elements must be the frontmatter's steps, in the same order.
    const stepNodes: JsxElement[] = [];
    visit(root, (node) => {
      if (isJsx(node) && node.name === "Step") stepNodes.push(node);
    });
    stepNodes.forEach((node, i) => {
      const id = attr(node, "id");
      if (!id) throw new ContentError(file, `${where(node)}: <Step> needs an id attribute (one of the frontmatter's steps)`);
      const expected = frontmatter.steps[i];
      if (!expected) {
        throw new ContentError(file, `frontmatter field "steps" does not list the <Step id="${id}"> at ${where(node)}`);
      }
      if (expected.id !== id) {
        throw new ContentError(file, `frontmatter field "steps[${i}].id" is "${expected.id}" but step ${i + 1} in the body is <Step id="${id}"> (${where(node)})`);
      }
      const heading: MdNode = {
        type: "heading",
        depth: 2,
        children: [{ type: "text", value: expected.title }],
        data: { explicitId: id },
        position: node.position,
      };
      node.children = [heading, ...node.children];
      node.attributes = [
        ...node.attributes.filter((a) => a.name !== "number" && a.name !== "title"),
        { type: "mdxJsxAttribute", name: "number", value: String(i + 1) },
        { type: "mdxJsxAttribute", name: "title", value: expected.title },
      ];
    });
    if (stepNodes.length < frontmatter.steps.length) {
      const missing = frontmatter.steps[stepNodes.length]!;
      throw new ContentError(file, `frontmatter field "steps[${stepNodes.length}].id" ("${missing.id}") has no <Step id="${missing.id}"> in the body`);
    }

    // 2. Heading ids: explicit ones first (they win), then slugs made unique.
    const headings: MdParent[] = [];
    visit(root, (node) => {
      if (node.type !== "heading") return;
      const heading = node as MdParent & { depth: number };
      if (heading.depth === 1) {
        throw new ContentError(file, `${where(node)}: use ## for sections; the page title (# heading) comes from the frontmatter's title`);
      }
      const last = heading.children[heading.children.length - 1];
      if (last?.type === "text" && typeof last.value === "string") {
        const m = EXPLICIT_ID.exec(last.value);
        if (m) {
          last.value = last.value.slice(0, m.index);
          heading.data = { ...heading.data, explicitId: m[1] };
        }
      }
      headings.push(heading);
      return "skip";
    });
    const used = new Set<string>();
    for (const h of headings) {
      const id = h.data?.explicitId as string | undefined;
      if (!id) continue;
      if (used.has(id)) throw new ContentError(file, `${where(h)}: heading id "${id}" is used twice`);
      used.add(id);
    }
    for (const h of headings) {
      let id = h.data?.explicitId as string | undefined;
      if (!id) {
        const base = githubSlug(toText(h).trim()) || "section";
        id = base;
        for (let n = 1; used.has(id); n++) id = `${base}-${n}`;
        used.add(id);
      }
      h.data = { ...h.data, id, hProperties: { ...((h.data?.hProperties as object) ?? {}), id } };
    }

    // 3. Table of contents, links, search sections — in document order.
    const toc: TocItem[] = [];
    const links: PageLink[] = [];
    const sections: PageSection[] = [{ anchor: "", title: frontmatter.title, headings: [], text: "" }];
    const parts: string[][] = [[]];
    visit(root, (node) => {
      if (node.type === "heading") {
        const h = node as MdParent & { depth: number };
        const title = toText(h).trim();
        const id = h.data?.id as string;
        if (h.depth === 2 || h.depth === 3) toc.push({ id, title, depth: h.depth as 2 | 3 });
        if (h.depth === 2) {
          sections.push({ anchor: id, title, headings: [], text: "" });
          parts.push([]);
        } else {
          sections[sections.length - 1]!.headings.push(title);
          parts[parts.length - 1]!.push(title);
        }
        return "skip";
      }
      const line = mapLine(node.position?.start.line);
      if (node.type === "link" || node.type === "definition") links.push({ url: String(node.url ?? ""), line, kind: "link" });
      if (node.type === "image") links.push({ url: String(node.url ?? ""), line, kind: "image" });
      if (isJsx(node)) {
        const href = attr(node, "href");
        if (href !== undefined && (node.name === "a" || node.name === "Link")) links.push({ url: href, line, kind: "link" });
        const src = attr(node, "src");
        if (src !== undefined && node.name === "img") links.push({ url: src, line, kind: "image" });
        if (node.name === "Copy") parts[parts.length - 1]!.push(` ${attr(node, "value") ?? ""} `);
        // Callout titles and figure captions name what a section is about: index them like sub-headings.
        const label = node.name === "Callout" ? attr(node, "title") : node.name === "Figure" ? attr(node, "caption") : undefined;
        if (label) sections[sections.length - 1]!.headings.push(label);
      }
      if (node.type === "code" && typeof node.meta === "string") {
        const title = /title="([^"]*)"/.exec(node.meta)?.[1];
        if (title) sections[sections.length - 1]!.headings.push(title);
      }
      if ((node.type === "text" || node.type === "inlineCode" || node.type === "code") && typeof node.value === "string") {
        parts[parts.length - 1]!.push(node.value);
      } else if (BLOCKS.has(node.type)) {
        parts[parts.length - 1]!.push(" ");
      }
    });
    sections.forEach((s, i) => {
      s.text = parts[i]!.join("").replace(/\s+/g, " ").trim();
    });

    options.onResult({
      frontmatter,
      toc,
      headingIds: headings.map((h) => h.data!.id as string),
      stepIds: stepNodes.map((n) => attr(n, "id")!),
      links,
      sections: sections.filter((s) => s.anchor !== "" || s.text !== ""),
    });
  };
}
