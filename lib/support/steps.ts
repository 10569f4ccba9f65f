// The guide and its steps as the support console shows them (order matters: the grid and the
// funnel). Ids and order come from lib/verify/constants (what lib/progress and the guide use too;
// imported directly so this stays free of the database for the browser tests); the console adds
// short titles.
import { GUIDE, STEPS, type StepId } from "../verify/constants";

export const SUPPORT_GUIDE: string = GUIDE;

export interface StepInfo {
  id: string;
  title: string;
}

const TITLES: Record<StepId, string> = {
  prerequisites: "Prerequisites",
  "register-application": "Register the application",
  "client-secret": "Client secret",
  "api-permissions": "API permissions",
  "add-keys-to-portal": "Keys in the Codat Portal",
  "enable-integration": "Enable the integration",
  "extension-installation": "Extension installation",
};

export const SUPPORT_STEPS: readonly StepInfo[] = STEPS.map((id) => ({ id, title: TITLES[id] }));

export function stepTitle(id: string | null | undefined): string {
  if (!id) return "—";
  return SUPPORT_STEPS.find((s) => s.id === id)?.title ?? id;
}
