-- CreateTable
CREATE TABLE "failing_check_daily" (
    "day" DATE NOT NULL,
    "checkId" TEXT NOT NULL,
    "gap" INTEGER NOT NULL,
    "failures" INTEGER NOT NULL,
    "setups" INTEGER NOT NULL,

    CONSTRAINT "failing_check_daily_pkey" PRIMARY KEY ("day","checkId","gap")
);

-- CreateTable
CREATE TABLE "failing_check_rollup" (
    "day" DATE NOT NULL,
    "rolledUpAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "failing_check_rollup_pkey" PRIMARY KEY ("day")
);
