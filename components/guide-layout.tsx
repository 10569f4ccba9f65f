// The three-column docs layout: guide list | page | table of contents.
//
// Slots for features that plug into the guide page (one prop each, nothing else to change):
//   topSlot    — rendered above the article, sticky under the header (e.g. a progress bar). While it
//                is present, headings leave room for it when jumped to (--sticky-offset, kept equal
//                to the real height by <StickyOffset/>; the CSS default covers the first paint).
//   asideSlot  — rendered above the table of contents on wide screens.
import type { ReactNode } from "react";
import type { NavGuide } from "@/lib/content/nav";
import { NavTree } from "./nav-tree";
import { StickyOffset } from "./sticky-offset";
import { Toc, type TocEntry } from "./toc";

export function GuideLayout({
  nav,
  current,
  toc,
  topSlot,
  asideSlot,
  children,
}: {
  nav: NavGuide[];
  current: string;
  toc: TocEntry[];
  topSlot?: ReactNode;
  asideSlot?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="mx-auto max-w-[90rem] px-4 lg:grid lg:grid-cols-[15rem_minmax(0,1fr)] lg:gap-10 lg:px-6 xl:grid-cols-[15rem_minmax(0,1fr)_14rem]">
      <aside className="sticky top-14 hidden h-[calc(100dvh-3.5rem)] overflow-y-auto py-8 pr-2 lg:block">
        <nav aria-label="Guides">
          <NavTree guides={nav} current={current} />
        </nav>
      </aside>
      <main id="main-content" tabIndex={-1} className="min-w-0 py-8 outline-none">
        {topSlot && (
          <div data-slot="top" className="sticky top-14 z-30 -mx-4 mb-6 bg-white/95 px-4 py-2 backdrop-blur lg:mx-0 lg:px-0 dark:bg-zinc-950/95">
            {topSlot}
            <StickyOffset />
          </div>
        )}
        <div className="mx-auto max-w-3xl">{children}</div>
      </main>
      <aside className="sticky top-14 hidden h-[calc(100dvh-3.5rem)] overflow-y-auto py-8 xl:block">
        {asideSlot && (
          <div data-slot="aside" className="mb-6">
            {asideSlot}
          </div>
        )}
        <Toc items={toc} />
      </aside>
    </div>
  );
}

/** The table of contents as plain links, for screens too narrow for the right-hand column. */
export function InlineToc({ toc }: { toc: TocEntry[] }) {
  if (toc.length === 0) return null;
  return (
    <details className="inline-toc my-6 rounded-lg border border-zinc-200 px-4 py-2 xl:hidden dark:border-zinc-800">
      <summary className="cursor-pointer py-1 text-sm font-semibold text-zinc-900 dark:text-zinc-100">On this page</summary>
      <ul className="mt-2 space-y-1 pb-2 text-sm">
        {toc.map((t) => (
          <li key={t.id} className={t.depth === 3 ? "pl-4" : undefined}>
            <a href={`#${t.id}`}>
              {t.title}
            </a>
          </li>
        ))}
      </ul>
    </details>
  );
}
