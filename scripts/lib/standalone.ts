// The built site as `npm start` runs it, for the scripts that start it themselves (two-instances,
// bench guide, bench support): the standalone server.js with its static files and public/ beside it,
// and one way to stop a child process. scripts/start.mjs does the same copy in plain Node (it runs
// before `npm ci`, so it cannot import this).
import type { ChildProcess } from "node:child_process";
import { cpSync, existsSync } from "node:fs";
import path from "node:path";

/**
 * The standalone server's path after copying `.next/static` and `public/` next to it (Next leaves
 * both out of `.next/standalone`), or null when there is no standalone build.
 */
export function prepareStandalone(root: string = process.cwd()): string | null {
  const out = path.join(root, ".next", "standalone");
  const server = path.join(out, "server.js");
  if (!existsSync(server)) return null;
  cpSync(path.join(root, ".next", "static"), path.join(out, ".next", "static"), { recursive: true });
  if (existsSync(path.join(root, "public"))) cpSync(path.join(root, "public"), path.join(out, "public"), { recursive: true });
  return server;
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves once the child has exited (at once if it has). */
export function stopChild(child: ChildProcess, graceMs = 5000): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const t = setTimeout(() => child.kill("SIGKILL"), graceMs);
    child.once("exit", () => {
      clearTimeout(t);
      resolve();
    });
    child.kill("SIGTERM");
  });
}
