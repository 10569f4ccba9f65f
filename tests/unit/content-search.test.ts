// The offline search index built from the guides.
import MiniSearch from "minisearch";
import { describe, expect, test } from "vitest";
import { buildSearchDocuments, buildSearchIndex } from "@/lib/content/search";
import { excerpt, searchOptions, type SearchDocument } from "@/lib/content/search-options";

const SETUP = "/guides/dynamics365-business-central/setup";

describe("search index", () => {
  test("one document per section, with url#anchor ids", async () => {
    const docs = await buildSearchDocuments();
    const ids = docs.map((d) => d.id);
    for (const step of ["prerequisites", "register-application", "client-secret", "api-permissions", "add-keys-to-portal", "enable-integration", "extension-installation"]) {
      expect(ids).toContain(`${SETUP}#${step}`);
    }
    expect(new Set(ids).size).toBe(ids.length);
    const register = docs.find((d) => d.id === `${SETUP}#register-application`)!;
    expect(register.title).toBe("Register an application in Microsoft Entra ID");
    expect(register.text).toContain("https://dynamics365businesscentral.codat.io/oauth/callback");
    expect(register.headings).toContain("Redirect URI (Web)");
  });

  test.each([
    ["redirect URI", `${SETUP}#register-application`],
    ["secret ID", `${SETUP}#client-secret`],
    ["App Link", `${SETUP}#extension-installation`],
    ["Financials.ReadWrite.All", `${SETUP}#api-permissions`],
    ["sandbox production", "/guides/dynamics365-business-central/test-your-integration#sandbox-or-production"],
    ["AADSTS7000215", `${SETUP}#troubleshooting`],
  ])("%s → %s first", async (query, url) => {
    const index = await buildSearchIndex();
    expect(index.search(query)[0]?.id).toBe(url);
  });

  test("the serialised index loads in the browser with the shared options", async () => {
    const index = await buildSearchIndex();
    const loaded = MiniSearch.loadJS<SearchDocument>(JSON.parse(JSON.stringify(index.toJSON())), searchOptions);
    const hit = loaded.search("redirect")[0]!;
    expect(hit.url).toBe(`${SETUP}#register-application`);
    expect(hit.title).toBe("Register an application in Microsoft Entra ID");
  });

  test("excerpts start near the first whole-word match", () => {
    const text = "During setup you paste the redirect URI exactly as shown, with no trailing slash.";
    const short = excerpt(text, ["uri"], 30);
    expect(short).toMatch(/^….*redirect URI.*…$/);
    expect(short.length).toBeLessThanOrEqual(32);
    expect(excerpt(text, ["during"], 30)).toMatch(/^During setup/);
    expect(excerpt("short", ["missing"])).toBe("short");
  });
});

test("words are letters and digits only, so query and index split text the same way", async () => {
  const { tokenize } = await import("@/lib/content/search-options");
  expect(tokenize("redirect_uri=https://x.io/cb")).toEqual(["redirect", "uri", "https", "x", "io", "cb"]);
  expect(tokenize("Financials.ReadWrite.All")).toEqual(["Financials", "ReadWrite", "All"]);
});
