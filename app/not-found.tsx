// The friendly 404: say what happened, offer the guides and search.
import Link from "next/link";
import { getSiteNav } from "@/lib/content/nav";

export const metadata = { title: "Page not found" };

export default async function NotFound() {
  // Read once per process (lib/content/nav.ts): this page is also rendered into every dynamic page's
  // payload as its not-found fallback.
  const guides = await getSiteNav();
  return (
    <main id="main-content" tabIndex={-1} className="mx-auto max-w-2xl px-4 py-20 outline-none">
      <p className="text-sm font-semibold text-violet-700 dark:text-violet-300">404</p>
      <h1 className="mt-2 text-3xl font-bold tracking-tight text-zinc-950 dark:text-white">We couldn&rsquo;t find that page</h1>
      <p className="mt-4 text-zinc-700 dark:text-zinc-300">
        The link may be old, or the address mistyped. Press{" "}
        <kbd className="rounded border border-zinc-300 px-1 text-xs dark:border-zinc-600">/</kbd> to search the guides, or pick one
        below.
      </p>
      <ul className="mt-8 space-y-4">
        {guides.map((g) => (
          <li key={g.slug}>
            <p className="font-semibold text-zinc-950 dark:text-white">{g.title}</p>
            <ul className="mt-1 space-y-1">
              {g.pages.map((p) => (
                <li key={p.url}>
                  <Link href={p.url} className="text-violet-700 underline underline-offset-2 dark:text-violet-300">
                    {p.label}
                  </Link>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
      <p className="mt-10">
        <Link href="/" className="text-sm font-medium text-zinc-700 underline underline-offset-2 dark:text-zinc-300">
          ← Back to the home page
        </Link>
      </p>
    </main>
  );
}
