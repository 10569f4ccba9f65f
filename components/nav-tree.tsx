// The list of guides and their pages (sidebar and mobile menu). No hooks: usable on both sides.
import { HoverLink } from "./hover-link";
import type { NavGuide } from "@/lib/content/nav";

export type { NavGuide };

export function NavTree({ guides, current, onNavigate }: { guides: NavGuide[]; current?: string; onNavigate?: () => void }) {
  return (
    <div className="space-y-6">
      {guides.map((g) => (
        <div key={g.slug}>
          <p id={`nav-${g.slug}`} className="mb-2 px-2 text-xs font-semibold tracking-wide text-zinc-900 uppercase dark:text-zinc-100">
            {g.title}
          </p>
          <ul aria-labelledby={`nav-${g.slug}`} className="space-y-0.5">
            {g.pages.map((p) => {
              const active = p.url === current;
              return (
                <li key={p.url}>
                  <HoverLink
                    href={p.url}
                    onClick={onNavigate}
                    aria-current={active ? "page" : undefined}
                    className={`block rounded-md px-2 py-1.5 text-sm ${
                      active
                        ? "bg-violet-50 font-medium text-violet-800 dark:bg-violet-950/60 dark:text-violet-200"
                        : "text-zinc-700 hover:bg-zinc-100 hover:text-zinc-900 dark:text-zinc-300 dark:hover:bg-zinc-800/70 dark:hover:text-white"
                    }`}
                  >
                    {p.label}
                  </HoverLink>
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </div>
  );
}
