"use client";
// One delegated listener for what is interactive inside a guide's prose, which is sent as
// pre-rendered HTML (lib/content/static-html.ts) and so has no React handlers of its own:
//  - copy buttons (`button[data-copy]`, components/prose-static.tsx): copy the given text or the code
//    block's, show a tick for 2 s, announce the result politely;
//  - heading anchors (`a[data-anchor-copy]`): follow the link and copy the section's URL;
//  - internal links (`a[data-nav]`): client-side navigation on a plain click, prefetched on the first
//    pointer over, focus or touch (never on load: a reader who only reads costs no request).
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { COPY_STATUS, clientNavigates, codeText, sectionUrl } from "@/lib/content/prose-actions";
import { copyText } from "./copy-button";
import { ICON_SPRITE } from "./icon-sprite-file";

const TICK_COLOUR = ["text-emerald-600", "dark:text-emerald-400"];
const SHOWN_MS = 2000;
const timers = new WeakMap<Element, ReturnType<typeof setTimeout>>();

function later(el: Element, reset: () => void): void {
  clearTimeout(timers.get(el));
  timers.set(el, setTimeout(reset, SHOWN_MS));
}

/** The element's polite status region (made on the first intent, so it exists before it speaks). */
function statusOf(el: Element): HTMLElement {
  const found = el.querySelector<HTMLElement>(":scope > [role=status]");
  if (found) return found;
  const status = document.createElement("span");
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");
  status.className = "sr-only";
  el.append(status);
  return status;
}

async function copyFrom(button: HTMLButtonElement): Promise<void> {
  const given = button.getAttribute("data-copy") ?? "";
  const text = given !== "" ? given : codeText(button.closest("[data-code-block]")?.querySelector("pre")?.textContent ?? "");
  const ok = await copyText(text);
  // The icon's <use> (components/prose-static.tsx ProseIcon): the tick is the sprite's "check" symbol.
  const use = button.querySelector(".icon use");
  const icon = use?.parentElement;
  const word = button.querySelector("[data-copy-word]");
  const status = statusOf(button);
  button.setAttribute("data-copy-state", ok ? "copied" : "failed");
  status.textContent = ok ? COPY_STATUS.copied : COPY_STATUS.failed;
  if (ok && use && icon) {
    use.setAttribute("href", `${ICON_SPRITE}#check`);
    icon.classList.add(...TICK_COLOUR);
  }
  if (ok && word) word.textContent = "Copied";
  later(button, () => {
    button.setAttribute("data-copy-state", "idle");
    status.textContent = "";
    if (ok && use && icon) {
      use.setAttribute("href", `${ICON_SPRITE}#copy`);
      icon.classList.remove(...TICK_COLOUR);
    }
    if (word) word.textContent = "Copy";
  });
}

const COPIED_LINK = "ml-1 rounded bg-zinc-900 px-1.5 py-0.5 text-xs font-normal text-white dark:bg-zinc-100 dark:text-zinc-900";

async function copyAnchor(a: HTMLAnchorElement): Promise<void> {
  const id = (a.getAttribute("href") ?? "").slice(1);
  if (!(await copyText(sectionUrl(window.location.origin, window.location.pathname, id)))) return;
  const status = statusOf(a);
  status.className = COPIED_LINK;
  status.textContent = "Link copied";
  later(a, () => {
    status.className = "sr-only";
    status.textContent = "";
  });
}

export function ProseActions() {
  const router = useRouter();
  useEffect(() => {
    const prefetched = new Set<string>();
    const onClick = (e: MouseEvent) => {
      const target = e.target as Element | null;
      const button = target?.closest?.("button[data-copy]");
      if (button instanceof HTMLButtonElement) {
        void copyFrom(button);
        return;
      }
      const anchor = target?.closest?.("a[data-anchor-copy]");
      if (anchor instanceof HTMLAnchorElement) {
        void copyAnchor(anchor);
        return;
      }
      const link = target?.closest?.("a[data-nav]");
      if (link instanceof HTMLAnchorElement && clientNavigates(e, { href: link.href, target: link.getAttribute("target"), download: link.hasAttribute("download") }, window.location.origin)) {
        e.preventDefault();
        router.push(link.getAttribute("href") ?? link.href);
      }
    };
    const onIntent = (e: Event) => {
      const control = (e.target as Element | null)?.closest?.("button[data-copy], a[data-anchor-copy]");
      if (control) statusOf(control);
      const link = (e.target as Element | null)?.closest?.("a[data-nav]");
      if (!(link instanceof HTMLAnchorElement)) return;
      const href = link.getAttribute("href");
      if (!href || prefetched.has(href)) return;
      prefetched.add(href);
      router.prefetch(href);
    };
    document.addEventListener("click", onClick);
    for (const type of ["pointerover", "focusin", "touchstart"]) document.addEventListener(type, onIntent, { passive: true });
    return () => {
      document.removeEventListener("click", onClick);
      for (const type of ["pointerover", "focusin", "touchstart"]) document.removeEventListener(type, onIntent);
    };
  }, [router]);
  return null;
}
