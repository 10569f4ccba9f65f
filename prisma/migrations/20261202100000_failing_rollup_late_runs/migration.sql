-- "Most frequent failing checks" reads closed UTC days from failing_check_daily, rolled up once. A run
-- written into a day already rolled up (an app instance whose clock runs more than the hour's grace
-- behind, a backfill, an import, a manual delete) would be counted by neither the rollup nor the live
-- part, and later days' `gap` (how long since the setup last failed the check) would be wrong. These
-- triggers forget the rolled days from the earliest day a statement touches onwards, under the rollup
-- writers' advisory lock (lib/progress/failing-rollup.ts LOCK_KEY, 0x66636472); the next read rolls
-- them up again. A normal run is stamped today, which is never rolled up: one probe of the rollup's
-- primary key per statement.
CREATE FUNCTION failing_check_rollup_forget_from(d date) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF d IS NOT NULL AND EXISTS (SELECT 1 FROM failing_check_rollup WHERE day >= d) THEN
    PERFORM pg_advisory_xact_lock(1717789810);
    DELETE FROM failing_check_daily WHERE day >= d;
    DELETE FROM failing_check_rollup WHERE day >= d;
  END IF;
END $$;

CREATE FUNCTION failing_check_rollup_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM failing_check_rollup_forget_from((SELECT (min("createdAt") AT TIME ZONE 'UTC')::date FROM new_runs));
  RETURN NULL;
END $$;

CREATE FUNCTION failing_check_rollup_after_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM failing_check_rollup_forget_from((SELECT (min("createdAt") AT TIME ZONE 'UTC')::date FROM old_runs));
  RETURN NULL;
END $$;

CREATE FUNCTION failing_check_rollup_after_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM failing_check_rollup_forget_from(least(
    (SELECT (min(o."createdAt") AT TIME ZONE 'UTC')::date FROM old_runs o JOIN new_runs n ON n.id = o.id
      WHERE o."createdAt" IS DISTINCT FROM n."createdAt" OR o."failedChecks" IS DISTINCT FROM n."failedChecks" OR o."setupId" IS DISTINCT FROM n."setupId"),
    (SELECT (min(n."createdAt") AT TIME ZONE 'UTC')::date FROM old_runs o JOIN new_runs n ON n.id = o.id
      WHERE o."createdAt" IS DISTINCT FROM n."createdAt" OR o."failedChecks" IS DISTINCT FROM n."failedChecks" OR o."setupId" IS DISTINCT FROM n."setupId")));
  RETURN NULL;
END $$;

CREATE TRIGGER verification_run_rollup_insert AFTER INSERT ON "verification_run"
  REFERENCING NEW TABLE AS new_runs FOR EACH STATEMENT EXECUTE FUNCTION failing_check_rollup_after_insert();
CREATE TRIGGER verification_run_rollup_delete AFTER DELETE ON "verification_run"
  REFERENCING OLD TABLE AS old_runs FOR EACH STATEMENT EXECUTE FUNCTION failing_check_rollup_after_delete();
CREATE TRIGGER verification_run_rollup_update AFTER UPDATE ON "verification_run"
  REFERENCING OLD TABLE AS old_runs NEW TABLE AS new_runs FOR EACH STATEMENT EXECUTE FUNCTION failing_check_rollup_after_update();
