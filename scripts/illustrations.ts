// `npx tsx scripts/illustrations.ts`: writes every sketch of components/illustrations/ as two static
// SVG files under public/illustrations/ (<name>.svg for the light theme, <name>-dark.svg for the dark
// one), which <Figure> shows with <img>. Run it after changing a sketch; tests/unit/illustrations.test.ts
// fails while the files differ from the sketches.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ILLUSTRATIONS, type IllustrationName } from "../components/illustrations/meta";
import { illustrationFile, illustrationSvg } from "../components/illustrations/svg-file";

const dir = path.join(process.cwd(), "public", "illustrations");
mkdirSync(dir, { recursive: true });
for (const name of Object.keys(ILLUSTRATIONS) as IllustrationName[]) {
  for (const theme of ["light", "dark"] as const) {
    const file = path.join(dir, illustrationFile(name, theme));
    const svg = illustrationSvg(name, theme);
    writeFileSync(file, svg);
    console.log(`illustrations: ${path.relative(process.cwd(), file)} (${svg.length} B)`);
  }
}
