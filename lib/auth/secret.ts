// Better Auth's signing secret. Production: BETTER_AUTH_SECRET is required (no silent default).
// Development and tests: generated once and kept in .data/better-auth.secret (never committed).
import "server-only";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ConfigError, type Config } from "../config";

export const DEV_SECRET_FILE = path.join(".data", "better-auth.secret");

export function resolveAuthSecret(cfg: Pick<Config, "NODE_ENV" | "BETTER_AUTH_SECRET">, file = DEV_SECRET_FILE): string {
  if (cfg.BETTER_AUTH_SECRET) return cfg.BETTER_AUTH_SECRET;
  if (cfg.NODE_ENV === "production") {
    throw new ConfigError(
      "BETTER_AUTH_SECRET is required in production (at least 32 characters, e.g. `openssl rand -base64 48`)",
    );
  }
  if (existsSync(file)) {
    const saved = readFileSync(file, "utf8").trim();
    if (saved.length >= 32) return saved;
  }
  const secret = randomBytes(48).toString("base64url");
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, secret + "\n", { mode: 0o600 });
  return secret;
}
