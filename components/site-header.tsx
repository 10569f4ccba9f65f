// The guides' header (app/(site)/layout.tsx, app/global-not-found.tsx): menu (narrow screens), site
// name, search, theme toggle.
import { HoverLink } from "./hover-link";
import type { NavGuide } from "@/lib/content/nav";
import { SITE_NAME } from "@/lib/content/site";
import { MobileMenu } from "./mobile-menu";
import { Search } from "./search";
import { ThemeProvider } from "./theme-provider";
import { ThemeToggle } from "./theme-toggle";

export function SiteHeader({ nav }: { nav: NavGuide[] }) {
  return (
    // The theme's context wraps the header (its toggle) only: a theme change must not reach the guide
    // page's lazily hydrated parts (components/verify/lazy.tsx), which an update before they hydrate
    // would make React render anew. next-themes' no-flash script still runs before the page.
    <ThemeProvider>
      {/* Styled by `.site-header` (its row, `.site-name`) in app/globals.css: the page carries it twice
          (HTML and payload). */}
      <header className="site-header">
        <div>
          <MobileMenu guides={nav} />
          <HoverLink href="/" className="site-name">
            <Logo />
            <span className="hidden sm:inline">{SITE_NAME}</span>
            <span className="sm:hidden">Setup guides</span>
          </HoverLink>
          <div className="ml-auto flex items-center gap-1 sm:gap-2">
            <Search />
            <ThemeToggle />
          </div>
        </div>
      </header>
    </ThemeProvider>
  );
}

function Logo() {
  return (
    <svg width="24" height="24" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <rect width="24" height="24" rx="6" className="fill-violet-700 dark:fill-violet-400" />
      <path d="M7 12.5l3 3 7-7" fill="none" strokeWidth="2.5" strokeLinecap="round" strokeLinejoin="round" className="stroke-white dark:stroke-zinc-950" />
    </svg>
  );
}
