// "The keys you verified here" (add-keys-to-portal): only keys whose step is verified. The setup keeps the
// last client ID and secret hint entered whatever their result, so a refused secret (the Secret ID, a
// GUID, pasted for the Value; AADSTS7000215) would otherwise be shown as the one to enter in the portal.
import { describe, expect, it } from "vitest";
import { verifiedKeys } from "@/lib/customer/verified-keys";
import type { StepView } from "@/lib/customer/view";

const step = (status: StepView["status"]): StepView => ({ status, attemptCount: 1, lastAttemptAt: null, startedAt: null, completedAt: null, lastReportUrl: null, checks: null, trust: null });
const ID = "2f6f2c4e-6d8b-4f7a-9d0e-3c1b5a7e9f10";
const view = (register: StepView["status"], secret: StepView["status"]) =>
  ({ clientId: ID, secretHint: "8f3", steps: { "register-application": step(register), "client-secret": step(secret) } }) as Parameters<typeof verifiedKeys>[0];

describe("verifiedKeys", () => {
  it("a failed secret step shows no secret hint, and nothing at all when no step is verified", () => {
    expect(verifiedKeys(view("failed", "failed"))).toEqual({ clientId: null, secretHint: null, unverified: true });
    expect(verifiedKeys(view("in_progress", "failed"))).toEqual({ clientId: null, secretHint: null, unverified: true });
  });

  it("the client ID once the registration is verified; the hint only once the secret is", () => {
    expect(verifiedKeys(view("verified", "failed"))).toEqual({ clientId: ID, secretHint: null, unverified: false });
    expect(verifiedKeys(view("in_progress", "verified"))).toEqual({ clientId: ID, secretHint: "8f3", unverified: false });
    expect(verifiedKeys(view("verified", "verified"))).toEqual({ clientId: ID, secretHint: "8f3", unverified: false });
  });

  it("nothing entered: nothing to say", () => {
    expect(verifiedKeys({ ...view("not_started", "not_started"), clientId: null, secretHint: null })).toEqual({ clientId: null, secretHint: null, unverified: false });
  });
});
