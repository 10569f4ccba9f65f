"use client";
// Keeps --sticky-offset equal to the height of everything stuck to the top (header + the guide's top
// slot, e.g. a progress bar), so headings jumped to land just below it whatever that slot contains.
import { useEffect } from "react";

export function StickyOffset() {
  useEffect(() => {
    const header = document.querySelector<HTMLElement>(".site-header");
    const slot = document.querySelector<HTMLElement>('[data-slot="top"]');
    const root = document.documentElement;
    const update = () => {
      const px = (header?.offsetHeight ?? 56) + (slot?.offsetHeight ?? 0);
      root.style.setProperty("--sticky-offset", `${px}px`);
    };
    update();
    const observer = new ResizeObserver(update);
    if (header) observer.observe(header);
    if (slot) observer.observe(slot);
    return () => {
      observer.disconnect();
      root.style.removeProperty("--sticky-offset");
    };
  }, []);
  return null;
}
