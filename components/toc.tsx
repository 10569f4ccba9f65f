"use client";
// On-page table of contents. An IntersectionObserver tells us when headings cross the top part of the
// viewport; the current section is the last heading above that line. Marked with aria-current.
import { useEffect, useState } from "react";

export interface TocEntry {
  id: string;
  title: string;
  depth: 2 | 3;
}

export function Toc({ items, label = "On this page" }: { items: TocEntry[]; label?: string }) {
  const [active, setActive] = useState<string | undefined>(items[0]?.id);

  useEffect(() => {
    const onHash = () => {
      const id = decodeURIComponent(window.location.hash.slice(1));
      if (items.some((i) => i.id === id)) setActive(id);
    };
    window.addEventListener("hashchange", onHash);
    onHash();
    // The headings are watched from now on. Nothing here reads layout while the page hydrates (not
    // even window.scrollY, which brings style and layout up to date first): positions are read in the
    // observer's reports, which come after the browser's own layout.
    const stop = watchHeadings(items, setActive);
    return () => {
      window.removeEventListener("hashchange", onHash);
      stop();
    };
  }, [items]);

  if (items.length === 0) return null;
  return (
    <nav aria-label={label} className="toc text-sm">
      <p className="mb-2 text-xs font-semibold tracking-wide text-zinc-900 uppercase dark:text-zinc-100">{label}</p>
      <ul className="space-y-1 border-l border-zinc-200 dark:border-zinc-800">
        {items.map((item) => {
          const current = item.id === active;
          return (
            <li key={item.id}>
              <a
                href={`#${item.id}`}
                aria-current={current ? "location" : undefined}
                onClick={() => setActive(item.id)}
                className={item.depth === 3 ? "toc-link pl-6" : "toc-link pl-3"}
              >
                {item.title}
              </a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

/** The current section, kept up to date as the page scrolls; returns the function that stops watching. */
function watchHeadings(items: TocEntry[], setActive: (id: string) => void): () => void {
  const elements = items.map((i) => document.getElementById(i.id)).filter((e): e is HTMLElement => e !== null);
  if (elements.length === 0) return () => {};
  // A heading counts as reached once it is at (or above) the spot a jump to it would put it.
  const update = () => {
    const line = (parseFloat(getComputedStyle(elements[0]!).scrollMarginTop) || 72) + 8;
    let current = elements[0]!.id;
    for (const el of elements) {
      if (el.getBoundingClientRect().top <= line) current = el.id;
      else break;
    }
    // At the very bottom, the last section is the current one even if its heading is low.
    if (window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 2) current = elements[elements.length - 1]!.id;
    setActive(current);
  };
  const observer = new IntersectionObserver(update, { rootMargin: "0px 0px -60% 0px", threshold: [0, 1] });
  // The observer's first report (one comes for every heading, right after the next layout) sets the
  // current section: no layout is read here, in the middle of the page's hydration.
  elements.forEach((el) => observer.observe(el));
  window.addEventListener("scrollend", update);
  return () => {
    observer.disconnect();
    window.removeEventListener("scrollend", update);
  };
}
