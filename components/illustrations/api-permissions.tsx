// A sketch of "API permissions" after the two delegated Business Central permissions are added and
// admin consent is granted.
import { MONO, Sketch, T } from "./parts";
import { ILLUSTRATIONS } from "./meta";

export function ApiPermissionsSketch() {
  const rows = [
    { y: 190, name: "Financials.ReadWrite.All", type: "Delegated", ours: true },
    { y: 218, name: "user_impersonation", type: "Delegated", ours: true },
    { y: 272, name: "User.Read", type: "Delegated", ours: false },
  ];
  return (
    <Sketch {...ILLUSTRATIONS["api-permissions"]}>
      <text x="24" y="38" fontSize="19" fontWeight="600" className={T.text}>
        API permissions
      </text>
      <text x="24" y="74" fontSize="13" fontWeight="600" className={T.text}>
        Configured permissions
      </text>
      <text x="24" y="108" fontSize="13" className={T.accent}>
        + Add a permission
      </text>
      <rect x="160" y="90" width="272" height="28" rx="4" className={`${T.goodFill} ${T.goodStroke}`} strokeWidth="2" />
      <text x="174" y="108" fontSize="13" fontWeight="600" className={T.good}>
        ✓ Grant admin consent for Contoso
      </text>

      <text x="32" y="146" fontSize="12.5" fontWeight="600" className={T.text}>
        API / Permissions name
      </text>
      <text x="330" y="146" fontSize="12.5" fontWeight="600" className={T.text}>
        Type
      </text>
      <text x="450" y="146" fontSize="12.5" fontWeight="600" className={T.text}>
        Status
      </text>
      <line x1="24" y1="156" x2="696" y2="156" className="stroke-zinc-300 dark:stroke-zinc-700" />
      <text x="32" y="176" fontSize="13" fontWeight="600" className={T.text}>
        ▾ Dynamics 365 Business Central (2)
      </text>
      <text x="32" y="258" fontSize="13" fontWeight="600" className={T.text}>
        ▾ Microsoft Graph (1)
      </text>
      {rows.map((r) => (
        <g key={r.name}>
          <text x="52" y={r.y + 4} fontSize="13" fontFamily={MONO} className={r.ours ? T.accent : T.text}>
            {r.name}
          </text>
          <text x="330" y={r.y + 4} fontSize="13" className={T.text}>
            {r.type}
          </text>
          <text x="450" y={r.y + 4} fontSize="13" className={T.good}>
            ✓ Granted for Contoso
          </text>
        </g>
      ))}
    </Sketch>
  );
}
