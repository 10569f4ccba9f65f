// The list's filters as a plain GET form: the URL holds the whole state (shareable, back button
// works, no JavaScript needed).
import Link from "next/link";
import { SetupStatus } from "@/lib/db";
import { SORT_KEYS, SORT_LABELS, STATUS_LABELS, toQueryString, type SetupFilters } from "@/lib/support/filters";
import { STEPS, stepTitle } from "@/lib/steps";

const field =
  "mt-1 block w-full rounded-md border border-zinc-300 bg-white px-2.5 py-1.5 text-sm text-zinc-900 shadow-sm focus:border-violet-600 focus:outline-none focus:ring-2 focus:ring-violet-600/40 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100";
const label = "block text-xs font-medium uppercase tracking-wide text-zinc-600 dark:text-zinc-400";

/** A labelled select; its id is also its query parameter. */
function Select({ id, label: text, span, value, options }: { id: string; label: string; span: string; value: string | undefined; options: readonly (readonly [string, string])[] }) {
  return (
    <div className={span}>
      <label htmlFor={id} className={label}>
        {text}
      </label>
      <select id={id} name={id} defaultValue={value ?? ""} className={field}>
        {options.map(([v, t]) => (
          <option key={v} value={v}>
            {t}
          </option>
        ))}
      </select>
    </div>
  );
}

export function SetupFilterForm({ filters }: { filters: SetupFilters }) {
  return (
    <form method="get" action="/support" role="search" aria-label="Search and filter setups" className="rounded-xl border border-zinc-200 bg-white p-4 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
      <div className="grid grid-cols-2 gap-3 md:grid-cols-12">
        <div className="col-span-2 md:col-span-6 lg:col-span-4">
          <label htmlFor="q" className={label}>
            Search
          </label>
          <input
            id="q"
            name="q"
            type="search"
            defaultValue={filters.q ?? ""}
            placeholder="Company, email, setup id or client ID"
            aria-describedby="q-hint"
            className={field}
          />
          <p id="q-hint" className="sr-only">
            Matches part of a company name or contact email, or an exact setup id or application (client) ID.
          </p>
        </div>
        <Select id="status" label="Status" span="md:col-span-3 lg:col-span-2" value={filters.status} options={[["", "Any status"], ...Object.values(SetupStatus).map((s) => [s, STATUS_LABELS[s]] as const)]} />
        <Select id="step" label="Current step" span="md:col-span-3 lg:col-span-3" value={filters.step} options={[["", "Any step"], ...STEPS.map((s) => [s, stepTitle(s)] as const)]} />
        <Select id="stuck" label="Stuck" span="md:col-span-4 lg:col-span-3" value={filters.stuck} options={[["", "All setups"], ["yes", "Stuck only"], ["no", "Not stuck"]]} />
        <Select
          id="trust"
          label="Verified steps"
          span="md:col-span-4 lg:col-span-3"
          value={filters.trust}
          options={[["", "Any"], ["microsoft", "Confirmed with Microsoft"], ["rules", "Checked by the rules"]]}
        />
        <Select id="sort" label="Sort by" span="md:col-span-4 lg:col-span-3" value={filters.sort} options={SORT_KEYS.map((k) => [k, SORT_LABELS[k]] as const)} />
        <div className="col-span-2 flex flex-wrap items-end gap-2 md:col-span-8 lg:col-span-9">
          <button
            type="submit"
            className="rounded-md bg-violet-700 px-4 py-1.5 text-sm font-medium text-white hover:bg-violet-800 focus:outline-none focus-visible:ring-2 focus-visible:ring-violet-600 focus-visible:ring-offset-2 dark:bg-violet-600 dark:hover:bg-violet-500 dark:focus-visible:ring-offset-zinc-900"
          >
            Apply
          </button>
          <Link
            href="/support"
            className="rounded-md px-3 py-1.5 text-sm font-medium text-zinc-700 hover:bg-zinc-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-violet-600 dark:text-zinc-300 dark:hover:bg-zinc-800"
          >
            Clear
          </Link>
          <a
            href={`/api/support/export${toQueryString(filters)}`}
            className="ml-auto rounded-md border border-zinc-300 px-3 py-1.5 text-sm font-medium text-zinc-800 hover:bg-zinc-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-violet-600 dark:border-zinc-700 dark:text-zinc-200 dark:hover:bg-zinc-800"
            download
          >
            Export CSV
          </a>
        </div>
      </div>
    </form>
  );
}
