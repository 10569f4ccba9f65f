"use client";
// The staff sign-in form. A plain form posting to a server action: it works without JavaScript;
// with JavaScript, errors appear without a reload.
import { useActionState } from "react";
import { signInAction, type SignInState } from "@/lib/actions/support";

const input =
  "mt-1 block w-full rounded-md border border-zinc-300 bg-white px-3 py-2 text-zinc-900 shadow-sm placeholder:text-zinc-400 focus:border-violet-600 focus:outline-none focus:ring-2 focus:ring-violet-600/40 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100";

/** A labelled input; its server error is tied to it by aria-describedby. */
function Field({ name, label, type, autoComplete, defaultValue, error }: { name: string; label: string; type: string; autoComplete: string; defaultValue?: string; error: string | undefined }) {
  return (
    <div>
      <label htmlFor={name} className="block text-sm font-medium text-zinc-800 dark:text-zinc-200">
        {label}
      </label>
      <input
        id={name}
        name={name}
        type={type}
        autoComplete={autoComplete}
        required
        defaultValue={defaultValue}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${name}-error` : undefined}
        className={input}
      />
      {error ? (
        <p id={`${name}-error`} className="mt-1 text-sm text-rose-700 dark:text-rose-300">
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function SignInForm({ next }: { next: string }) {
  const [state, action, pending] = useActionState<SignInState, FormData>(signInAction, {});
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="next" value={next} />
      {state.error ? (
        <p role="alert" className="rounded-md border border-rose-300 bg-rose-50 px-3 py-2 text-sm text-rose-900 dark:border-rose-800 dark:bg-rose-950 dark:text-rose-100">
          {state.error}
        </p>
      ) : null}
      <Field name="email" label="Email" type="email" autoComplete="username" defaultValue={state.email ?? ""} error={state.fieldErrors?.email} />
      <Field name="password" label="Password" type="password" autoComplete="current-password" error={state.fieldErrors?.password} />
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded-md bg-violet-700 px-4 py-2 font-medium text-white hover:bg-violet-800 focus:outline-none focus-visible:ring-2 focus-visible:ring-violet-600 focus-visible:ring-offset-2 disabled:opacity-60 dark:bg-violet-600 dark:hover:bg-violet-500 dark:focus-visible:ring-offset-zinc-950"
      >
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
