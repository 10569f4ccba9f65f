-- AlterTable
ALTER TABLE "setup" ADD COLUMN     "attemptedStepBits" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "completedStepBits" INTEGER NOT NULL DEFAULT 0;

-- Backfill: each setup's bits from its step rows (bit numbers: lib/steps.ts STEP_BIT; a test runs
-- this statement and compares it with deriveSetupState).
UPDATE "setup" s SET "attemptedStepBits" = b.attempted, "completedStepBits" = b.completed
FROM (
  SELECT sp."setupId",
         coalesce(sum(1 << m.bit) FILTER (WHERE sp.status <> 'not_started'), 0)::int AS attempted,
         coalesce(sum(1 << m.bit) FILTER (WHERE sp.status IN ('verified', 'confirmed')), 0)::int AS completed
    FROM "step_progress" sp
    JOIN (VALUES ('prerequisites', 0), ('register-application', 1), ('client-secret', 2), ('api-permissions', 3),
                 ('add-keys-to-portal', 4), ('enable-integration', 5), ('extension-installation', 6)) AS m(step, bit)
      ON m.step = sp."stepId"
   GROUP BY sp."setupId"
) b
WHERE s.id = b."setupId";

-- CreateIndex
CREATE INDEX "setup_funnel_idx" ON "setup"("guide", "createdAt", "currentStep", "status", "attemptedStepBits", "completedStepBits");
