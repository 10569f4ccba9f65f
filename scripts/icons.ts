// `npx tsx scripts/icons.ts`: writes the sprite of the prose's icons (components/icon-sprite.tsx says
// why a sprite) as public/icons-<hash>.svg, named by its content so it can be cached for good
// (next.config.js), and components/icon-sprite-file.ts, which names that file for the pages. Run it
// after changing one of those icons; tests/unit/static-html.test.ts fails while the files differ.
import { readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { iconSpriteFileName, iconSpriteSvg } from "../components/icon-sprite";

const publicDir = path.join(process.cwd(), "public");
const svg = iconSpriteSvg();
const name = iconSpriteFileName(svg);
for (const old of readdirSync(publicDir)) if (/^icons-[0-9a-f]+\.svg$/.test(old) && old !== name) rmSync(path.join(publicDir, old));
writeFileSync(path.join(publicDir, name), svg);
writeFileSync(
  path.join(process.cwd(), "components", "icon-sprite-file.ts"),
  `// Written by scripts/icons.ts: the sprite of the prose's icons, named by its content (public/${name}).\nexport const ICON_SPRITE = "/${name}";\n`,
);
console.log(`icons: public/${name} (${svg.length} B), components/icon-sprite-file.ts`);
