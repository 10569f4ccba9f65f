// Previous / next page links at the bottom of a guide page.
import { HoverLink } from "./hover-link";
import { ArrowLeftIcon, ArrowRightIcon } from "./icons";

export interface PageLinkInfo {
  url: string;
  label: string;
}

export function PrevNext({ prev, next }: { prev?: PageLinkInfo; next?: PageLinkInfo }) {
  if (!prev && !next) return null;
  return (
    <nav aria-label="Previous and next pages" className="mt-12 grid gap-4 border-t border-zinc-200 pt-6 sm:grid-cols-2 dark:border-zinc-800">
      {prev ? (
        <HoverLink href={prev.url} rel="prev" className="group rounded-lg border border-zinc-200 p-4 hover:border-violet-400 dark:border-zinc-800 dark:hover:border-violet-500">
          <span className="flex items-center gap-1 text-xs text-zinc-600 dark:text-zinc-400">
            <ArrowLeftIcon width={14} height={14} /> Previous
          </span>
          <span className="mt-1 block font-medium text-zinc-900 group-hover:text-violet-800 dark:text-zinc-100 dark:group-hover:text-violet-200">{prev.label}</span>
        </HoverLink>
      ) : (
        <span className="hidden sm:block" />
      )}
      {next && (
        <HoverLink href={next.url} rel="next" className="group rounded-lg border border-zinc-200 p-4 text-right hover:border-violet-400 dark:border-zinc-800 dark:hover:border-violet-500">
          <span className="flex items-center justify-end gap-1 text-xs text-zinc-600 dark:text-zinc-400">
            Next <ArrowRightIcon width={14} height={14} />
          </span>
          <span className="mt-1 block font-medium text-zinc-900 group-hover:text-violet-800 dark:text-zinc-100 dark:group-hover:text-violet-200">{next.label}</span>
        </HoverLink>
      )}
    </nav>
  );
}
