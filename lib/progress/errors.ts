// What can go wrong in the progress use-cases, in terms the callers can show: a field that is not
// acceptable, an unknown setup, or a database that cannot be reached right now.
export class ProgressInputError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = "ProgressInputError";
  }
}

export class SetupNotFoundError extends Error {
  constructor(readonly publicId: string) {
    super("no setup with this id");
    this.name = "SetupNotFoundError";
  }
}

const UNAVAILABLE_PRISMA = new Set(["P1001", "P1002", "P1008", "P1017", "P2024", "P2028"]);
const UNAVAILABLE_NODE = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "ENOTFOUND", "EHOSTUNREACH", "EPIPE"]);

/**
 * True when `e` means "the database could not be reached or gave up" (not a bug, not bad input):
 * callers answer with an honest "could not save, try again" instead of an error page.
 */
export function isDatabaseUnavailable(e: unknown): boolean {
  for (let cur: unknown = e, depth = 0; cur && depth < 5; depth++) {
    const err = cur as { code?: unknown; name?: string; message?: string; cause?: unknown; kind?: string };
    const code = typeof err.code === "string" ? err.code : undefined;
    if (code && (UNAVAILABLE_PRISMA.has(code) || UNAVAILABLE_NODE.has(code))) return true;
    // Postgres: connection exceptions (08xxx), shutting down (57P0x), too many connections (53300).
    if (code && (/^08/.test(code) || /^57P0/.test(code) || code === "53300")) return true;
    if (err.name === "PrismaClientInitializationError") return true;
    if (typeof err.message === "string" && /Can't reach database server|Connection terminated|connect ECONNREFUSED|timeout exceeded when trying to connect|Transaction already closed|Unable to start a transaction in the given time|not queryable/i.test(err.message)) return true;
    // Prisma's P2010/P2039 keep the driver's error (with the Postgres code) in meta, not in cause.
    cur = err.cause ?? (err as { meta?: { driverAdapterError?: unknown } }).meta?.driverAdapterError;
  }
  return false;
}
