// The shape of a guide folder's guide.json and of each page's frontmatter, validated with zod.
import { z } from "zod";
import { GUIDE, GUIDE_PATH, GUIDE_TITLE, STEP_INFO, STEPS } from "../steps";
import { ContentError } from "./errors";

const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const slug = z.string().regex(slugPattern, "use lowercase letters, digits and single hyphens (e.g. register-application)");

export const stepSchema = z.object({
  id: slug,
  title: z.string().trim().min(1, "a step needs a title"),
});

const isoDate = z
  .string()
  .refine((s) => /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2}))?$/.test(s) && !Number.isNaN(Date.parse(s)), {
    message: "use an ISO date such as 2025-11-28 (quote it in YAML)",
  });

export const frontmatterSchema = z
  .object({
    title: z.string().trim().min(1, "the page needs a title"),
    description: z.string().trim().min(1, "the page needs a description").max(300, "keep the description under 300 characters"),
    slug,
    updatedAt: isoDate,
    /** Shorter label for the sidebar and previous/next links. */
    sidebarTitle: z.string().trim().min(1).optional(),
    /** The page's steps, in order. Each one is a <Step id="…"> section in the body. */
    steps: z.array(stepSchema).default([]),
  })
  .superRefine((fm, ctx) => {
    const seen = new Set<string>();
    fm.steps.forEach((s, i) => {
      if (seen.has(s.id)) ctx.addIssue({ code: "custom", path: ["steps", i, "id"], message: `duplicate step id "${s.id}"` });
      seen.add(s.id);
    });
  });

export type Frontmatter = z.infer<typeof frontmatterSchema>;
export type StepMeta = z.infer<typeof stepSchema>;

export const guideMetaSchema = z.object({
  title: z.string().trim().min(1),
  description: z.string().trim().min(1),
  /** Position in the sidebar and on the home page (lower first). */
  order: z.number().int().default(100),
  /** Page slugs in reading order; every .mdx file of the folder must be listed. */
  pages: z.array(slug).min(1, "list at least one page"),
});
export type GuideMeta = z.infer<typeof guideMetaSchema>;

/** "steps[2].id" style path for messages. */
export function fieldPath(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>((acc, part) => (typeof part === "number" ? `${acc}[${part}]` : acc ? `${acc}.${String(part)}` : String(part)), "");
}

/** Validates data against a schema; on failure throws a ContentError naming the file and the first bad field. */
export function parseOrThrow<S extends z.ZodType>(schema: S, data: unknown, file: string, what: string): z.infer<S> {
  const result = schema.safeParse(data ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = fieldPath(issue.path);
  const missing = issue.code === "invalid_type" && /received undefined/.test(issue.message);
  if (!field) throw new ContentError(file, `${what}: ${issue.message}`);
  throw new ContentError(file, `${what} field "${field}" ${missing ? "is missing" : `is invalid: ${issue.message}`}`);
}

/** The page of the step catalogue (lib/steps.ts): its frontmatter title and steps are the catalogue's. */
export function isCataloguePage(guide: string, page: string): boolean {
  return guide === GUIDE && GUIDE_PATH === `/guides/${guide}/${page}`;
}

/** The catalogue page's frontmatter title is the catalogue's (the breadcrumb on the customer's own pages shows it). */
export function checkTitleMatchesCatalogue(title: string, file: string): void {
  if (title !== GUIDE_TITLE) throw new ContentError(file, `frontmatter field "title" is "${title}"; lib/steps.ts says "${GUIDE_TITLE}"`);
}

/**
 * The catalogue page's frontmatter must list exactly the catalogue's steps, in order, with the
 * catalogue's titles (the checker, the progress bar and the support console show those titles).
 */
export function checkStepsMatchCatalogue(steps: readonly StepMeta[], file: string): void {
  const want = STEPS.map((id) => ({ id, title: STEP_INFO[id].title }));
  for (let i = 0; i < Math.max(want.length, steps.length); i++) {
    const got = steps[i];
    const exp = want[i];
    if (!got) throw new ContentError(file, `frontmatter field "steps" is missing the step "${exp!.id}" of lib/steps.ts`);
    if (!exp) throw new ContentError(file, `frontmatter field "steps[${i}]" ("${got.id}") is not in lib/steps.ts`);
    if (got.id !== exp.id) throw new ContentError(file, `frontmatter field "steps[${i}].id" is "${got.id}"; lib/steps.ts has "${exp.id}" there`);
    if (got.title !== exp.title) throw new ContentError(file, `frontmatter field "steps[${i}].title" is "${got.title}"; lib/steps.ts says "${exp.title}"`);
  }
}
