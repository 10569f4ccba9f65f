"use client";
// The search dialog: a combobox over a listbox of sections. Arrow keys move, Enter opens the section
// (url#anchor), Escape closes. The index is fetched from /search-index.json on first open.
import MiniSearch, { type SearchResult } from "minisearch";
import { useRouter } from "next/navigation";
import { useEffect, useId, useMemo, useRef, useState, type ReactNode } from "react";
import { SEARCH_INDEX_URL, excerpt, searchOptions, type SearchDocument } from "@/lib/content/search-options";
import { SearchIcon } from "./icons";

let indexPromise: Promise<MiniSearch<SearchDocument>> | undefined;
function loadIndex(): Promise<MiniSearch<SearchDocument>> {
  indexPromise ??= fetch(SEARCH_INDEX_URL)
    .then((r) => {
      if (!r.ok) throw new Error(`HTTP ${r.status}`);
      return r.json();
    })
    .then((json) => MiniSearch.loadJS<SearchDocument>(json, searchOptions));
  indexPromise.catch(() => (indexPromise = undefined));
  return indexPromise;
}

type Hit = SearchResult & Pick<SearchDocument, "url" | "pageTitle" | "title" | "text" | "guideTitle">;

function highlight(text: string, terms: string[]): ReactNode[] {
  if (terms.length === 0) return [text];
  // Whole words or word starts only: "uri" must not light up inside "during".
  const alternatives = terms.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).sort((a, b) => b.length - a.length);
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(${alternatives.join("|")})`, "giu");
  return text.split(pattern).map((part, i) => (i % 2 === 1 ? <mark key={i}>{part}</mark> : part));
}

export default function SearchDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const router = useRouter();
  const dialog = useRef<HTMLDialogElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const [index, setIndex] = useState<MiniSearch<SearchDocument> | null>(null);
  const [failed, setFailed] = useState(false);
  const [query, setQuery] = useState("");
  const [selected, setSelected] = useState(0);
  const ids = useId();
  const listId = `${ids}-results`;

  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open && !d.open) {
      d.showModal();
      input.current?.select();
    }
    if (!open && d.open) d.close();
  }, [open]);

  useEffect(() => {
    if (!open || index) return;
    loadIndex().then(
      (i) => {
        setIndex(i);
        setFailed(false);
      },
      () => setFailed(true),
    );
  }, [open, index]);

  const hits = useMemo<Hit[]>(() => {
    if (!index || query.trim().length < 2) return [];
    return index.search(query).slice(0, 8) as Hit[];
  }, [index, query]);
  const terms = useMemo(() => Array.from(new Set(hits.flatMap((h) => h.terms))), [hits]);

  useEffect(() => setSelected(0), [query]);
  useEffect(() => {
    list.current?.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: "nearest" });
  }, [selected]);

  const go = (hit: Hit | undefined) => {
    if (!hit) return;
    onClose();
    const [path] = hit.url.split("#");
    if (path === window.location.pathname) {
      // Same page: let the browser scroll (and record the hash in history).
      window.location.hash = hit.url.slice(hit.url.indexOf("#"));
    } else {
      router.push(hit.url);
    }
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "ArrowDown") {
      e.preventDefault();
      setSelected((s) => (hits.length ? (s + 1) % hits.length : 0));
    } else if (e.key === "ArrowUp") {
      e.preventDefault();
      setSelected((s) => (hits.length ? (s - 1 + hits.length) % hits.length : 0));
    } else if (e.key === "Home" && hits.length) {
      setSelected(0);
    } else if (e.key === "End" && hits.length) {
      setSelected(hits.length - 1);
    } else if (e.key === "Escape") {
      // Handled here so one press closes the dialog even while the field has text.
      e.preventDefault();
      onClose();
    } else if (e.key === "Enter") {
      e.preventDefault();
      go(hits[selected]);
    }
  };

  const status = failed
    ? "Search could not load. Check your connection and try again."
    : !index
      ? "Loading search…"
      : query.trim().length < 2
        ? "Type at least two characters."
        : hits.length === 0
          ? `No results for “${query.trim()}”.`
          : `${hits.length} result${hits.length === 1 ? "" : "s"}. Use the arrow keys to choose, Enter to open.`;

  return (
    <dialog
      ref={dialog}
      aria-label="Search the guides"
      onClose={onClose}
      onClick={(e) => {
        if (e.target === dialog.current) onClose();
      }}
      className="search-dialog mx-auto mt-[10vh] w-[min(40rem,calc(100vw-2rem))] max-w-none rounded-xl border border-zinc-200 bg-white p-0 text-zinc-900 shadow-2xl backdrop:bg-zinc-950/50 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100"
    >
      <div className="flex items-center gap-2 border-b-2 border-zinc-200 px-4 focus-within:border-violet-600 dark:border-zinc-700 dark:focus-within:border-violet-400">
        <SearchIcon width={18} height={18} className="text-zinc-500 dark:text-zinc-400" />
        <label htmlFor={`${ids}-input`} className="sr-only">
          Search the guides
        </label>
        <input
          ref={input}
          id={`${ids}-input`}
          type="text"
          enterKeyHint="search"
          role="combobox"
          aria-expanded={hits.length > 0}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={hits.length ? `${ids}-opt-${selected}` : undefined}
          autoComplete="off"
          spellCheck={false}
          placeholder="Search the guides…"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={onKeyDown}
          className="h-14 w-full bg-transparent text-base outline-none placeholder:text-zinc-500 focus-visible:outline-none dark:placeholder:text-zinc-400"
        />
        <kbd className="hidden rounded border border-zinc-300 px-1.5 text-[11px] text-zinc-600 sm:inline dark:border-zinc-600 dark:text-zinc-400">Esc</kbd>
      </div>
      <ul ref={list} id={listId} role="listbox" aria-label="Results" className="max-h-[60vh] overflow-y-auto p-2 empty:hidden">
        {hits.map((hit, i) => (
          <li
            key={hit.id}
            id={`${ids}-opt-${i}`}
            role="option"
            aria-selected={i === selected}
            data-url={hit.url}
            onMouseMove={() => setSelected(i)}
            onClick={() => go(hit)}
            className={`cursor-pointer rounded-lg px-3 py-2 ${i === selected ? "bg-violet-50 dark:bg-violet-950/60" : ""}`}
          >
            <span className="block text-xs text-zinc-600 dark:text-zinc-400">
              {hit.guideTitle} › {hit.pageTitle}
            </span>
            <span className={`block font-medium ${i === selected ? "text-violet-800 dark:text-violet-200" : ""}`}>{highlight(hit.title, terms)}</span>
            <span className="mt-0.5 line-clamp-2 block text-sm text-zinc-700 dark:text-zinc-300">{highlight(excerpt(hit.text, terms), terms)}</span>
          </li>
        ))}
      </ul>
      <p role="status" aria-live="polite" className="border-t border-zinc-200 px-4 py-2 text-xs text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
        {status}
      </p>
    </dialog>
  );
}
