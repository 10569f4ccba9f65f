"use client";
// The search button in the header, and the keyboard shortcuts "/" and Ctrl+K (⌘K on a Mac).
// The dialog, MiniSearch and the index are loaded only when search is first opened (or hovered).
import { lazy, Suspense, useCallback, useEffect, useState } from "react";
import { SearchIcon } from "./icons";

const loadDialog = () => import("./search-dialog");
const SearchDialog = lazy(loadDialog);

function typingInField(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  return el.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName);
}

export function Search() {
  const [open, setOpen] = useState(false);
  const [everOpened, setEverOpened] = useState(false);
  const [ready, setReady] = useState(false);
  const show = useCallback(() => {
    setEverOpened(true);
    setOpen(true);
  }, []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.key === "k" || e.key === "K") && (e.ctrlKey || e.metaKey) && !e.altKey) {
        e.preventDefault();
        show();
      } else if (e.key === "/" && !e.ctrlKey && !e.metaKey && !e.altKey && !typingInField(e.target)) {
        e.preventDefault();
        show();
      }
    };
    window.addEventListener("keydown", onKey);
    setReady(true);
    return () => window.removeEventListener("keydown", onKey);
  }, [show]);

  return (
    <>
      <button
        type="button"
        onClick={show}
        onPointerEnter={() => void loadDialog()}
        onFocus={() => void loadDialog()}
        aria-keyshortcuts="/ Control+K Meta+K"
        aria-haspopup="dialog"
        data-search-button
        data-ready={ready ? "" : undefined}
        className="inline-flex h-9 items-center gap-2 rounded-md border border-zinc-300 bg-white px-2.5 text-sm text-zinc-600 hover:border-zinc-400 hover:text-zinc-900 sm:w-56 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-400 dark:hover:border-zinc-500 dark:hover:text-zinc-100"
      >
        <SearchIcon width={16} height={16} />
        <span className="sr-only sm:not-sr-only">Search</span>
        <kbd aria-hidden="true" className="ml-auto hidden rounded border border-zinc-300 px-1.5 font-sans text-[11px] text-zinc-600 sm:inline dark:border-zinc-600 dark:text-zinc-400">
          Ctrl K
        </kbd>
      </button>
      {everOpened && (
        <Suspense fallback={null}>
          <SearchDialog open={open} onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </>
  );
}
