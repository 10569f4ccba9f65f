// The step catalogue (lib/steps.ts) is the one table of steps: the guide's frontmatter, the database's
// enums and the checker's check ids must all agree with it.
import { describe, expect, expectTypeOf, it } from "vitest";
import { findPage } from "@/lib/content/guides";
import { checkStepsMatchCatalogue, checkTitleMatchesCatalogue } from "@/lib/content/schema";
import { ContentError } from "@/lib/content/errors";
import { SetupStatus as DbSetupStatus, StepStatus as DbStepStatus } from "@/lib/db";
import { CHECK_IDS } from "@/lib/verify/report";
import { formFlag, formText } from "@/lib/http/form";
import {
  GUIDE,
  GUIDE_PATH,
  GUIDE_TITLE,
  REQUIRED_CHECKS,
  SETUP_STATUSES,
  STEP_INFO,
  STEP_LIST,
  STEP_STATUSES,
  STEPS,
  type SetupStatus,
  type StepStatus,
} from "@/lib/steps";

describe("the step catalogue", () => {
  it("the setup page's frontmatter steps are the catalogue's ids and titles, in order", async () => {
    const page = (await findPage(GUIDE, GUIDE_PATH.split("/").at(-1)!))!;
    expect(page.frontmatter.steps).toEqual(STEPS.map((id) => ({ id, title: STEP_INFO[id].title })));
    expect(STEP_LIST.map((s) => s.id)).toEqual([...STEPS]);
  });

  it("the setup page's title is the catalogue's (the breadcrumb shows it); another title fails, naming the field", async () => {
    const page = (await findPage(GUIDE, GUIDE_PATH.split("/").at(-1)!))!;
    expect(page.frontmatter.title).toBe(GUIDE_TITLE);
    expect(() => checkTitleMatchesCatalogue(GUIDE_TITLE, "setup.mdx")).not.toThrow();
    expect(() => checkTitleMatchesCatalogue("Set up Business Central", "setup.mdx")).toThrow(ContentError);
    expect(() => checkTitleMatchesCatalogue("Set up Business Central", "setup.mdx")).toThrow(/frontmatter field "title"/);
  });

  it("a frontmatter that differs from the catalogue fails, naming the field", () => {
    const good = STEPS.map((id) => ({ id, title: STEP_INFO[id].title }));
    expect(() => checkStepsMatchCatalogue(good, "setup.mdx")).not.toThrow();
    const retitled = good.map((s, i) => (i === 2 ? { ...s, title: "Client secret" } : s));
    expect(() => checkStepsMatchCatalogue(retitled, "setup.mdx")).toThrow(ContentError);
    expect(() => checkStepsMatchCatalogue(retitled, "setup.mdx")).toThrow(/steps\[2\]\.title/);
    expect(() => checkStepsMatchCatalogue(good.slice(1), "setup.mdx")).toThrow(/steps\[0\]\.id/);
    expect(() => checkStepsMatchCatalogue([...good, { id: "extra", title: "Extra" }], "setup.mdx")).toThrow(/not in lib\/steps\.ts/);
  });

  it("the database's enums are the catalogue's statuses", () => {
    expect(Object.values(DbStepStatus)).toEqual([...STEP_STATUSES]);
    expect(Object.values(DbSetupStatus)).toEqual([...SETUP_STATUSES]);
    expectTypeOf<StepStatus>().toEqualTypeOf<DbStepStatus>();
    expectTypeOf<SetupStatus>().toEqualTypeOf<DbSetupStatus>();
  });

  it("every required check is one of the checker's check ids", () => {
    for (const groups of Object.values(REQUIRED_CHECKS)) for (const g of groups) for (const id of g) expect(CHECK_IDS).toContain(id);
  });
});

describe("form fields (server actions and plain-HTML routes alike)", () => {
  const form = (entries: [string, string][]) => {
    const f = new FormData();
    for (const [k, v] of entries) f.append(k, v);
    return f;
  };
  it("a checkbox is ticked by 'on' (a browser) or 'true' (a script), nothing else", () => {
    expect(formFlag(form([["confirmed", "on"]]), "confirmed")).toBe(true);
    expect(formFlag(form([["confirmed", "true"]]), "confirmed")).toBe(true);
    for (const v of ["", "off", "false", "1", "ON"]) expect(formFlag(form([["confirmed", v]]), "confirmed")).toBe(false);
    expect(formFlag(form([]), "confirmed")).toBe(false);
  });
  it("a text field is its string, or undefined (absent or a file)", () => {
    const f = form([["step", "prerequisites"]]);
    f.append("file", new Blob(["x"]), "x.txt");
    expect(formText(f, "step")).toBe("prerequisites");
    expect(formText(f, "nope")).toBeUndefined();
    expect(formText(f, "file")).toBeUndefined();
  });
});
