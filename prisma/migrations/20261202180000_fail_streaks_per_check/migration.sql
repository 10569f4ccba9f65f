-- "Stuck: the same check failed 3 times in a row" followed only the first failed check of a run: runs
-- failing [A,B], [A,B], [B], [B] counted B's streak from 1 again when A was fixed. Each failing check of
-- the latest run keeps its own streak here ({"check-id": n}); consecutiveFailures is the longest of them
-- and lastFailedCheck its check. An empty object on existing rows: the first run after this reads the
-- old single streak (lastFailedCheck, consecutiveFailures) as the only one.
ALTER TABLE "setup" ADD COLUMN "failStreaks" JSONB NOT NULL DEFAULT '{}';
