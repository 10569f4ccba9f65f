// What each illustration is: its size and its text alternative (title + description). The sketches
// (components/illustrations/*.tsx) draw with these; <Figure> uses them for the <img> that shows the
// static SVG file (public/illustrations/, written by `npx tsx scripts/illustrations.ts`).
export interface IllustrationMeta {
  width: number;
  height: number;
  title: string;
  desc: string;
}

export const ILLUSTRATIONS = {
  "register-application": {
    width: 720,
    height: 444,
    title: "Register an application form",
    desc: "Name: a name your customers recognise. Supported account types: the third option, Accounts in any organizational directory (Any Microsoft Entra ID tenant - Multitenant) and personal Microsoft accounts (e.g. Skype, Xbox). Redirect URI: platform Web, value https://dynamics365businesscentral.codat.io/oauth/callback. Then Register.",
  },
  "client-secret": {
    width: 720,
    height: 290,
    title: "Certificates and secrets page",
    desc: "The Client secrets tab lists each secret with Description, Expires, Value and Secret ID. Copy the Value, shown in full only right after you add the secret. The Secret ID is a GUID that only identifies the secret: do not paste it as the client secret.",
  },
  "api-permissions": {
    width: 720,
    height: 310,
    title: "API permissions page",
    desc: "Configured permissions: Dynamics 365 Business Central with two delegated permissions, Financials.ReadWrite.All and user_impersonation, both granted; Microsoft Graph User.Read, added by default. The Grant admin consent button is above the list.",
  },
} as const satisfies Record<string, IllustrationMeta>;

export type IllustrationName = keyof typeof ILLUSTRATIONS;

export function isIllustrationName(name: string): name is IllustrationName {
  return Object.hasOwn(ILLUSTRATIONS, name);
}
