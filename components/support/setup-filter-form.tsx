// The list's filters as a plain GET form: the URL holds the whole state (shareable, back button
// works, no JavaScript needed).
import Link from "next/link";
import { SetupStatus } from "@/lib/db";
import { SORT_KEYS, SORT_LABELS, STATUS_LABELS, toQueryString, type SetupFilters } from "@/lib/support/filters";
import { STEPS, stepTitle } from "@/lib/steps";

// Labels, fields and buttons are styled by `.filters` in app/globals.css (one class on the form instead of
// a list of utilities on every field: the form is in every list page's HTML and again in its payload).

/** A labelled select; its id is also its query parameter. */
function Select({ id, label: text, span, value, options }: { id: string; label: string; span: string; value: string | undefined; options: readonly (readonly [string, string])[] }) {
  return (
    <div className={span}>
      <label htmlFor={id}>{text}</label>
      <select id={id} name={id} defaultValue={value ?? ""}>
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
    <form method="get" action="/support" role="search" aria-label="Search and filter setups" className="filters">
      <div className="grid grid-cols-2 gap-3 md:grid-cols-12">
        <div className="col-span-2 md:col-span-6 lg:col-span-4">
          <label htmlFor="q">Search</label>
          <input
            id="q"
            name="q"
            type="search"
            defaultValue={filters.q ?? ""}
            placeholder="Company, email, setup id or client ID"
            aria-describedby="q-hint"
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
          <button type="submit">Apply</button>
          <Link href="/support" className="clear">
            Clear
          </Link>
          <a href={`/api/support/export${toQueryString(filters)}`} className="export" download>
            Export CSV
          </a>
        </div>
      </div>
    </form>
  );
}
