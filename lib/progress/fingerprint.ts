// Secrets are never stored. A verification with a client secret keeps only a keyed fingerprint
// (HMAC-SHA256 with SECRET_FINGERPRINT_KEY: "is this the same secret as last time?" without being able
// to recover or brute-force it without the key) and the 3-character hint the Azure portal shows too.
import "server-only";
import { createHmac, randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { config, ConfigError } from "../config";
import { firstChars } from "../verify/text";

const DEV_KEY_FILE = path.join(".data", "secret-fingerprint.key");
let cachedKey: string | undefined;

/** The HMAC key: SECRET_FINGERPRINT_KEY; in development and tests one kept in .data/ (created once). */
export function fingerprintKey(): string {
  if (cachedKey) return cachedKey;
  const c = config();
  if (c.SECRET_FINGERPRINT_KEY) return (cachedKey = c.SECRET_FINGERPRINT_KEY);
  if (c.NODE_ENV === "production") {
    throw new ConfigError("SECRET_FINGERPRINT_KEY is not set: production needs a key of at least 32 characters (e.g. `openssl rand -base64 48`)");
  }
  const file = path.resolve(DEV_KEY_FILE);
  try {
    cachedKey = readFileSync(file, "utf8").trim();
  } catch {
    mkdirSync(path.dirname(file), { recursive: true });
    try {
      writeFileSync(file, `${randomBytes(48).toString("base64url")}\n`, { mode: 0o600, flag: "wx" });
    } catch (e) {
      if ((e as { code?: string }).code !== "EEXIST") throw e; // another process made it first
    }
    cachedKey = readFileSync(file, "utf8").trim();
  }
  if (cachedKey.length < 32) throw new ConfigError(`${DEV_KEY_FILE} holds a key shorter than 32 characters; delete it to get a new one`);
  return cachedKey;
}

/** hmac-sha256:<hex> of the secret under the fingerprint key. */
export function secretFingerprint(secret: string, key: string = fingerprintKey()): string {
  return `hmac-sha256:${createHmac("sha256", key).update(secret, "utf8").digest("hex")}`;
}

/** The first three characters, as the Azure portal shows a secret's value after creation (code points: never half an emoji). */
export function secretHint(secret: string): string {
  return firstChars(secret, 3);
}
