// The support console's frame: its own bar (name, navigation, who is signed in, sign out, theme), not
// the guides' header with its search and menu (app/(site)/layout.tsx), which the console does not
// use and every console request would render again. It shows the navigation only to a signed-in
// staff member; every page below still checks the session itself (checkStaff) — this layout is
// not the guard.
import type { Metadata } from "next";
import type { ReactNode } from "react";
import Link from "next/link";
import { currentStaff } from "@/lib/auth";
import { NavLinks } from "@/components/support/nav-links";
import { ThemeProvider } from "@/components/theme-provider";
import { ThemeToggle } from "@/components/theme-toggle";
import { signOutAction } from "@/lib/actions/support";

export const metadata: Metadata = {
  title: { default: "Support console", template: "%s — Support console" },
  robots: { index: false, follow: false },
};

export default async function SupportLayout({ children }: { children: ReactNode }) {
  const staff = await currentStaff().catch(() => null);
  return (
    <div className="min-h-screen bg-zinc-50 text-zinc-900 dark:bg-zinc-950 dark:text-zinc-100">
      {/* The theme's context wraps the bar only (its toggle); next-themes' no-flash script comes with it. */}
      <ThemeProvider>
        <header className="border-b border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
          <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
            <Link
              href="/support"
              className="flex items-center gap-2 font-semibold text-zinc-900 focus:outline-none focus-visible:ring-2 focus-visible:ring-violet-600 dark:text-zinc-50"
            >
              <span aria-hidden="true" className="inline-block h-5 w-5 rounded bg-violet-700 dark:bg-violet-500" />
              Support console
            </Link>
            {staff ? (
              <nav aria-label="Support console">
                <NavLinks />
              </nav>
            ) : null}
            <div className="ml-auto flex items-center gap-3 text-sm">
              {staff ? (
                <>
                  <span className="text-zinc-600 dark:text-zinc-400">
                    Signed in as <span className="font-medium text-zinc-900 dark:text-zinc-100">{staff.email}</span>
                  </span>
                  <form action={signOutAction}>
                    <button
                      type="submit"
                      className="rounded-md border border-zinc-300 px-3 py-1.5 font-medium text-zinc-800 hover:bg-zinc-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-violet-600 dark:border-zinc-700 dark:text-zinc-200 dark:hover:bg-zinc-800"
                    >
                      Sign out
                    </button>
                  </form>
                </>
              ) : null}
              <ThemeToggle />
            </div>
          </div>
        </header>
      </ThemeProvider>
      <main id="main-content" className="mx-auto max-w-7xl px-4 py-6">
        {children}
      </main>
    </div>
  );
}
