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

/** "28 November 2026" — fixed locale and time zone so the build output does not depend on the machine. */
export function formatDate(iso: string): string {
  return new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(iso));
}
