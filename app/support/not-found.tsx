// The console's 404 (a setup id that does not exist), in the console's frame: back to the list.
import Link from "next/link";

export const metadata = { title: "Not found" };

export default function SupportNotFound() {
  return (
    <div className="space-y-3 py-10">
      <h1 className="text-2xl font-semibold tracking-tight">Nothing here</h1>
      <p className="text-zinc-700 dark:text-zinc-300">No setup or console page has this address. The link may be old, or the setup id mistyped.</p>
      <p>
        <Link href="/support" className="text-violet-700 underline underline-offset-2 dark:text-violet-300">
          Back to all setups
        </Link>
      </p>
    </div>
  );
}
