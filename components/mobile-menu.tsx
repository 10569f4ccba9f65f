"use client";
// The menu button shown on narrow screens: opens the guide list in a modal drawer (native <dialog>:
// focus stays inside, Escape closes, focus returns to the button).
import { HoverLink } from "./hover-link";
import { usePathname } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { CloseIcon, MenuIcon } from "./icons";
import { NavTree, type NavGuide } from "./nav-tree";

export function MobileMenu({ guides }: { guides: NavGuide[] }) {
  const pathname = usePathname();
  const dialog = useRef<HTMLDialogElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const [open, setOpen] = useState(false);

  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  // Navigating closes the menu.
  useEffect(() => setOpen(false), [pathname]);

  return (
    <>
      <button
        ref={button}
        type="button"
        onClick={() => setOpen(true)}
        aria-expanded={open}
        aria-controls="mobile-menu"
        aria-haspopup="dialog"
        className="inline-flex h-9 items-center gap-1.5 rounded-md px-2 text-sm font-medium text-zinc-700 hover:bg-zinc-100 hover:text-zinc-900 lg:hidden dark:text-zinc-300 dark:hover:bg-zinc-800 dark:hover:text-white"
      >
        <MenuIcon width={18} height={18} />
        <span>Menu</span>
      </button>
      <dialog
        ref={dialog}
        id="mobile-menu"
        aria-label="Menu"
        onClose={() => {
          setOpen(false);
          button.current?.focus();
        }}
        onClick={(e) => {
          if (e.target === dialog.current) setOpen(false); // click on the backdrop
        }}
        className="mobile-menu m-0 h-dvh max-h-none w-[min(20rem,85vw)] max-w-none border-r border-zinc-200 bg-white p-0 text-zinc-900 backdrop:bg-zinc-950/50 dark:border-zinc-800 dark:bg-zinc-950 dark:text-zinc-100"
      >
        <div className="flex h-14 items-center justify-between border-b border-zinc-200 px-4 dark:border-zinc-800">
          <span className="text-sm font-semibold">Guides</span>
          <button
            type="button"
            onClick={() => setOpen(false)}
            aria-label="Close menu"
            className="inline-flex h-9 w-9 items-center justify-center rounded-md text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800"
          >
            <CloseIcon width={18} height={18} />
          </button>
        </div>
        <nav aria-label="Guides" className="overflow-y-auto p-4">
          <HoverLink
            href="/"
            onClick={() => setOpen(false)}
            aria-current={pathname === "/" ? "page" : undefined}
            className="mb-4 block rounded-md px-2 py-1.5 text-sm text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800/70"
          >
            Home
          </HoverLink>
          <NavTree guides={guides} current={pathname} onNavigate={() => setOpen(false)} />
        </nav>
      </dialog>
    </>
  );
}
