// The settings every pg Pool/Client of the app connects with: its session runs in UTC.
//
//   new pg.Pool(pgConfig(url, { max: 10, application_name: "…" }))
//
// Why: @prisma/adapter-pg sends JavaScript Dates as timestamps without an offset (the server reads
// them in the session's TimeZone) and reads timestamptz results by replacing whatever offset the
// server printed with +00:00, while lib/progress/record.ts writes ISO "Z" strings through pg. On a
// server or database whose TimeZone is not UTC (initdb takes the host's zone; a DBA may
// `ALTER DATABASE … SET timezone`), the two paths disagree by hours: values read back shifted under
// a "UTC" label, and "stuck" cutoffs and daily rollups drift. An option in the startup packet
// outranks postgresql.conf, the server's command line and ALTER DATABASE/ROLE … SET (only a SET in
// the session itself beats it, and RESET returns to it), so each connection starts in UTC whatever
// the server is configured with.
import "server-only";
import type pg from "pg";

/** Appended to the connection's startup `options` (after any the URL or PGOPTIONS give, so it wins). */
export const SESSION_TIMEZONE_OPTION = "-c TimeZone=UTC";

/**
 * A pg Pool/Client config for `url` plus `extra`, whose sessions run with TimeZone=UTC. `options`
 * already in the URL (`?options=-c%20search_path%3Dx`), else in `extra`, else in PGOPTIONS, are kept:
 * pg lets the URL's `options` override the config's, so it is moved out of the URL and merged here.
 */
export function pgConfig(url: string, extra: Omit<pg.PoolConfig, "connectionString"> = {}): pg.PoolConfig {
  const { connectionString, options: fromUrl } = takeOptions(url);
  const existing = fromUrl ?? extra.options ?? process.env.PGOPTIONS;
  const options = [existing?.trim(), SESSION_TIMEZONE_OPTION].filter(Boolean).join(" ");
  return { ...extra, connectionString, options };
}

/** The URL without its `options` query parameter (the rest left byte for byte), and that parameter's value. */
function takeOptions(url: string): { connectionString: string; options?: string } {
  const q = url.indexOf("?");
  if (q < 0) return { connectionString: url };
  let options: string | undefined;
  const kept: string[] = [];
  for (const pair of url.slice(q + 1).split("&")) {
    const [entry] = new URLSearchParams(pair);
    // As pg-connection-string decodes it; the last one wins there too.
    if (entry?.[0] === "options") options = entry[1];
    else kept.push(pair);
  }
  if (options === undefined) return { connectionString: url };
  return { connectionString: kept.length ? `${url.slice(0, q)}?${kept.join("&")}` : url.slice(0, q), options };
}
