// Broken-link check: every internal link (/path, /path#anchor, #anchor) and every local image in every
// guide must point at something that exists — a known route and, for an anchor, a heading id on the
// target page. External links (https:, mailto:) are only checked for being well-formed URLs.
import { existsSync } from "node:fs";
import path from "node:path";
import { loadAllPages } from "./guides";

export interface LinkTarget {
  /** Route path → the heading ids on it (an empty set for routes without anchors). */
  routes: Map<string, Set<string>>;
  /** Folder served at "/" for files (Next's public/). */
  publicDir: string;
}
export interface LinkSource {
  file: string;
  url: string;
  headingIds: string[];
  links: { url: string; line: number | undefined; kind: "link" | "image" }[];
}
export interface BrokenLink {
  file: string;
  line: number | undefined;
  href: string;
  reason: string;
}

/** Routes that exist besides the guide pages. */
export const STATIC_ROUTES = ["/", "/sitemap.xml", "/robots.txt", "/search-index.json"];

export function checkLinks(pages: LinkSource[], target: LinkTarget): BrokenLink[] {
  const broken: BrokenLink[] = [];
  for (const page of pages) {
    for (const link of page.links) {
      const href = link.url.trim();
      const report = (reason: string) => broken.push({ file: page.file, line: link.line, href: link.url, reason });
      if (href === "") {
        report("empty link");
        continue;
      }
      if (/^[a-z][a-z0-9+.-]*:/i.test(href)) {
        if (/^(https?|mailto|tel):/i.test(href)) {
          try {
            new URL(href);
          } catch {
            report("not a valid URL");
          }
        } else report("unsupported link scheme");
        continue;
      }
      if (href.startsWith("//")) {
        report("protocol-relative links are not allowed; write https://");
        continue;
      }
      const [pathAndQuery, anchor] = splitHash(href);
      const pathname = pathAndQuery.split("?")[0]!;
      if (link.kind === "image") {
        if (!pathname.startsWith("/")) report("images must use an absolute path under public/");
        else if (!existsSync(/*turbopackIgnore: true*/ path.join(target.publicDir, decodeURIComponent(pathname)))) report(`no such file public${pathname}`);
        continue;
      }
      const route = pathname === "" ? page.url : normalize(pathname.startsWith("/") ? pathname : resolveRelative(page.url, pathname));
      const ids = target.routes.get(route);
      if (!ids) {
        report(`no page at ${route}`);
        continue;
      }
      if (anchor !== undefined && anchor !== "" && !ids.has(decodeURIComponent(anchor))) {
        report(`no heading with id "${anchor}" on ${route}`);
      }
    }
  }
  return broken;
}

function splitHash(href: string): [string, string | undefined] {
  const i = href.indexOf("#");
  return i < 0 ? [href, undefined] : [href.slice(0, i), href.slice(i + 1)];
}
function normalize(p: string): string {
  return p.length > 1 ? p.replace(/\/+$/, "") : p;
}
function resolveRelative(from: string, rel: string): string {
  return new URL(rel, `http://x${from}`).pathname;
}

/** Loads every guide and checks all of their links. */
export async function findBrokenLinks(root?: string, publicDir = path.join(process.cwd(), "public")): Promise<BrokenLink[]> {
  const pages = await loadAllPages(root);
  const routes = new Map<string, Set<string>>(STATIC_ROUTES.map((r) => [r, new Set<string>()]));
  for (const { ref, compiled } of pages) routes.set(ref.url, new Set(compiled.headingIds));
  for (const { ref } of pages) if (!routes.has(`/guides/${ref.guide}`)) routes.set(`/guides/${ref.guide}`, new Set());
  const sources: LinkSource[] = pages.map(({ ref, compiled }) => ({
    file: path.relative(process.cwd(), ref.file),
    url: ref.url,
    headingIds: compiled.headingIds,
    links: compiled.links,
  }));
  return checkLinks(sources, { routes, publicDir });
}

export function formatBrokenLinks(broken: BrokenLink[]): string {
  return broken.map((b) => `${b.file}${b.line ? `:${b.line}` : ""}: ${b.href} — ${b.reason}`).join("\n");
}
