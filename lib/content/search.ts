// The offline search index, built at build time from every guide's sections (one document per h2
// section: heading, sub-headings, text, url#anchor) and served as a static JSON route.
import MiniSearch from "minisearch";
import { listGuides, loadPage } from "./guides";
import { searchOptions, type SearchDocument } from "./search-options";

export async function buildSearchDocuments(root?: string): Promise<SearchDocument[]> {
  const docs: SearchDocument[] = [];
  for (const guide of await listGuides(root)) {
    for (const ref of guide.pages) {
      const page = await loadPage(ref);
      for (const s of page.sections) {
        const url = s.anchor ? `${ref.url}#${s.anchor}` : ref.url;
        docs.push({
          id: url,
          url,
          guideTitle: guide.title,
          pageTitle: ref.frontmatter.title,
          title: s.anchor ? s.title : ref.frontmatter.title,
          headings: s.headings.join(" · "),
          text: s.text,
        });
      }
    }
  }
  return docs;
}

export async function buildSearchIndex(root?: string): Promise<MiniSearch<SearchDocument>> {
  const index = new MiniSearch<SearchDocument>(searchOptions);
  index.addAll(await buildSearchDocuments(root));
  return index;
}
