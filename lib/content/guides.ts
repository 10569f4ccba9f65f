// Loads the guides from content/guides/<guide>/: guide.json (title, order, page order) and one MDX
// file per page. Everything is validated; a problem throws a ContentError naming the file and field,
// which fails `next build`. (content/ is traced into the server output by next.config.js, hence the
// turbopackIgnore hints on the file system calls.) Results are memoised per file content, so a build compiles each page once
// per worker and `next dev` still sees edits.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { serialize } from "next-mdx-remote/serialize";
import { compilePage, type CompiledPage } from "./compile";
import { ContentError } from "./errors";
import { checkStepsMatchCatalogue, checkTitleMatchesCatalogue, frontmatterSchema, guideMetaSchema, isCataloguePage, parseOrThrow, type Frontmatter, type GuideMeta } from "./schema";

export const DEFAULT_CONTENT_ROOT = path.join(process.cwd(), "content", "guides");

export interface PageRef {
  guide: string;
  page: string;
  url: string;
  file: string;
  frontmatter: Frontmatter;
  /** Label for the sidebar and previous/next links. */
  label: string;
}
export interface Guide extends Omit<GuideMeta, "pages"> {
  slug: string;
  pages: PageRef[];
}

export function pageUrl(guide: string, page: string): string {
  return `/guides/${guide}/${page}`;
}

/** Path shown in messages: relative to the repository when possible. */
function display(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel.startsWith("..") ? file : rel.split(path.sep).join("/");
}

const FRONTMATTER_BLOCK = /^---\r?\n[\s\S]*?\r?\n---\r?\n?/;

/** Frontmatter only (no body compile): cheap enough for every page's sidebar. */
async function readFrontmatter(source: string, file: string): Promise<Frontmatter> {
  const block = FRONTMATTER_BLOCK.exec(source);
  if (!block) throw new ContentError(file, "the file must start with a frontmatter block (--- title, description, slug, updatedAt, steps ---)");
  let data: unknown;
  try {
    data = (await serialize(block[0], { parseFrontmatter: true })).frontmatter;
  } catch (e) {
    throw new ContentError(file, `frontmatter is not valid YAML: ${(e instanceof Error ? e.message : String(e)).split("\n")[0]}`);
  }
  return parseOrThrow(frontmatterSchema, data, file, "frontmatter");
}

const memo = new Map<string, Promise<unknown>>();
function remember<T>(key: string, make: () => Promise<T>): Promise<T> {
  let p = memo.get(key) as Promise<T> | undefined;
  if (!p) {
    p = make();
    memo.set(key, p);
    p.catch(() => memo.delete(key));
  }
  return p;
}

async function loadGuide(root: string, slug: string): Promise<Guide> {
  const dir = path.join(root, slug);
  const metaFile = path.join(dir, "guide.json");
  let metaSource: string;
  try {
    metaSource = await readFile(/*turbopackIgnore: true*/ metaFile, "utf8");
  } catch {
    throw new ContentError(display(metaFile), "missing: every guide folder needs a guide.json with title, description, order and pages");
  }
  let metaJson: unknown;
  try {
    metaJson = JSON.parse(metaSource);
  } catch (e) {
    throw new ContentError(display(metaFile), `not valid JSON: ${(e as Error).message}`);
  }
  const meta = parseOrThrow(guideMetaSchema, metaJson, display(metaFile), "guide.json");
  const files = (await readdir(/*turbopackIgnore: true*/ dir)).filter((f) => f.endsWith(".mdx") || f.endsWith(".md"));
  const unlisted = files.filter((f) => !meta.pages.includes(f.replace(/\.mdx?$/, "")));
  if (unlisted.length > 0) {
    throw new ContentError(display(metaFile), `guide.json field "pages" does not list ${unlisted.join(", ")}`);
  }
  const pages = await Promise.all(
    meta.pages.map(async (page, i): Promise<PageRef> => {
      const name = files.find((f) => f.replace(/\.mdx?$/, "") === page);
      if (!name) throw new ContentError(display(metaFile), `guide.json field "pages[${i}]" names "${page}" but there is no ${page}.mdx`);
      const file = path.join(dir, name);
      const source = await readFile(/*turbopackIgnore: true*/ file, "utf8");
      const frontmatter = await remember(`fm\0${file}\0${source}`, () => readFrontmatter(source, display(file)));
      if (frontmatter.slug !== page) {
        throw new ContentError(display(file), `frontmatter field "slug" is "${frontmatter.slug}" but must match the file name ("${page}")`);
      }
      if (isCataloguePage(slug, page)) {
        checkTitleMatchesCatalogue(frontmatter.title, display(file));
        checkStepsMatchCatalogue(frontmatter.steps, display(file));
      }
      return { guide: slug, page, url: pageUrl(slug, page), file, frontmatter, label: frontmatter.sidebarTitle ?? frontmatter.title };
    }),
  );
  return { slug, title: meta.title, description: meta.description, order: meta.order, pages };
}

/** All guides, in sidebar order. */
export async function listGuides(root: string = DEFAULT_CONTENT_ROOT): Promise<Guide[]> {
  let entries: string[];
  try {
    entries = (await readdir(/*turbopackIgnore: true*/ root, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name);
  } catch {
    throw new ContentError(display(root), "the guides folder is missing");
  }
  const guides = await Promise.all(entries.sort().map((slug) => loadGuide(root, slug)));
  return guides.sort((a, b) => a.order - b.order || a.title.localeCompare(b.title));
}

/** Every page, flattened in reading order (guide order, then page order). */
export async function listPages(root?: string): Promise<PageRef[]> {
  return (await listGuides(root)).flatMap((g) => g.pages);
}

export async function findPage(guide: string, page: string, root?: string): Promise<PageRef | undefined> {
  return (await listPages(root)).find((p) => p.guide === guide && p.page === page);
}

/** The compiled page (body + structure). */
export async function loadPage(ref: PageRef): Promise<CompiledPage> {
  const source = await readFile(/*turbopackIgnore: true*/ ref.file, "utf8");
  return remember(`page\0${ref.file}\0${source}`, () => compilePage(source, display(ref.file)));
}

export async function loadAllPages(root?: string): Promise<{ ref: PageRef; compiled: CompiledPage }[]> {
  const refs = await listPages(root);
  return Promise.all(refs.map(async (ref) => ({ ref, compiled: await loadPage(ref) })));
}

export interface Neighbours {
  prev?: PageRef;
  next?: PageRef;
}
export async function neighbours(guide: string, page: string, root?: string): Promise<Neighbours> {
  const pages = await listPages(root);
  const i = pages.findIndex((p) => p.guide === guide && p.page === page);
  if (i < 0) return {};
  return { prev: pages[i - 1], next: pages[i + 1] };
}
