// Creating staff users: the only way in (sign-up is closed over HTTP). Used by `npm run staff:create`
// and by the end-to-end test server; never creates a default account on its own.
import "server-only";
import type { PrismaClient } from "../db";
import { createStaffAuth, MIN_PASSWORD_LENGTH } from "./auth";
import { z } from "zod";

export const staffInput = z.object({
  email: z.string().trim().toLowerCase().email("--email must be an email address").max(320),
  name: z.string().trim().min(1).max(200).optional(),
  password: z
    .string()
    .min(MIN_PASSWORD_LENGTH, `the password must be at least ${MIN_PASSWORD_LENGTH} characters`)
    .max(256, "the password must be at most 256 characters"),
});
export type StaffInput = z.infer<typeof staffInput>;

export class StaffExistsError extends Error {}

export async function createStaffUser(
  prisma: PrismaClient,
  input: StaffInput,
  options: { secret: string; baseURL: string },
): Promise<{ id: string; email: string }> {
  const parsed = staffInput.parse(input);
  const existing = await prisma.staffUser.findUnique({ where: { email: parsed.email } });
  if (existing) throw new StaffExistsError(`a staff user with the email ${parsed.email} already exists`);
  const auth = createStaffAuth({ prisma, secret: options.secret, baseURL: options.baseURL, allowSignUp: true });
  const result = await auth.api.signUpEmail({
    body: { email: parsed.email, password: parsed.password, name: parsed.name ?? parsed.email.split("@")[0]! },
  });
  return { id: result.user.id, email: result.user.email };
}
