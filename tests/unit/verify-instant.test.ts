import { describe, expect, it } from "vitest";
import { instantCheck } from "@/lib/verify/instant";

describe("instant feedback while typing (no server)", () => {
  it.each([
    ["clientId", "", null, null],
    ["clientId", "3f2b8c6d-1e4a-4b7c-9d2e-6a5f8b1c0d93", "pass", /client ID/],
    ["clientId", "{3f2b8c6d-1e4a-4b7c-9d2e-6a5f8b1c0d93}", "fail", /extra characters/],
    ["clientId", "3f2b8c6d-1e4a", "fail", /too short/],
    ["tenant", "contoso.onmicrosoft.com", "pass", /tenant/],
    ["tenant", "common", "fail", /group/],
    ["tenant", " contoso.onmicrosoft.com", "warn", /spaces/],
    ["redirectUri", "https://dynamics365businesscentral.codat.io/oauth/callback", "pass", /Exactly/],
    ["redirectUri", "https://dynamics365businesscentral.codat.io/oauth/callback/", "fail", /trailing slash/],
    ["redirectUri", "http://dynamics365businesscentral.codat.io/oauth/callback", "fail", /http:\/\/ instead of https/],
    ["redirectUri", "<https://dynamics365businesscentral.codat.io/oauth/callback`>", "fail", /angle brackets.*backtick/],
    ["redirectUri", "https://localhost:3000", "fail", /not Codat's redirect URI/],
    ["secret", "9c4e2a71-6b3d-4f8e-a1c5-7d2b9e0f3a64", "fail", /Secret ID/],
    ["secret", "Xy71Q~abcdefghijklmnopqrstuvwxyz0123456", "pass", /secret value/],
    ["secret", "short", "warn", /does not look like/],
  ] as const)("%s %j → %s", (field, value, status, message) => {
    const r = instantCheck(field, value);
    if (status === null) {
      expect(r).toBeNull();
      return;
    }
    expect(r?.status).toBe(status);
    expect(r?.message).toMatch(message!);
    if (field === "secret") expect(r?.message).not.toContain(value);
  });
});
