// A sketch of "Certificates & secrets": the Value column is what Codat needs; the Secret ID is not.
import { MONO, Sketch, T } from "./parts";
import { ILLUSTRATIONS } from "./meta";

export function ClientSecretSketch() {
  const cols = [
    { x: 24, label: "Description" },
    { x: 150, label: "Expires" },
    { x: 258, label: "Value" },
    { x: 482, label: "Secret ID" },
  ];
  return (
    <Sketch {...ILLUSTRATIONS["client-secret"]}>
      <text x="24" y="38" fontSize="19" fontWeight="600" className={T.text}>
        Certificates &amp; secrets
      </text>
      <text x="24" y="76" fontSize="13" className={T.muted}>
        Certificates (0)
      </text>
      <text x="140" y="76" fontSize="13" fontWeight="600" className={T.accent}>
        Client secrets (1)
      </text>
      <rect x="140" y="84" width="118" height="3" className="fill-violet-700 dark:fill-violet-300" />
      <text x="286" y="76" fontSize="13" className={T.muted}>
        Federated credentials (0)
      </text>
      <line x1="24" y1="88" x2="696" y2="88" className="stroke-zinc-300 dark:stroke-zinc-700" />
      <text x="24" y="116" fontSize="13" className={T.accent}>
        + New client secret
      </text>

      <rect x="250" y="130" width="222" height="86" rx="6" className={`${T.goodFill} ${T.goodStroke}`} strokeWidth="2" />
      <rect x="476" y="130" width="220" height="86" rx="6" className={`${T.badFill} ${T.badStroke}`} strokeWidth="2" strokeDasharray="6 4" />
      {cols.map((c) => (
        <text key={c.label} x={c.x + 8} y="154" fontSize="12.5" fontWeight="600" className={T.text}>
          {c.label}
        </text>
      ))}
      <line x1="24" y1="166" x2="696" y2="166" className="stroke-zinc-300 dark:stroke-zinc-700" />
      <text x="32" y="194" fontSize="13" className={T.text}>
        Codat
      </text>
      <text x="158" y="194" fontSize="13" className={T.text}>
        28/05/2027
      </text>
      <text x="266" y="194" fontSize="12.5" fontFamily={MONO} className={T.text}>
        Abc•••••••••••••••••••
      </text>
      <text x="490" y="194" fontSize="12.5" fontFamily={MONO} className={T.text}>
        1f6e…-…-…-…c0de
      </text>

      <text x="258" y="244" fontSize="13" fontWeight="700" className={T.good}>
        ✓ Copy the Value
      </text>
      <text x="258" y="264" fontSize="12" className={T.muted}>
        Shown in full only once
      </text>
      <text x="484" y="244" fontSize="13" fontWeight="700" className={T.bad}>
        ✗ Not the Secret ID
      </text>
      <text x="484" y="264" fontSize="12" className={T.muted}>
        Always visible; it only names it
      </text>
    </Sketch>
  );
}
