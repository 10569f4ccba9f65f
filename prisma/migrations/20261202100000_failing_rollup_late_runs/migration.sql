-- "Most frequent failing checks" reads closed UTC days from failing_check_daily, rolled up once. A run
-- written into a day already rolled up (an app instance whose clock runs more than the hour's grace
-- behind, a backfill, an import, a manual delete) would be counted by neither the rollup nor the live
-- part, and later days' `gap` (how long since the setup last failed the check) would be wrong. These
-- triggers forget the rolled days from the run's day onwards, under the rollup writers' advisory lock
-- (lib/progress/failing-rollup.ts LOCK_KEY, 0x66636472); the next read rolls them up again.
--
-- A day is rolled up only an hour after it ends (by the reading instance's clock), so a run stamped
-- within the last 10 minutes of the database's clock can't be in a rolled day unless that instance's
-- clock ran 50 minutes ahead of the database's. The WHEN clauses skip those rows without calling the
-- function: recording a run now costs one comparison, not a function call and a query.
CREATE FUNCTION failing_check_rollup_forget() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE d date;
BEGIN
  IF TG_OP = 'INSERT' THEN
    d := (NEW."createdAt" AT TIME ZONE 'UTC')::date;
  ELSIF TG_OP = 'DELETE' THEN
    d := (OLD."createdAt" AT TIME ZONE 'UTC')::date;
  ELSE
    d := least((OLD."createdAt" AT TIME ZONE 'UTC')::date, (NEW."createdAt" AT TIME ZONE 'UTC')::date);
  END IF;
  IF EXISTS (SELECT 1 FROM failing_check_rollup WHERE day >= d) THEN
    PERFORM pg_advisory_xact_lock(1717789810);
    DELETE FROM failing_check_daily WHERE day >= d;
    DELETE FROM failing_check_rollup WHERE day >= d;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER verification_run_rollup_insert AFTER INSERT ON "verification_run" FOR EACH ROW
  WHEN (NEW."createdAt" < now() - interval '10 minutes')
  EXECUTE FUNCTION failing_check_rollup_forget();
CREATE TRIGGER verification_run_rollup_delete AFTER DELETE ON "verification_run" FOR EACH ROW
  WHEN (OLD."createdAt" < now() - interval '10 minutes')
  EXECUTE FUNCTION failing_check_rollup_forget();
CREATE TRIGGER verification_run_rollup_update AFTER UPDATE OF "createdAt", "failedChecks", "setupId" ON "verification_run" FOR EACH ROW
  WHEN ((OLD."createdAt" < now() - interval '10 minutes' OR NEW."createdAt" < now() - interval '10 minutes')
        AND (OLD."createdAt" IS DISTINCT FROM NEW."createdAt" OR OLD."failedChecks" IS DISTINCT FROM NEW."failedChecks" OR OLD."setupId" IS DISTINCT FROM NEW."setupId"))
  EXECUTE FUNCTION failing_check_rollup_forget();
