// A guide page, prerendered at build time for every page of every guide.
import type { Metadata } from "next";
import { HoverLink } from "@/components/hover-link";
import { notFound } from "next/navigation";
import { GuideLayout, InlineToc } from "@/components/guide-layout";
import { renderProse } from "@/components/mdx";
import { PrevNext } from "@/components/prev-next";
import { LazyProgressBar } from "@/components/verify/lazy";
import { ContentError } from "@/lib/content/errors";
import { findPage, listGuides, listPages, loadPage, neighbours } from "@/lib/content/guides";
import { findBrokenLinks, formatBrokenLinks } from "@/lib/content/links";
import { formatDate, getNav } from "@/lib/content/nav";

export const dynamicParams = false;

type Params = { guide: string; page: string };

export async function generateStaticParams(): Promise<Params[]> {
  const pages = await listPages();
  // A dead internal link or #anchor fails the build (the unit tests say the same, earlier).
  const broken = await findBrokenLinks();
  if (broken.length > 0) throw new ContentError("content/guides", `broken links:\n${formatBrokenLinks(broken)}`);
  return pages.map((p) => ({ guide: p.guide, page: p.page }));
}

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const { guide, page } = await params;
  const ref = await findPage(guide, page);
  if (!ref) return {};
  const { title, description, updatedAt } = ref.frontmatter;
  return {
    title,
    description,
    alternates: { canonical: ref.url },
    openGraph: { type: "article", title, description, url: ref.url, modifiedTime: updatedAt },
    twitter: { card: "summary", title, description },
  };
}

export default async function GuidePage({ params }: { params: Promise<Params> }) {
  const { guide, page } = await params;
  const ref = await findPage(guide, page);
  if (!ref) notFound();
  const [compiled, nav, around, guides] = await Promise.all([loadPage(ref), getNav(), neighbours(guide, page), listGuides()]);
  const guideEntry = guides.find((g) => g.slug === guide);
  const guideTitle = guideEntry?.title ?? guide;
  const { frontmatter, toc } = compiled;
  const words = compiled.sections.reduce((n, s) => n + s.text.split(/\s+/).length, 0);
  const minutes = Math.max(1, Math.round(words / 200));

  return (
    <GuideLayout nav={nav} current={ref.url} toc={toc} topSlot={frontmatter.steps.length > 0 ? <LazyProgressBar basePath="" /* the bar is on the steps' own page: its links are "#step" */ /> : undefined}>
      <article data-guide={guide} data-page={page}>
        <nav aria-label="Breadcrumb" className="mb-3 text-sm text-zinc-600 dark:text-zinc-400">
          <ol className="flex flex-wrap items-center gap-1">
            <li>
              <HoverLink href="/" className="hover:text-zinc-900 dark:hover:text-zinc-100">
                Guides
              </HoverLink>
            </li>
            <li aria-hidden="true">/</li>
            <li>
              <HoverLink href={guideEntry?.pages[0]?.url ?? ref.url} className="hover:text-zinc-900 dark:hover:text-zinc-100">
                {guideTitle}
              </HoverLink>
            </li>
          </ol>
        </nav>
        <h1 className="text-3xl font-bold tracking-tight text-zinc-950 sm:text-4xl dark:text-white">{frontmatter.title}</h1>
        <p className="mt-3 text-lg text-zinc-700 dark:text-zinc-300">{frontmatter.description}</p>
        <p className="mt-3 flex flex-wrap gap-x-4 gap-y-1 text-sm text-zinc-600 dark:text-zinc-400">
          <span>
            Last updated <time dateTime={frontmatter.updatedAt}>{formatDate(frontmatter.updatedAt)}</time>
          </span>
          <span>{minutes} min read</span>
          {frontmatter.steps.length > 0 && <span>{frontmatter.steps.length} steps</span>}
        </p>
        <InlineToc toc={toc} />
        <div className="guide-prose prose prose-zinc mt-8 max-w-none dark:prose-invert">{renderProse(compiled.content)}</div>
        <PrevNext
          prev={around.prev && { url: around.prev.url, label: around.prev.label }}
          next={around.next && { url: around.next.url, label: around.next.label }}
        />
      </article>
    </GuideLayout>
  );
}
