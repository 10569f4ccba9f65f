// The "Paste the app manifest" form of a panel: the manifest checks every step at once; the tenant
// and the secret are only for the live check.
import { FIELD } from "@/lib/customer/fields";
import { manifestHint, secretHint, tenantHint } from "@/lib/customer/instant";
import { Choice, TextArea, TextField } from "./fields";
import { useFormFields, type FormFieldsSpec } from "./use-form-fields";
import { VerifyForm, type PanelProps } from "./verify-form";

const FIELDS: FormFieldsSpec<"manifest" | "tenant" | "secret"> = {
  mode: "manifest",
  empty: { manifest: "", tenant: "", secret: "" },
  remembered: (p) => ({ tenant: p.tenant }),
  hints: (v) => ({ manifest: manifestHint(v.manifest), tenant: tenantHint(v.tenant), secret: secretHint(v.secret) }),
};

export function ManifestForm(props: PanelProps) {
  const { id } = props;
  const { field } = useFormFields(FIELDS, props);
  return (
    <VerifyForm
      {...props}
      mode="manifest"
      label="Verify the whole app manifest"
      submitLabel="Verify the manifest"
      intro={
        <>
          In the Azure portal, open your app → <strong>Manifest</strong>, select everything and copy it. This checks every step at once (either manifest format works).
        </>
      }
    >
      <TextArea {...field("manifest")} label="App manifest (JSON)" placeholder='{ "appId": "…", "signInAudience": "…", … }' />
      <TextField
        {...field("tenant", "mtenant")}
        label="Directory (tenant) ID"
        help="For the live check and the admin-consent link. Without it we try the manifest's publisher domain."
        optional
      />
      <TextField {...field("secret", "msecret")} type="password" label="Client secret Value" help="For the live check. Never stored." optional />
      <div className="mt-3">
        <Choice id={id("mlive")} type="checkbox" name={FIELD.live} value="on" defaultChecked label="Also check with Microsoft (live, needs the secret)" />
      </div>
    </VerifyForm>
  );
}
