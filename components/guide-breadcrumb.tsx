// The way back to the setup guide above a customer's own pages (progress, a verification report).
import Link from "next/link";
import { GUIDE_PATH, GUIDE_TITLE } from "@/lib/steps";

export function GuideBreadcrumb({ here }: { here: string }) {
  return (
    <nav aria-label="Breadcrumb" className="mb-3 text-sm text-zinc-600 dark:text-zinc-400">
      {/* Underlined: in the breadcrumb's grey, colour alone would not tell the link from the text. */}
      <Link href={GUIDE_PATH} className="underline decoration-zinc-400 underline-offset-2 hover:text-zinc-900 dark:decoration-zinc-500 dark:hover:text-zinc-100">
        {GUIDE_TITLE}
      </Link>{" "}
      / <span aria-current="page">{here}</span>
    </nav>
  );
}
