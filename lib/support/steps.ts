// The guide and its steps as the support console shows them (order matters: the grid and the funnel).
// Step ids are the stable ids of the guide (content/guides/…/setup.mdx frontmatter).
export const SUPPORT_GUIDE = "dynamics365-business-central";

export interface StepInfo {
  id: string;
  title: string;
}

export const SUPPORT_STEPS: readonly StepInfo[] = [
  { id: "prerequisites", title: "Prerequisites" },
  { id: "register-application", title: "Register the application" },
  { id: "client-secret", title: "Client secret" },
  { id: "api-permissions", title: "API permissions" },
  { id: "add-keys-to-portal", title: "Keys in the Codat Portal" },
  { id: "enable-integration", title: "Enable the integration" },
  { id: "extension-installation", title: "Extension installation" },
];

export function stepTitle(id: string | null | undefined): string {
  if (!id) return "—";
  return SUPPORT_STEPS.find((s) => s.id === id)?.title ?? id;
}
