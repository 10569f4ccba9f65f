// A client secret (of the current "Q~" format or an older one) pasted into the WRONG field — client ID, tenant, redirect URI, permission, any
// string of a manifest, alone or inside other text — never reaches anything that is stored or shown:
// not the database (every table dumped), the report page, the customer's progress page, the support
// list, setup page and CSV, the JSON API, the CLI or the server's log. Generated secrets (seeded, so a
// failure reproduces) in every field, through the real server (`next start`, scripts/e2e-server.ts).
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { expect, test } from "./docs-fixtures";

test.describe.configure({ mode: "serial" });

const CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_~.-";
const REDIRECT = "https://dynamics365businesscentral.codat.io/oauth/callback";
const GOOD_APP = "6f1c2b7a-3d4e-4f50-8a91-b2c3d4e5f607";

/** A generator of current-format secret values (3 chars, a digit, "Q~", 31–34 more), seeded. */
function secrets(seed: number): () => string {
  let s = seed >>> 0;
  const next = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s;
  };
  const pick = (alphabet: string) => alphabet[next() % alphabet.length]!;
  return () => {
    let v = "";
    for (let i = 0; i < 3; i++) v += pick(CHARS);
    v += pick("0123456789") + "Q~";
    const rest = 31 + (next() % 4);
    for (let i = 0; i < rest; i++) v += pick(CHARS);
    return v;
  };
}

/**
 * Older-format secret values (made before "Q~"): 43 characters of base64 and "=", seeded, with letters
 * of both cases and a digit as every such value of that length has in practice.
 */
function olderSecrets(seed: number): () => string {
  let s = seed >>> 0;
  const next = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s;
  };
  const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  return () => {
    const v = Array.from({ length: 43 }, () => B64[next() % 64]!);
    v[5] = "QWERTYUIOP"[next() % 10]!;
    v[11] = "asdfghjklz"[next() % 10]!;
    v[17] = "0123456789"[next() % 10]!;
    return `${v.join("")}=`;
  };
}

/** Fails if the secret, or any 8-character piece of it, appears (the 3-character hint may). */
function expectNoSecret(text: string, secret: string, where: string) {
  expect(text.includes(secret), `${where} holds the secret`).toBe(false);
  for (let i = 1; i + 8 <= secret.length; i++) expect(text.includes(secret.slice(i, i + 8)), `${where} holds a piece of the secret (${i})`).toBe(false);
}

type Env = { databaseUrl: string; logFile: string };
type Support = { email: string; password: string };
const env = (): Env => JSON.parse(readFileSync(".tmp/e2e-env.json", "utf8")) as Env;
const support = (): Support => JSON.parse(readFileSync(".tmp/e2e-support.json", "utf8")) as Support;

const next = secrets(20261130);
const nextOlder = olderSecrets(20261202);
const planted: string[] = [];
const plant = () => {
  const s = next();
  planted.push(s);
  return s;
};
const plantOlder = () => {
  const s = nextOlder();
  planted.push(s);
  return s;
};

/** Every way a secret lands in the wrong field of the no-JavaScript form (the server action runs the same use-case). */
function forms(): Record<string, string>[] {
  const manifest = (put: (m: Record<string, unknown>) => void) => {
    const m: Record<string, unknown> = {
      appId: GOOD_APP,
      displayName: "Codat BC",
      signInAudience: "AzureADandPersonalMicrosoftAccount",
      web: { redirectUris: [REDIRECT] },
      requiredResourceAccess: [],
      passwordCredentials: [],
    };
    put(m);
    return JSON.stringify(m, null, 2);
  };
  return [
    { step: "register-application", mode: "fields", clientId: plant(), redirectUri: REDIRECT },
    { step: "register-application", mode: "fields", clientId: GOOD_APP, tenant: `  ${plant()}  ` },
    { step: "register-application", mode: "fields", clientId: GOOD_APP, redirectUri: plant() },
    { step: "register-application", mode: "fields", clientId: GOOD_APP, redirectUri: `https://dynamics365businesscentral.codat.io/${plant()}` },
    { step: "register-application", mode: "fields", clientId: `client id: ${plant()}` },
    { step: "register-application", mode: "fields", clientId: plantOlder(), redirectUri: REDIRECT },
    { step: "register-application", mode: "fields", clientId: GOOD_APP, tenant: plantOlder(), redirectUri: plantOlder() },
    { step: "api-permissions", mode: "fields", clientId: GOOD_APP, permissions: `${plantOlder()} (delegated)` },
    { step: "api-permissions", mode: "fields", clientId: GOOD_APP, permissions: `${plant()} (delegated)` },
    { step: "client-secret", mode: "fields", clientId: plant(), tenant: plant(), secret: plant() },
    { step: "register-application", mode: "manifest", manifest: manifest((m) => (m.displayName = plant())) },
    { step: "register-application", mode: "manifest", manifest: manifest((m) => (m.appId = plant())) },
    { step: "register-application", mode: "manifest", manifest: manifest((m) => (m.web = { redirectUris: [`${REDIRECT}?x=${plant()}`] })) },
    {
      step: "register-application",
      mode: "manifest",
      manifest: manifest((m) => (m.passwordCredentials = [{ keyId: "0f3e7c1a-1111-4222-8333-944455556666", displayName: "x", hint: "abc", secretText: plant(), endDateTime: "2099-01-01T00:00:00Z" }])),
      tenant: plant(),
    },
  ];
}

test("a secret in any field is in no page, API answer, table, CSV, CLI output or log line", async ({ page, baseURL, problems }) => {
  test.setTimeout(180_000);
  // Reports with failures are answered 200; nothing here should be an error status.
  void problems;
  const req = page.context().request;
  const shown: string[] = [];

  // 1. The customer's no-JavaScript path: each form, then the report page it leads to.
  for (const fields of forms()) {
    const res = await req.post("/verify", { form: fields, headers: { origin: baseURL! }, maxRedirects: 0 });
    expect(res.status(), JSON.stringify(fields).slice(0, 80)).toBe(303);
    const location = res.headers()["location"]!;
    expect(location).toMatch(/^\/reports\/[A-Za-z0-9_-]+(\?|#|$)/);
    const report = await page.goto(location);
    expect(report!.status()).toBe(200);
    shown.push(await page.content());
    // The check that read the field says where the secret belongs.
    if (fields.mode === "fields" && fields.step !== "client-secret") {
      await expect(page.getByText("looks like a client secret").first()).toBeVisible();
    }
  }
  await page.goto("/progress");
  shown.push(await page.content());

  // 2. The JSON API, every field at once.
  const api = await req.post("/api/v1/verify", {
    data: { clientId: plant(), tenant: plant(), redirectUris: [plant(), `${REDIRECT}/${plant()}`], permissions: [plant()], manifest: { appId: plant(), displayName: plant() } },
  });
  expect(api.status()).toBe(200);
  const apiText = await api.text();
  expect(apiText).toContain("looks like a client secret");
  shown.push(apiText);
  const older = await req.post("/api/v1/verify", { data: { clientId: plantOlder(), tenant: plantOlder(), redirectUris: [plantOlder()], permissions: [plantOlder()] } });
  expect(older.status()).toBe(200);
  const olderText = await older.text();
  expect(olderText).toContain("looks like a client secret");
  shown.push(olderText);

  // 3. The CLI.
  const dir = mkdtempSync(path.join(tmpdir(), "secret-anywhere-"));
  const file = path.join(dir, "manifest.json");
  writeFileSync(file, JSON.stringify({ appId: plant(), displayName: plant(), web: { redirectUris: [plant()] } }));
  const cli = spawnSync(process.execPath, [path.join("node_modules", "tsx", "dist", "cli.mjs"), "scripts/verify.ts", "--manifest", file, "--client-id", plant(), "--tenant", plant(), "--json"], {
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
  });
  expect(cli.status, cli.stderr).toBe(1);
  shown.push(cli.stdout, cli.stderr);

  // 4. Support staff: the list (searched by the setup), the setup page, the CSV.
  const staff = support();
  await page.goto("/support/sign-in?next=/support");
  await page.getByLabel("Email").fill(staff.email);
  await page.getByLabel("Password").fill(staff.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((u) => u.pathname === "/support");
  const setupId = (await page.context().cookies()).find((c) => c.name === "bc_setup")!.value;
  await page.goto(`/support?q=${encodeURIComponent(setupId)}`);
  shown.push(await page.content());
  await page.goto(`/support/setups/${setupId}`);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  shown.push(await page.content());
  const csv = await page.evaluate(async () => {
    const r = await fetch("/api/support/export");
    return { status: r.status, text: await r.text() };
  });
  expect(csv.status).toBe(200);
  expect(csv.text.split("\n").length).toBeGreaterThan(2);
  shown.push(csv.text);

  // 5. Every table of the database, and the server's log.
  const db = new pg.Client({ connectionString: env().databaseUrl });
  await db.connect();
  try {
    const tables = await db.query<{ table_name: string }>("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'");
    for (const { table_name } of tables.rows) {
      const rows = await db.query<{ j: string }>(`SELECT row_to_json(t)::text AS j FROM "${table_name}" t`);
      shown.push(rows.rows.map((r) => r.j).join("\n"));
    }
  } finally {
    await db.end();
  }
  shown.push(readFileSync(env().logFile, "utf8"));

  const all = shown.join("\n");
  expect(planted.length).toBeGreaterThan(25);
  for (const s of planted) expectNoSecret(all, s, "pages, API, CLI, CSV, tables or log");
});
