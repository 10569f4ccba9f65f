// Runs `prisma generate` (postinstall). Filled in by the data layer; a no-op until prisma/schema.prisma exists.
import { existsSync } from "node:fs";
if (!existsSync(new URL("../prisma/schema.prisma", import.meta.url))) process.exit(0);
