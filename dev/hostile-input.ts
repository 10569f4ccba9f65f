// Hostile input for the checker, shared by the linear-time test (tests/unit/verify-linear.test.ts)
// and the benchmark (`npm run bench -- hostile`): every text field of the verify input and every
// string a manifest carries, each filled with a given text. Development tooling: never imported by lib/.

/** The characters that made end-anchored or adjacent quantifiers backtrack (and a few neighbours). */
export const HOSTILE_CHARS: Record<string, string> = {
  space: " ",
  tab: "\t",
  newline: "\n",
  "carriage return": "\r",
  "no-break space": "\u00a0",
  "zero-width space": "\u200b",
  BOM: "\ufeff",
  "line separator": "\u2028",
  "ideographic space": "\u3000",
  slash: "/",
  "closing parenthesis": ")",
  "less-than": "<",
  backtick: "`",
};

export interface HostileCase {
  name: string;
  /** The verify input (as the API takes it) with `text` in this case's place. */
  make(text: string): unknown;
}

type Manifest = Record<string, unknown>;
const copy = (m: Manifest): Manifest => structuredClone(m);

/** Cases over the verify input's fields and a Graph-format manifest's strings (`base`: a correct manifest). */
export function hostileCases(base: Manifest): HostileCase[] {
  const inManifest = (name: string, put: (m: Manifest, text: string) => void): HostileCase => ({
    name: `manifest.${name}`,
    make: (text) => {
      const m = copy(base);
      put(m, text);
      return { manifest: JSON.stringify(m) };
    },
  });
  return [
    { name: "clientId", make: (t) => ({ clientId: t }) },
    { name: "tenant", make: (t) => ({ tenant: t }) },
    { name: "secret", make: (t) => ({ secret: t }) },
    { name: "redirectUris (text)", make: (t) => ({ redirectUris: t }) },
    { name: "redirectUris (list)", make: (t) => ({ redirectUris: [t] }) },
    { name: "signInAudience", make: (t) => ({ signInAudience: t }) },
    { name: "permissions", make: (t) => ({ permissions: [t] }) },
    { name: "permissions (object)", make: (t) => ({ permissions: [{ name: t, type: t }] }) },
    { name: "manifest text", make: (t) => ({ manifest: `${t}${JSON.stringify(base)}${t}` }) },
    inManifest("appId", (m, t) => (m.appId = t)),
    inManifest("signInAudience", (m, t) => (m.signInAudience = t)),
    inManifest("displayName", (m, t) => (m.displayName = t)),
    inManifest("web.redirectUris", (m, t) => (m.web = { redirectUris: [t] })),
    inManifest("spa.redirectUris", (m, t) => (m.spa = { redirectUris: [t] })),
    inManifest("publicClient.redirectUris", (m, t) => (m.publicClient = { redirectUris: [t] })),
    inManifest("replyUrlsWithType (legacy)", (m, t) => {
      delete m.web;
      m.replyUrlsWithType = [{ url: t, type: t }];
    }),
    inManifest("requiredResourceAccess", (m, t) => (m.requiredResourceAccess = [{ resourceAppId: t, resourceAccess: [{ id: t, type: t }] }])),
    inManifest("passwordCredentials", (m, t) => (m.passwordCredentials = [{ keyId: t, displayName: t, hint: t, startDateTime: t, endDateTime: t }])),
    inManifest("publisherDomain", (m, t) => (m.publisherDomain = t)),
  ];
}
