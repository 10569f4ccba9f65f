-- DropIndex
DROP INDEX "setup_status_currentStep_lastActivityAt_idx";

-- CreateIndex
CREATE INDEX "setup_status_lastActivityAt_id_idx" ON "setup"("status", "lastActivityAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "setup_status_currentStep_lastActivityAt_id_idx" ON "setup"("status", "currentStep", "lastActivityAt" DESC, "id" DESC);
