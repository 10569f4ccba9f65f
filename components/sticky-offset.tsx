"use client";
// Keeps --sticky-offset equal to the height of everything stuck to the top (header + the guide's top
// slot, e.g. a progress bar), so headings jumped to land just below it whatever that slot contains.
//
// Heights come from the ResizeObserver's own reports (made after the browser's layout, the first one
// as soon as it observes): nothing here reads layout while the page hydrates. The property is set on
// <html> only when the height differs from what the stylesheet already says (globals.css: 3.5rem, or
// 7rem with a top slot): a custom property set on the root restyles every element of the page.
import { useEffect } from "react";

export function StickyOffset() {
  useEffect(() => {
    const header = document.querySelector<HTMLElement>(".site-header");
    const slot = document.querySelector<HTMLElement>('[data-slot="top"]');
    const root = document.documentElement;
    const heights = new Map<Element, number>();
    let set: number | null = null;
    const observer = new ResizeObserver((entries) => {
      for (const e of entries) heights.set(e.target, e.borderBoxSize?.[0]?.blockSize ?? (e.target as HTMLElement).offsetHeight);
      const px = Math.round((header ? (heights.get(header) ?? 56) : 56) + (slot ? (heights.get(slot) ?? 0) : 0));
      if (px === set) return;
      if (set === null) {
        // The stylesheet's value, in px (layout is clean here: this runs after it).
        root.style.removeProperty("--sticky-offset");
        const css = getComputedStyle(root).getPropertyValue("--sticky-offset").trim();
        const fontSize = parseFloat(getComputedStyle(root).fontSize) || 16;
        const cssPx = css.endsWith("rem") ? parseFloat(css) * fontSize : parseFloat(css);
        set = px;
        if (Math.abs(cssPx - px) < 0.5) return;
      }
      set = px;
      root.style.setProperty("--sticky-offset", `${px}px`);
    });
    if (header) observer.observe(header);
    if (slot) observer.observe(slot);
    return () => {
      observer.disconnect();
      root.style.removeProperty("--sticky-offset");
    };
  }, []);
  return null;
}
