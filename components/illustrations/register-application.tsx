// A sketch of the Azure portal's "Register an application" form with the three fields filled in.
import { Badge, Field, MONO, Radio, Sketch, T } from "./parts";
import { ILLUSTRATIONS } from "./meta";

const X = 50; // left edge of the form; the numbered badges sit in the margin before it

export function RegisterApplicationSketch() {
  const options = [
    { y: 190, lines: ["Accounts in this organizational directory only (Contoso only - Single tenant)"] },
    { y: 216, lines: ["Accounts in any organizational directory (Any Microsoft Entra ID tenant - Multitenant)"] },
    {
      y: 242,
      lines: ["Accounts in any organizational directory (Any Microsoft Entra ID tenant - Multitenant)", "and personal Microsoft accounts (e.g. Skype, Xbox)"],
      checked: true,
    },
    { y: 294, lines: ["Personal Microsoft accounts only"] },
  ];
  return (
    <Sketch {...ILLUSTRATIONS["register-application"]}>
      <text x={X} y="38" fontSize="19" fontWeight="600" className={T.text}>
        Register an application
      </text>

      <Badge x={26} y={70} n={1} />
      <text x={X} y="75" fontSize="13" fontWeight="600" className={T.text}>
        * Name
      </text>
      <Field x={X} y={86} w={400}>
        <text x={X + 10} y="106" fontSize="13" className={T.text}>
          Contoso accounting link
        </text>
      </Field>
      <text x={X + 412} y="106" fontSize="12" className={T.muted}>
        Your customers see this name
      </text>

      <Badge x={26} y={148} n={2} />
      <text x={X} y="153" fontSize="13" fontWeight="600" className={T.text}>
        Supported account types
      </text>
      <text x={X} y="171" fontSize="12" className={T.muted}>
        Who can use this application or access this API?
      </text>
      <rect x={X + 2} y="228" width="640" height="48" rx="5" className="fill-violet-50 stroke-violet-500 dark:fill-violet-950/50 dark:stroke-violet-400" strokeWidth="1.5" />
      {options.map((o) => (
        <g key={o.y}>
          <Radio x={X + 16} y={o.y - 4} checked={o.checked} />
          {o.lines.map((line, i) => (
            <text key={line} x={X + 32} y={o.y + i * 18} fontSize="12.5" fontWeight={o.checked ? 600 : 400} className={T.text}>
              {line}
            </text>
          ))}
        </g>
      ))}

      <Badge x={26} y={330} n={3} />
      <text x={X} y="335" fontSize="13" fontWeight="600" className={T.text}>
        Redirect URI (optional)
      </text>
      <Field x={X} y={346} w={112} highlight>
        <text x={X + 10} y="366" fontSize="13" className={T.text}>
          Web
        </text>
        <path d={`M${X + 92} 358 l5 5 l5 -5`} className="stroke-zinc-600 dark:stroke-zinc-300" fill="none" strokeWidth="1.5" />
      </Field>
      <Field x={X + 122} y={346} w={522} highlight>
        <text x={X + 132} y="366" fontSize="13" fontFamily={MONO} className={T.text}>
          https://dynamics365businesscentral.codat.io/oauth/callback
        </text>
      </Field>

      <rect x={X} y="396" width="92" height="30" rx="3" className={T.button} />
      <text x={X + 46} y="416" fontSize="13" fontWeight="600" textAnchor="middle" className="fill-white">
        Register
      </text>
      <text x={X + 106} y="416" fontSize="12" className={T.muted}>
        Platform: Web — not Single-page application, not Public client/native
      </text>
    </Sketch>
  );
}
