import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentStaff, safeNextPath } from "@/lib/auth";
import { SignInForm } from "@/components/support/sign-in-form";

export const metadata: Metadata = { title: "Staff sign-in — Support console", robots: { index: false } };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const sp = await searchParams;
  const next = safeNextPath(typeof sp.next === "string" ? sp.next : null);
  const staff = await currentStaff().catch(() => null);
  if (staff) redirect(next);
  return (
    <div className="mx-auto mt-12 max-w-sm rounded-xl border border-zinc-200 bg-white p-6 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
      <h1 className="text-xl font-semibold text-zinc-900 dark:text-zinc-50">Staff sign-in</h1>
      <p className="mt-1 mb-5 text-sm text-zinc-600 dark:text-zinc-400">
        For Codat support staff. Accounts are created by an administrator with <code className="text-xs">npm run staff:create</code>.
      </p>
      {sp.signedOut ? (
        <p role="status" className="mb-4 rounded-md bg-zinc-100 px-3 py-2 text-sm text-zinc-800 dark:bg-zinc-800 dark:text-zinc-200">
          You are signed out.
        </p>
      ) : null}
      <SignInForm next={next} />
    </div>
  );
}
