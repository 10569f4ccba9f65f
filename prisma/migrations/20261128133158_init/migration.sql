-- Trigram search on company name and contact email (GIN indexes below)
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CreateEnum
CREATE TYPE "SetupStatus" AS ENUM ('not_started', 'in_progress', 'failing', 'completed');

-- CreateEnum
CREATE TYPE "StepStatus" AS ENUM ('not_started', 'in_progress', 'verified', 'failed', 'confirmed');

-- CreateEnum
CREATE TYPE "RunSource" AS ENUM ('form', 'manifest', 'live', 'api', 'cli');

-- CreateEnum
CREATE TYPE "ReportStatus" AS ENUM ('pass', 'warn', 'fail', 'skip', 'error');

-- CreateTable
CREATE TABLE "setup" (
    "id" UUID NOT NULL,
    "publicId" VARCHAR(64) NOT NULL,
    "guide" VARCHAR(100) NOT NULL,
    "companyName" VARCHAR(200),
    "contactEmail" VARCHAR(320),
    "status" "SetupStatus" NOT NULL DEFAULT 'not_started',
    "currentStep" VARCHAR(64),
    "clientId" VARCHAR(64),
    "tenant" VARCHAR(255),
    "secretFingerprint" VARCHAR(128),
    "secretHint" VARCHAR(3),
    "failedRuns" INTEGER NOT NULL DEFAULT 0,
    "lastFailedCheck" VARCHAR(64),
    "consecutiveFailures" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastActivityAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" TIMESTAMPTZ(3),

    CONSTRAINT "setup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "step_progress" (
    "setupId" UUID NOT NULL,
    "stepId" VARCHAR(64) NOT NULL,
    "status" "StepStatus" NOT NULL DEFAULT 'not_started',
    "attemptCount" INTEGER NOT NULL DEFAULT 0,
    "firstAttemptAt" TIMESTAMPTZ(3),
    "lastAttemptAt" TIMESTAMPTZ(3),
    "startedAt" TIMESTAMPTZ(3),
    "completedAt" TIMESTAMPTZ(3),
    "lastRunId" UUID,

    CONSTRAINT "step_progress_pkey" PRIMARY KEY ("setupId","stepId")
);

-- CreateTable
CREATE TABLE "verification_run" (
    "id" UUID NOT NULL,
    "publicId" VARCHAR(64) NOT NULL,
    "setupId" UUID,
    "stepId" VARCHAR(64),
    "source" "RunSource" NOT NULL,
    "summary" "ReportStatus" NOT NULL,
    "report" JSONB NOT NULL,
    "failedChecks" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "clientId" VARCHAR(64),
    "tenant" VARCHAR(255),
    "secretFingerprint" VARCHAR(128),
    "secretHint" VARCHAR(3),
    "durationMs" INTEGER NOT NULL,
    "idempotencyKey" VARCHAR(100),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "verification_run_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "staff_user" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "emailVerified" BOOLEAN NOT NULL DEFAULT false,
    "image" TEXT,
    "role" TEXT NOT NULL DEFAULT 'support',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "staff_user_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "staff_session" (
    "id" TEXT NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "token" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "ipAddress" TEXT,
    "userAgent" TEXT,
    "userId" TEXT NOT NULL,

    CONSTRAINT "staff_session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "staff_account" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "providerId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "accessToken" TEXT,
    "refreshToken" TEXT,
    "idToken" TEXT,
    "accessTokenExpiresAt" TIMESTAMPTZ(3),
    "refreshTokenExpiresAt" TIMESTAMPTZ(3),
    "scope" TEXT,
    "password" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "staff_account_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "staff_verification" (
    "id" TEXT NOT NULL,
    "identifier" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "staff_verification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "auth_rate_limit" (
    "id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "lastRequest" BIGINT NOT NULL,

    CONSTRAINT "auth_rate_limit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rate_limits" (
    "key" VARCHAR(255) NOT NULL,
    "points" INTEGER NOT NULL DEFAULT 0,
    "expire" BIGINT,

    CONSTRAINT "rate_limits_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "audit_event" (
    "id" UUID NOT NULL,
    "actorId" TEXT,
    "actorEmail" VARCHAR(320) NOT NULL,
    "action" VARCHAR(64) NOT NULL,
    "targetType" VARCHAR(64),
    "targetId" VARCHAR(128),
    "details" JSONB,
    "ip" VARCHAR(64),
    "userAgent" VARCHAR(512),
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_event_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "setup_publicId_key" ON "setup"("publicId");

-- CreateIndex
CREATE INDEX "setup_lastActivityAt_id_idx" ON "setup"("lastActivityAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "setup_createdAt_id_idx" ON "setup"("createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "setup_status_currentStep_lastActivityAt_idx" ON "setup"("status", "currentStep", "lastActivityAt" DESC);

-- CreateIndex
CREATE INDEX "setup_clientId_idx" ON "setup"("clientId");

-- CreateIndex
CREATE INDEX "setup_company_trgm_idx" ON "setup" USING GIN ("companyName" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "setup_email_trgm_idx" ON "setup" USING GIN ("contactEmail" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "step_progress_stepId_status_idx" ON "step_progress"("stepId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "verification_run_publicId_key" ON "verification_run"("publicId");

-- CreateIndex
CREATE INDEX "verification_run_setupId_createdAt_idx" ON "verification_run"("setupId", "createdAt");

-- CreateIndex
CREATE INDEX "verification_run_createdAt_idx" ON "verification_run"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "verification_run_setupId_idempotencyKey_key" ON "verification_run"("setupId", "idempotencyKey");

-- CreateIndex
CREATE UNIQUE INDEX "staff_user_email_key" ON "staff_user"("email");

-- CreateIndex
CREATE UNIQUE INDEX "staff_session_token_key" ON "staff_session"("token");

-- CreateIndex
CREATE INDEX "staff_session_userId_idx" ON "staff_session"("userId");

-- CreateIndex
CREATE INDEX "staff_account_userId_idx" ON "staff_account"("userId");

-- CreateIndex
CREATE INDEX "staff_verification_identifier_idx" ON "staff_verification"("identifier");

-- CreateIndex
CREATE UNIQUE INDEX "auth_rate_limit_key_key" ON "auth_rate_limit"("key");

-- CreateIndex
CREATE INDEX "audit_event_at_id_idx" ON "audit_event"("at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "audit_event_targetType_targetId_idx" ON "audit_event"("targetType", "targetId");

-- AddForeignKey
ALTER TABLE "step_progress" ADD CONSTRAINT "step_progress_setupId_fkey" FOREIGN KEY ("setupId") REFERENCES "setup"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "verification_run" ADD CONSTRAINT "verification_run_setupId_fkey" FOREIGN KEY ("setupId") REFERENCES "setup"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "staff_session" ADD CONSTRAINT "staff_session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "staff_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "staff_account" ADD CONSTRAINT "staff_account_userId_fkey" FOREIGN KEY ("userId") REFERENCES "staff_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;
