"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";

const LINKS = [
  { href: "/support", label: "Setups", match: (p: string) => p === "/support" || p.startsWith("/support/setups") },
  { href: "/support/insights", label: "Insights", match: (p: string) => p.startsWith("/support/insights") },
  { href: "/support/audit", label: "Audit log", match: (p: string) => p.startsWith("/support/audit") },
];

export function NavLinks() {
  const path = usePathname() ?? "";
  return (
    <ul className="flex items-center gap-1">
      {LINKS.map((l) => {
        const active = l.match(path);
        return (
          <li key={l.href}>
            <Link
              href={l.href}
              aria-current={active ? "page" : undefined}
              className={`rounded-md px-3 py-1.5 text-sm font-medium focus:outline-none focus-visible:ring-2 focus-visible:ring-violet-600 ${
                active
                  ? "bg-zinc-900 text-white dark:bg-zinc-100 dark:text-zinc-900"
                  : "text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800"
              }`}
            >
              {l.label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
