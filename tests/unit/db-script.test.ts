// lib/db/script.ts: db:seed writes demo data (and with --reset deletes every setup first) only into a
// database on this machine unless --remote says otherwise.
import { describe, expect, it } from "vitest";
import { demoDataTargetProblem } from "@/lib/db/script";

describe("demoDataTargetProblem", () => {
  it("local databases are demo databases: loopback, a Unix socket by ?host=, the embedded one", () => {
    for (const url of [
      undefined,
      "postgresql://postgres@127.0.0.1:5432/bcbench",
      "postgresql://u:p@localhost/db",
      "postgres://u@[::1]:5433/db",
      "postgresql://u@127.0.0.2/db",
      "postgresql://u@localhost/db?host=/var/run/postgresql",
      "postgresql:///db?host=/var/run/postgresql",
    ]) {
      expect(demoDataTargetProblem(url, false), String(url)).toBeNull();
    }
  });

  it("another host is refused in one line naming it, unless --remote", () => {
    const line = demoDataTargetProblem("postgresql://app:pw@db.internal.example.com:5432/prod", false);
    expect(line).toContain("DATABASE_URL points at db.internal.example.com, not this machine");
    expect(line).toContain("add --remote");
    expect(line).not.toContain("pw");
    expect(demoDataTargetProblem("postgresql://app@10.0.0.5/prod", false)).toContain("10.0.0.5");
    expect(demoDataTargetProblem("postgresql://app@127.example.com/prod", false)).toContain("127.example.com");
    expect(demoDataTargetProblem("postgresql://app@db.internal.example.com/prod", true)).toBeNull();
    // node-postgres takes ?host= over the URL's host: a local-looking URL that connects elsewhere.
    expect(demoDataTargetProblem("postgresql://app@localhost/prod?host=prod.example.com", false)).toContain("points at prod.example.com");
  });
});
