// Home: what this site is, and the guides.
import Link from "next/link";
import { ArrowRightIcon, ClockIcon } from "@/components/icons";
import { listGuides } from "@/lib/content/guides";
import { formatDate } from "@/lib/content/nav";

export default async function Home() {
  const guides = await listGuides();
  return (
    <main id="main-content" tabIndex={-1} className="mx-auto max-w-5xl px-4 py-12 outline-none sm:py-16 lg:px-6">
      <section aria-labelledby="intro" className="max-w-3xl">
        <p className="text-sm font-semibold text-violet-700 dark:text-violet-300">Setup guides</p>
        <h1 id="intro" className="mt-2 text-4xl font-bold tracking-tight text-zinc-950 sm:text-5xl dark:text-white">
          Connect your accounting integrations, one checked step at a time
        </h1>
        <p className="mt-5 text-lg leading-relaxed text-zinc-700 dark:text-zinc-300">
          Before Codat can read a customer&rsquo;s books, the integration needs an app registration in the right place with exactly the
          right settings. These guides walk you through each screen, give you every value to copy in one click, and point out the
          mistakes people make most often.
        </p>
        <ul className="mt-6 grid gap-2 text-sm text-zinc-700 sm:grid-cols-3 dark:text-zinc-300">
          <li className="rounded-lg border border-zinc-200 px-3 py-2 dark:border-zinc-800">Every value exact, and one click to copy</li>
          <li className="rounded-lg border border-zinc-200 px-3 py-2 dark:border-zinc-800">
            Search with <kbd className="rounded border border-zinc-300 px-1 text-xs dark:border-zinc-600">/</kbd> or{" "}
            <kbd className="rounded border border-zinc-300 px-1 text-xs dark:border-zinc-600">Ctrl K</kbd>
          </li>
          <li className="rounded-lg border border-zinc-200 px-3 py-2 dark:border-zinc-800">Works offline, light or dark</li>
        </ul>
      </section>

      <section aria-labelledby="guides" className="mt-14">
        <h2 id="guides" className="text-xl font-semibold text-zinc-950 dark:text-white">
          Guides
        </h2>
        <ul className="mt-4 grid gap-4 md:grid-cols-2">
          {guides.map((g) => {
            const first = g.pages[0]!;
            const updated = g.pages.map((p) => p.frontmatter.updatedAt).sort().at(-1)!;
            const steps = g.pages.reduce((n, p) => n + p.frontmatter.steps.length, 0);
            return (
              <li key={g.slug} className="flex flex-col rounded-xl border border-zinc-200 p-5 dark:border-zinc-800">
                <h3 className="text-lg font-semibold text-zinc-950 dark:text-white">
                  <Link href={first.url} className="hover:text-violet-800 dark:hover:text-violet-200">
                    {g.title}
                  </Link>
                </h3>
                <p className="mt-2 text-sm leading-relaxed text-zinc-700 dark:text-zinc-300">{g.description}</p>
                <ol className="mt-4 space-y-1 text-sm">
                  {g.pages.map((p, i) => (
                    <li key={p.url} className="flex gap-2">
                      <span className="w-4 text-zinc-600 tabular-nums dark:text-zinc-400">{i + 1}.</span>
                      <Link href={p.url} className="text-violet-700 underline-offset-2 hover:underline dark:text-violet-300">
                        {p.label}
                      </Link>
                    </li>
                  ))}
                </ol>
                <div className="mt-auto flex items-center justify-between gap-3 pt-5 text-xs text-zinc-600 dark:text-zinc-400">
                  <span className="inline-flex items-center gap-1">
                    <ClockIcon width={14} height={14} /> {steps} steps · updated {formatDate(updated)}
                  </span>
                  <Link
                    href={first.url}
                    className="inline-flex items-center gap-1 rounded-md bg-violet-700 px-3 py-1.5 text-sm font-semibold text-white hover:bg-violet-800 dark:bg-violet-400 dark:text-zinc-950 dark:hover:bg-violet-300"
                  >
                    Start <span className="sr-only">the {g.title} guide</span>
                    <ArrowRightIcon width={14} height={14} />
                  </Link>
                </div>
              </li>
            );
          })}
        </ul>
      </section>
    </main>
  );
}
