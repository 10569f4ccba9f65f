// The Business Central guide itself: every step, every value exactly, and none of the source's mistakes.
import { readFileSync } from "node:fs";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, test } from "vitest";
import { mdxComponents, withComponents } from "@/components/mdx";
import { serverPartsLoaded } from "@/components/verify/lazy";
import { findPage, listGuides, loadPage } from "@/lib/content/guides";
import type { CompiledPage } from "@/lib/content/compile";

const REDIRECT_URI = "https://dynamics365businesscentral.codat.io/oauth/callback";
const ACCOUNT_TYPE = "Accounts in any organizational directory (Any Microsoft Entra ID tenant - Multitenant) and personal Microsoft accounts (e.g. Skype, Xbox)";
const STEP_IDS = ["prerequisites", "register-application", "client-secret", "api-permissions", "add-keys-to-portal", "enable-integration", "extension-installation"];

let setup: CompiledPage;
let html: string;
let source: string;
beforeAll(async () => {
  const ref = (await findPage("dynamics365-business-central", "setup"))!;
  setup = await loadPage(ref);
  // The lazily hydrated panels (rendered in place on the server) are imported, not required, here.
  await serverPartsLoaded;
  html = renderToStaticMarkup(withComponents(setup.content, mdxComponents));
  source = readFileSync(ref.file, "utf8");
});
const sectionText = (id: string) => setup.sections.find((s) => s.anchor === id)!.text;

describe("the Business Central setup guide", () => {
  test("is listed with its test page", async () => {
    const guides = await listGuides();
    const bc = guides.find((g) => g.slug === "dynamics365-business-central")!;
    expect(bc.pages.map((p) => p.url)).toEqual(["/guides/dynamics365-business-central/setup", "/guides/dynamics365-business-central/test-your-integration"]);
  });

  test("has the seven steps, in order, as sections with those ids", () => {
    expect(setup.frontmatter.steps.map((s) => s.id)).toEqual(STEP_IDS);
    expect(setup.stepIds).toEqual(STEP_IDS);
    for (const id of STEP_IDS) expect(html).toContain(`<h2 id="${id}"`);
  });

  test("carries every value exactly", () => {
    expect(sectionText("register-application")).toContain(REDIRECT_URI);
    expect(sectionText("register-application")).toContain(ACCOUNT_TYPE);
    expect(sectionText("register-application")).toContain("AzureADandPersonalMicrosoftAccount");
    expect(sectionText("register-application")).toMatch(/\bWeb\b/);
    expect(sectionText("api-permissions")).toContain("Financials.ReadWrite.All");
    expect(sectionText("api-permissions")).toContain("user_impersonation");
    expect(sectionText("api-permissions")).toContain("Delegated permissions");
    expect(sectionText("api-permissions")).toContain("996def3d-b36c-4153-8607-a6fd3c01b89f");
    expect(sectionText("api-permissions")).toMatch(/Grant admin consent/);
    expect(sectionText("add-keys-to-portal")).toContain("https://app.codat.io/settings/integrations/accounting");
    expect(sectionText("extension-installation")).toMatch(/App Link/);
    expect(sectionText("extension-installation")).toMatch(/Codat/);
    expect(sectionText("extension-installation")).toContain("10–20 minutes");
    expect(sectionText("extension-installation")).toMatch(/fetch errors/i);
    expect(sectionText("extension-installation")).toMatch(/uninstalled or unpublished/);
  });

  test("says the portal renamed Azure Active Directory to Microsoft Entra ID", () => {
    expect(setup.sections[0]!.text).toMatch(/Entra ID was called Azure Active Directory until 2023; older guides use that name/);
  });

  test("fixes the source's mistakes", () => {
    // The redirect URI is never wrapped in <…> or backticks the way the source printed it.
    expect(source).not.toContain(`<${REDIRECT_URI}`);
    expect(source).not.toContain(`${REDIRECT_URI}\`>`);
    expect(source).not.toContain(`${REDIRECT_URI}>`);
    // It is the secret's Value that is shown once; the client ID stays visible.
    expect(sectionText("client-secret")).toMatch(/Value — the secret itself\. This is what Codat needs\. The portal shows it in full only until you leave the page/);
    expect(sectionText("register-application")).toMatch(/client\) ID is not secret and stays on the Overview page/);
    expect(sectionText("client-secret")).toMatch(/Secret ID — a GUID that identifies the secret\. It is always visible and it is not the secret/);
    // Every admonition is closed: the rendered callouts hold only their own text.
    expect(html.match(/data-callout=/g)!.length).toBeGreaterThanOrEqual(6);
  });

  test("the redirect URI is one click to copy; Business Central's own ID is shown, not offered to copy", () => {
    expect(html).toContain('aria-label="Copy redirect URI"');
    expect(html).toContain('aria-label="Copy redirect URI (Web)"');
    // Nobody types Business Central's application ID anywhere; a copy button invited pasting it as the client ID.
    expect(html).not.toContain('aria-label="Copy Business Central application ID"');
    expect(sectionText("api-permissions")).toMatch(/is the application ID of Dynamics 365 Business Central itself \(not your client ID\)/);
    expect(html).toContain(`>${REDIRECT_URI}</code>`);
  });

  test("shows our own illustrations as static SVG files (one per theme), each with alt text", () => {
    expect(html).not.toMatch(/<svg[^>]*role="img"/);
    const images = [...html.matchAll(/<img src="\/illustrations\/([a-z-]+)\.svg"[^>]*alt="([^"]+)"/g)].map((m) => m[1]);
    expect(images).toEqual(["register-application", "register-application-dark", "client-secret", "client-secret-dark", "api-permissions", "api-permissions-dark"]);
  });

  test("the test page covers trials, sandboxes, admin approval and the sandbox/production choice", async () => {
    const ref = (await findPage("dynamics365-business-central", "test-your-integration"))!;
    const page = await loadPage(ref);
    expect(page.toc.map((t) => t.id)).toEqual(
      expect.arrayContaining(["get-a-test-environment", "admin-approval", "sandbox-or-production"]),
    );
    const all = page.sections.map((s) => s.text).join(" ");
    expect(all).toMatch(/trial/);
    expect(all).toMatch(/sandbox/);
    expect(all).toContain("adminconsent?client_id=");
  });
});
