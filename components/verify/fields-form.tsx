// The "Enter the values" form of a panel: what the step's pages in the Azure portal show. Every step
// asks for the client ID and tenant; then the redirect URI and account type (register), the secret
// (client secret) or the permissions (API permissions).
import { useLive } from "./use-live";
import { AUDIENCE_OPTIONS, FIELD, PERMISSION_OPTIONS } from "@/lib/customer/fields";
import { clientIdHint, redirectUriHint, secretHint, tenantHint } from "@/lib/customer/instant";
import { STEP_INFO, type VerifiableStep } from "@/lib/steps";
import { Choice, TextField } from "./fields";
import { useFormFields, type FormFieldsSpec } from "./use-form-fields";
import { VerifyForm, type PanelProps } from "./verify-form";

const INTRO: Record<VerifiableStep, string> = {
  "register-application": "Enter what the app's Overview and Authentication pages show. Obvious slips show up while you type; Verify checks everything.",
  "client-secret": "Paste the secret's Value. With the live check we ask Microsoft for a token with your tenant, client ID and secret. The secret is never stored or shown again.",
  "api-permissions": "Tick what the app's API permissions page lists under Dynamics 365 Business Central.",
};

const FIELDS: FormFieldsSpec<"clientId" | "tenant" | "redirectUri" | "signInAudience" | "secret"> = {
  mode: "fields",
  empty: { clientId: "", tenant: "", redirectUri: "", signInAudience: "", secret: "" },
  remembered: (p) => ({ clientId: p.clientId, tenant: p.tenant }),
  hints: (v) => ({
    clientId: clientIdHint(v.clientId),
    tenant: tenantHint(v.tenant),
    redirectUri: redirectUriHint(v.redirectUri),
    secret: secretHint(v.secret, v.clientId),
  }),
};

type Fields = ReturnType<typeof useFormFields<keyof typeof FIELDS.empty>>;

export function FieldsForm(props: PanelProps) {
  const { step, id } = props;
  const fields = useFormFields(FIELDS, props);
  const { field } = fields;
  const [live, setLive] = useLive(props.verify.forms.fields);
  return (
    <VerifyForm
      {...props}
      mode="fields"
      label={`Verify: ${STEP_INFO[step].title}`}
      intro={INTRO[step]}
      submitLabel={step === "client-secret" && live ? "Verify with Microsoft" : "Verify"}
    >
      <TextField
        {...field("clientId")}
        label="Application (client) ID"
        placeholder="00000000-0000-0000-0000-000000000000"
        help="On the app's Overview page."
        optional={step !== "client-secret"}
      />
      <TextField
        {...field("tenant")}
        label="Directory (tenant) ID"
        placeholder="00000000-0000-0000-0000-000000000000 or contoso.onmicrosoft.com"
        help={step === "api-permissions" ? "With the client ID, gives you the admin-consent link for your tenant." : "On the app's Overview page (or your tenant's domain)."}
        optional={step !== "client-secret"}
      />
      {step === "register-application" && <Registration {...props} fields={fields} />}
      {step === "client-secret" && (
        <>
          <TextField
            {...field("secret")}
            type="password"
            label="Client secret Value"
            help="Certificates & secrets → Client secrets → the Value column (not the Secret ID). Never stored; only its first 3 characters are kept, as the portal shows them."
          />
          <div className="mt-3">
            <Choice
              id={id("live")}
              type="checkbox"
              name={FIELD.live}
              value="on"
              defaultChecked
              onChange={setLive}
              label="Also check with Microsoft (live)"
              detail="Signs in as your app once, which proves the tenant, client ID and secret. Nothing is changed in your tenant."
            />
          </div>
        </>
      )}
      {step === "api-permissions" && <Permissions {...props} />}
    </VerifyForm>
  );
}

/** The redirect URI and the supported account types. */
function Registration({ id, verify, fields: { field, set } }: PanelProps & { fields: Fields }) {
  const error = verify.errorFor("fields", FIELD.signInAudience);
  const errorId = error ? id("aud-error") : undefined;
  return (
    <>
      <TextField
        {...field("redirectUri")}
        label="Redirect URI (Web)"
        inputMode="url"
        placeholder="https://dynamics365businesscentral.codat.io/oauth/callback"
        help="Authentication page → Web → Redirect URIs. Paste it as the portal shows it."
      />
      <fieldset className="mt-4" aria-describedby={errorId}>
        <legend className="vf-label">Supported account types</legend>
        <p className="vf-help">As the app's Authentication page shows it under Supported account types.</p>
        {AUDIENCE_OPTIONS.map((o) => (
          <Choice
            key={o.value}
            id={id(`aud-${o.value}`)}
            type="radio"
            name={FIELD.signInAudience}
            value={o.value}
            onChange={() => set("signInAudience")(o.value)}
            label={o.label}
            detail={<span className="font-mono">{`signInAudience: ${o.value}`}</span>}
            describedBy={errorId}
          />
        ))}
        {error && (
          <p id={errorId} className="mt-1 text-sm font-medium text-red-800 dark:text-red-300">
            Error: {error}
          </p>
        )}
      </fieldset>
    </>
  );
}

/** The Business Central permissions, delegated and application, as the portal lists them. */
function Permissions({ id, verify }: PanelProps) {
  const error = verify.errorFor("fields", FIELD.permissions);
  const errorId = error ? id("perm-error") : undefined;
  return (
    <div className="mt-4 grid gap-4 sm:grid-cols-2" aria-describedby={errorId}>
      {(["delegated", "application"] as const).map((t) => (
        <fieldset key={t} className="vf-group">
          <legend>{t === "delegated" ? "Delegated permissions" : "Application permissions"}</legend>
          <p className="vf-help">{t === "delegated" ? 'Type "Delegated" in the portal ("Scope" in the manifest).' : 'Type "Application" in the portal ("Role" in the manifest).'}</p>
          {PERMISSION_OPTIONS.filter((p) => p.type === t).map((p) => (
            <Choice
              key={p.value}
              id={id(`perm-${p.name}-${t}`)}
              type="checkbox"
              name={FIELD.permissions}
              value={p.value}
              onChange={() => verify.clearError("fields", FIELD.permissions)}
              label={<span className="font-mono">{p.name}</span>}
              detail={p.description}
              describedBy={errorId}
              invalid={!!error}
            />
          ))}
        </fieldset>
      ))}
      {error && (
        <p id={errorId} data-field-error tabIndex={-1} className="text-sm font-medium text-red-800 sm:col-span-2 dark:text-red-300">
          Error: {error}
        </p>
      )}
    </div>
  );
}
