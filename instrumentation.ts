// Next.js calls onRequestError for every error thrown while rendering a page or running a route or
// server action: it goes through the same structured logger as everything else, with the request id
// the proxy gave the request (proxy.ts) and Next's digest, the reference the error page shows the
// customer — so support can go from what the customer sees to the request's log lines.
import type { Instrumentation } from "next";

// At start, once per server process: a bad configuration stops the process with one line (lib/startup.ts)
// and the exit code scripts/cluster.cjs treats as fatal, instead of a server that answers /api/health and
// fails page by page. Not while `next build` prerenders (the build may go without the run-time secrets).
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { checkAtStart } = await import("./lib/startup");
    checkAtStart();
  }
}

export const onRequestError: Instrumentation.onRequestError = async (error, request, context) => {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { log } = await import("./lib/log");
  const headers = request.headers as Record<string, string | string[] | undefined>;
  const requestId = typeof headers["x-request-id"] === "string" ? headers["x-request-id"] : undefined;
  const e = error as { name?: string; message?: string; digest?: string };
  log().error(
    {
      event: "next.error",
      requestId,
      digest: e.digest,
      method: request.method,
      path: request.path.split("?")[0],
      routePath: context.routePath,
      routeType: context.routeType,
      error: e.name,
    },
    "request failed",
  );
};
