-- AlterEnum
ALTER TYPE "RunSource" ADD VALUE 'signed-in';

-- CreateTable
CREATE TABLE "microsoft_sign_in" (
    "id" UUID NOT NULL,
    "stateHash" VARCHAR(64) NOT NULL,
    "setupPublicId" VARCHAR(64) NOT NULL,
    "clientId" VARCHAR(64) NOT NULL,
    "codeVerifier" VARCHAR(128) NOT NULL,
    "nonce" VARCHAR(64) NOT NULL,
    "returnTo" VARCHAR(300) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "microsoft_sign_in_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "microsoft_sign_in_stateHash_key" ON "microsoft_sign_in"("stateHash");

-- CreateIndex
CREATE INDEX "microsoft_sign_in_expiresAt_idx" ON "microsoft_sign_in"("expiresAt");
