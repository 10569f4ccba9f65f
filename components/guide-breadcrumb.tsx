// The way back to the setup guide above a customer's own pages (progress, a verification report).
import Link from "next/link";
import { GUIDE_PATH } from "@/lib/steps";

export function GuideBreadcrumb({ here }: { here: string }) {
  return (
    <nav aria-label="Breadcrumb" className="mb-3 text-sm text-zinc-600 dark:text-zinc-400">
      <Link href={GUIDE_PATH} className="hover:text-zinc-900 dark:hover:text-zinc-100">
        Set up the Dynamics 365 Business Central integration
      </Link>{" "}
      / {here}
    </nav>
  );
}
