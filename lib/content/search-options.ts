// Options shared by the build (which creates the index) and the browser (which loads it). Kept free
// of Node imports so the client bundle can import it.
export interface SearchDocument {
  /** url#anchor — unique per section. */
  id: string;
  url: string;
  guideTitle: string;
  pageTitle: string;
  title: string;
  headings: string;
  text: string;
}

export const SEARCH_INDEX_URL = "/search-index.json";

/** Words are runs of letters and digits: "redirect_uri=https" is three words, as a reader would expect. */
export function tokenize(text: string): string[] {
  return text.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

export const searchOptions = {
  idField: "id",
  tokenize,
  fields: ["title", "headings", "text", "pageTitle"],
  storeFields: ["url", "guideTitle", "pageTitle", "title", "text"],
  searchOptions: {
    boost: { title: 4, headings: 2, pageTitle: 1.5 },
    prefix: true,
    fuzzy: 0.15,
    combineWith: "AND" as const,
  },
};

/** A short excerpt of `text` around the first of `terms` found. */
export function excerpt(text: string, terms: string[], size = 160): string {
  const lower = text.toLowerCase();
  let at = -1;
  for (const t of terms) {
    const m = new RegExp(`(?<![\\p{L}\\p{N}])${t.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`, "u").exec(lower);
    if (m && (at < 0 || m.index < at)) at = m.index;
  }
  if (at < 0) return text.length > size ? `${text.slice(0, size).trimEnd()}…` : text;
  const start = Math.max(0, at - Math.floor(size / 3));
  const end = Math.min(text.length, start + size);
  return `${start > 0 ? "…" : ""}${text.slice(start, end).trim()}${end < text.length ? "…" : ""}`;
}
