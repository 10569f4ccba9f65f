// The guide prose as pre-rendered HTML strings (lib/content/static-html.ts): the same HTML as React
// renders, one host element per static block, the interactive parts kept as React elements.
import { Fragment, createElement, isValidElement, type ReactElement, type ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, test } from "vitest";
import { mdxComponents, renderProse, withComponents } from "@/components/mdx";
import { LazyVerifyStep, serverPartsLoaded } from "@/components/verify/lazy";
import { findPage, loadPage } from "@/lib/content/guides";
import type { CompiledPage } from "@/lib/content/compile";
import { NotStaticError, attributeName, compactStatic, toHtml } from "@/lib/content/static-html";
import { readdirSync, readFileSync } from "node:fs";
import { CautionIcon, CheckIcon, CopyIcon, DangerIcon, ExternalIcon, InfoIcon, LinkIcon, NoteIcon, ShieldIcon, TipIcon } from "@/components/icons";
import { iconSpriteFileName, iconSpriteSvg, SPRITE_ICONS } from "@/components/icon-sprite";
import { ICON_SPRITE } from "@/components/icon-sprite-file";
import { ProseIcon } from "@/components/prose-static";
import { decodeFromPayload, encodeForPayload } from "@/lib/content/payload-text";
import { clientNavigates, codeText, sectionUrl } from "@/lib/content/prose-actions";

/**
 * HTML with what is written differently but means the same made equal: React's `<!-- -->` between
 * adjacent text nodes, ' and " as themselves (React writes &#x27; and &quot; in text too), attribute
 * values in '…' (static-html.ts quotes with '), void elements without the "/", and useId's ids (they
 * depend on the tree's shape).
 */
const norm = (html: string) =>
  html
    .replaceAll("<!-- -->", "")
    .replaceAll("&#x27;", "'")
    .replaceAll("&#39;", "'")
    .replaceAll("&quot;", '"')
    .replace(/="([^"]*)"/g, "='$1'")
    .replaceAll("/>", ">")
    .replace(/_R_[0-9a-z]+_/g, "_R_");
const plain = (node: ReactElement) => norm(renderToStaticMarkup(node));

function elements(node: ReactNode, out: ReactElement[] = []): ReactElement[] {
  if (Array.isArray(node)) node.forEach((n: ReactNode) => elements(n, out));
  else if (isValidElement<{ children?: ReactNode }>(node)) {
    out.push(node);
    elements(node.props.children, out);
  }
  return out;
}

describe("toHtml", () => {
  test("writes what React writes: attributes, SVG attributes, booleans, escaping, void elements", () => {
    const tree = createElement(
      "div",
      { className: "a b", "data-step": "x", "aria-hidden": true, tabIndex: 0, hidden: true, title: "say hi & go" },
      createElement("label", { htmlFor: "f" }, "A < B & C > D"),
      createElement("svg", { viewBox: "0 0 24 24", strokeWidth: 2, strokeLinecap: "round", focusable: false }, createElement("path", { d: "M1 1" })),
      createElement("img", { src: "/a.svg", alt: "x", loading: "lazy", width: 10 }),
      createElement(Fragment, null, "one", 2, null, false, "three"),
    );
    expect(norm(toHtml(tree))).toBe(plain(tree));
    expect(toHtml(createElement("p", { title: "a 'b' \"c\" & <d>" }, 'x "y" <z>'))).toBe(`<p title='a &#39;b&#39; "c" &amp; <d>'>x "y" &lt;z&gt;</p>`);
  });

  test("calls plain function components; an interactive part or a handler is not static", () => {
    const Box = ({ children }: { children?: ReactNode }) => createElement("section", { className: "box" }, children);
    expect(toHtml(createElement(Box, null, createElement("p", null, "hi")))).toBe("<section class='box'><p>hi</p></section>");
    const Island = () => createElement("form");
    expect(() => toHtml(createElement("div", null, createElement(Island)), new Set([Island]))).toThrow(NotStaticError);
    expect(() => toHtml(createElement("button", { onClick: () => {} }, "x"))).toThrow(NotStaticError);
  });

  test("attribute names", () => {
    expect(attributeName("className", false)).toBe("class");
    expect(attributeName("htmlFor", false)).toBe("for");
    expect(attributeName("strokeLinejoin", true)).toBe("stroke-linejoin");
    expect(attributeName("data-copy", false)).toBe("data-copy");
  });
});

describe("compactStatic", () => {
  test("a static block becomes one element with its children as HTML; an interactive part stays an element", () => {
    const Island = (p: { step: string }) => createElement("form", { "data-step": p.step });
    const tree = createElement(
      "section",
      { className: "step" },
      createElement("h2", { id: "a" }, "Title ", createElement("code", null, "x")),
      createElement("p", null, "Some ", createElement("strong", null, "bold"), " text."),
      createElement(Island, { step: "s" }),
      "plain",
    );
    const out = compactStatic(tree, new Set([Island]));
    expect(plain(out)).toBe(plain(tree));
    const all = elements(out);
    expect(all.filter((e) => e.type === "strong" || e.type === "code")).toEqual([]);
    expect(all.some((e) => e.type === Island)).toBe(true);
    const p = all.find((e) => e.type === "p") as ReactElement<{ dangerouslySetInnerHTML: { __html: string } }>;
    expect(p.props.dangerouslySetInnerHTML.__html).toBe("Some <strong>bold</strong> text.");
    // A block factory of its own (the guide page's: a client component that decodes the payload's text).
    const custom = compactStatic(tree, new Set([Island]), (tag, props, html) => createElement(tag, { ...props, "data-block": "", dangerouslySetInnerHTML: { __html: html } }));
    expect(elements(custom).filter((e) => (e.props as Record<string, unknown>)["data-block"] === "").map((e) => e.type)).toEqual(["h2", "p"]);
  });
});

describe("the setup guide through renderProse", () => {
  let setup: CompiledPage;
  beforeAll(async () => {
    setup = await loadPage((await findPage("dynamics365-business-central", "setup"))!);
    await serverPartsLoaded;
  });

  test("renders the same HTML as the element tree", () => {
    expect(plain(renderProse(setup.content))).toBe(plain(withComponents(setup.content, mdxComponents)));
  });

  test("keeps the three panels as React elements and leaves few elements besides", () => {
    const all = elements(renderProse(setup.content));
    expect(all.filter((e) => e.type === LazyVerifyStep)).toHaveLength(3);
    // One per static block (paragraphs, lists, code blocks, callouts, fully static steps), not per word in bold.
    expect(all.length).toBeLessThan(80);
    expect(elements(withComponents(setup.content, mdxComponents)).length).toBeLessThan(all.length + 10);
  });

  test("copy buttons, heading anchors and internal links are plain HTML for the delegated listener", () => {
    const html = plain(renderProse(setup.content));
    expect(html).toContain("aria-label='Copy redirect URI' title='Copy redirect URI' data-copy='https://dynamics365businesscentral.codat.io/oauth/callback'");
    expect(html).toMatch(/<a href='#client-secret' aria-label='Link to section: Create a client secret \(copies the link\)' class='heading-anchor' data-anchor-copy=''>/);
    expect(html).toMatch(/<a href='\/guides\/dynamics365-business-central\/[a-z-]+(#[a-z-]+)?' data-nav=''>/);
  });
});

describe("a block's HTML in the payload", () => {
  test("< and > travel as « and », and a « or » of the text as a character reference", () => {
    const html = "<p title='x'>a « quote » &amp; <b>bold</b></p>";
    const enc = encodeForPayload(html);
    expect(enc).not.toMatch(/[<>]/);
    expect(enc).toBe("«p title='x'»a &#171; quote &#187; &amp; «b»bold«/b»«/p»");
    expect(decodeFromPayload(enc)).toBe("<p title='x'>a &#171; quote &#187; &amp; <b>bold</b></p>");
  });
});

describe("the prose listener's decisions", () => {
  const click = { button: 0, metaKey: false, ctrlKey: false, shiftKey: false, altKey: false, defaultPrevented: false };
  const link = { href: "/guides/x/y", target: null, download: false };
  test("client-side navigation only for a plain click on a same-origin link in this tab", () => {
    expect(clientNavigates(click, link, "https://site.test")).toBe(true);
    expect(clientNavigates({ ...click, metaKey: true }, link, "https://site.test")).toBe(false);
    expect(clientNavigates({ ...click, button: 1 }, link, "https://site.test")).toBe(false);
    expect(clientNavigates({ ...click, defaultPrevented: true }, link, "https://site.test")).toBe(false);
    expect(clientNavigates(click, { ...link, target: "_blank" }, "https://site.test")).toBe(false);
    expect(clientNavigates(click, { ...link, download: true }, "https://site.test")).toBe(false);
    expect(clientNavigates(click, { ...link, href: "https://elsewhere.test/a" }, "https://site.test")).toBe(false);
  });
  test("code text and section URLs", () => {
    expect(codeText("a\nb\n")).toBe("a\nb");
    expect(codeText("a\n\n")).toBe("a\n");
    expect(sectionUrl("https://s.test", "/guides/a/b", "x")).toBe("https://s.test/guides/a/b#x");
  });
});

describe("the prose's icons (public/icons-<hash>.svg, a sprite of symbols)", () => {
  test("the committed sprite is the one components/icon-sprite.tsx makes, named by its content (run `npx tsx scripts/icons.ts` after changing an icon)", () => {
    const svg = iconSpriteSvg();
    const name = iconSpriteFileName(svg);
    expect(name).toMatch(/^icons-[0-9a-f]{8}\.svg$/);
    expect(ICON_SPRITE).toBe(`/${name}`);
    expect(readFileSync(`public/${name}`, "utf8")).toBe(svg);
    // No sprite of an earlier version is left behind.
    expect(readdirSync("public").filter((f) => f.startsWith("icons"))).toEqual([name]);
  });
  test("each symbol draws the same shapes as its React icon, stroked in the text's colour", () => {
    const sprite = readFileSync(`public${ICON_SPRITE}`, "utf8");
    const icons = { copy: CopyIcon, check: CheckIcon, link: LinkIcon, external: ExternalIcon, note: NoteIcon, tip: TipIcon, info: InfoIcon, caution: CautionIcon, danger: DangerIcon, shield: ShieldIcon };
    for (const [name, Icon] of Object.entries(icons)) {
      const symbol = new RegExp(`<symbol id="${name}" ([^>]*)>(.*?)</symbol>`).exec(sprite);
      expect(symbol, name).not.toBeNull();
      expect(symbol![1], name).toBe('viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"');
      const shapes = renderToStaticMarkup(createElement(Icon)).replace(/^<svg[^>]*>/, "").replace(/<\/svg>$/, "");
      expect(shapes.length, name).toBeGreaterThan(0);
      expect(symbol![2], name).toBe(shapes);
    }
    expect(Object.keys(SPRITE_ICONS).sort()).toEqual(Object.keys(icons).sort());
  });
  test("an icon in the page is a <use> of its symbol, hidden from assistive technology, with no inline shapes", () => {
    expect(renderToStaticMarkup(createElement(ProseIcon, { name: "copy" }))).toBe(`<svg aria-hidden="true" class="icon"><use href="${ICON_SPRITE}#copy"></use></svg>`);
    expect(renderToStaticMarkup(createElement(ProseIcon, { name: "external", className: "ml-0.5" }))).toBe(
      `<svg aria-hidden="true" class="icon icon-external ml-0.5"><use href="${ICON_SPRITE}#external"></use></svg>`,
    );
    // The same through the prose's own HTML writer (static-html.ts), which sends the prose as strings.
    expect(norm(toHtml(createElement(ProseIcon, { name: "link" })))).toBe(norm(`<svg aria-hidden="true" class="icon"><use href="${ICON_SPRITE}#link"></use></svg>`));
  });
});
