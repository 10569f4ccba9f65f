// npm run staff:create -- --email someone@example.com [--name "Full Name"]
// Creates a support staff user. The password is read from a hidden prompt (terminal) or from
// standard input (piped, first line) — never from the command line, where it would land in the
// shell history and the process list. At least 12 characters.
import { parseArgs } from "node:util";
import { authBaseURL } from "../lib/auth/base-url";
import { resolveAuthSecret } from "../lib/auth/secret";
import { createStaffUser, StaffExistsError, staffInput } from "../lib/auth/staff";
import { MIN_PASSWORD_LENGTH } from "../lib/auth/auth";
import { config, ConfigError } from "../lib/config";
import { closeDatabase, createDatabase } from "../lib/db";
import { runDbScript } from "../lib/db/script";
import { InvalidEncoding, readHidden, readStdin } from "./lib/terminal";

const USAGE = "usage: npm run staff:create -- --email someone@example.com [--name \"Full Name\"]  (password from a prompt or stdin)";

function fail(message: string, code = 2): never {
  process.stderr.write(`staff:create: ${message}\n`);
  process.exit(code);
}

async function main() {
  let values;
  try {
    ({ values } = parseArgs({
      options: { email: { type: "string" }, name: { type: "string" }, password: { type: "string" }, help: { type: "boolean" } },
      strict: true,
    }));
  } catch (err) {
    fail(`${(err as Error).message}\n${USAGE}`);
  }
  if (values.help) {
    process.stdout.write(USAGE + "\n");
    return;
  }
  if (values.password !== undefined) fail("never pass the password as an argument; type it at the prompt or pipe it on stdin");
  if (!values.email) fail(`--email is required\n${USAGE}`);
  const pre = staffInput.pick({ email: true, name: true }).safeParse({ email: values.email, name: values.name });
  if (!pre.success) fail(pre.error.issues[0]!.message);

  let password: string;
  if (process.stdin.isTTY) {
    password = await readHidden(`Password for ${pre.data.email} (at least ${MIN_PASSWORD_LENGTH} characters): `);
    if (password.length >= MIN_PASSWORD_LENGTH) {
      const again = await readHidden("Repeat the password: ");
      if (again !== password) fail("the passwords do not match");
    }
  } else {
    try {
      password = (await readStdin()).split(/\r?\n/)[0] ?? "";
    } catch (err) {
      if (err instanceof InvalidEncoding) fail("the password on stdin is not valid UTF-8 text");
      throw err;
    }
  }
  const input = staffInput.safeParse({ ...pre.data, password });
  if (!input.success) fail(input.error.issues[0]!.message);

  await runDbScript("staff:create", async (url, where) => {
    const db = createDatabase(url, { max: 2, applicationName: "staff-create" });
    try {
      const user = await createStaffUser(db.prisma, input.data, { secret: resolveAuthSecret(config()), baseURL: authBaseURL() });
      process.stdout.write(`Created staff user ${user.email} (id ${user.id}) in ${where}. Sign in at /support/sign-in.\n`);
    } catch (err) {
      if (err instanceof StaffExistsError) throw new ConfigError(err.message);
      if ((err as { code?: string }).code === "P2021") throw new ConfigError("the staff tables do not exist yet: run `npm run db:migrate` first");
      throw err;
    } finally {
      await closeDatabase(db);
    }
  });
}

void main();
