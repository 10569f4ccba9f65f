// What the vitest globalSetup (db-global-setup.ts) hands to the test files (tests/helpers/db.ts).
export interface TestDbContext {
  /** URL of a database on the server from which we may create and drop databases. */
  serverUrl: string;
  /** Migrated template each test database is cloned from. */
  template: string;
  /** Prefix of every database this run creates (dropped at the end). */
  prefix: string;
  embedded: boolean;
}

declare module "vitest" {
  export interface ProvidedContext {
    testDb: TestDbContext | null;
  }
}

export function withDatabaseName(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(name)}`;
  return u.toString();
}
