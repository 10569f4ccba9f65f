// Started by Playwright's webServer: the services the browser tests need, then `next start`.
// (Database and fake Entra ID / Graph are added by their layers.)
import { spawn } from "node:child_process";

const port = process.env.E2E_PORT ?? "3100";
const child = spawn("npx", ["next", "start", "-p", port, "-H", "127.0.0.1"], {
  stdio: "inherit",
  env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
});
const stop = () => child.kill("SIGTERM");
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
child.on("exit", (code) => process.exit(code ?? 0));
