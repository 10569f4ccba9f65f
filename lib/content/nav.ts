// The serialisable guide list for the sidebar and the mobile menu.
import { listGuides } from "./guides";

export interface NavGuide {
  slug: string;
  title: string;
  pages: { url: string; label: string }[];
}

export async function getNav(root?: string): Promise<NavGuide[]> {
  return (await listGuides(root)).map((g) => ({
    slug: g.slug,
    title: g.title,
    pages: g.pages.map((p) => ({ url: p.url, label: p.label })),
  }));
}

let navOnce: Promise<NavGuide[]> | undefined;

/**
 * The site's guide list, as every page's header and the 404 page show it. The guides are part of the
 * build: in production they are read once per process, not on every dynamic request (each support
 * console page renders the root layout, and the 404 page too, as the not-found fallback in its payload;
 * for the layout, reading and parsing the guide folder was ≈ 7 % of a console page's CPU, and the 404
 * page's own read ≈ 2 ms a view in a `--cpu-prof` profile). `next dev` reads them each time, so edits show at once.
 */
export function getSiteNav(): Promise<NavGuide[]> {
  if (process.env.NODE_ENV !== "production") return getNav();
  navOnce ??= getNav().catch((err: unknown) => {
    navOnce = undefined;
    throw err;
  });
  return navOnce;
}

/** "28 November 2026" — fixed locale and time zone so the build output does not depend on the machine. */
export function formatDate(iso: string): string {
  return new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(iso));
}
