-- AlterTable
ALTER TABLE "step_progress" ADD COLUMN     "evidence" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN     "trust" VARCHAR(16);

-- Honest progress: recompute every verifiable step from the latest evidence of its own checks across
-- all the setup's runs (the rules of lib/steps.ts REQUIRED_CHECKS / BLOCKING_CHECKS / CONFIRMING_CHECKS
-- and lib/progress/evidence.ts, written out here as they stand on 2026-11-30), then each setup's
-- status and current step (lib/steps.ts deriveSetupState). Before, a step was "verified" as soon as
-- any of its checks passed and none failed.

-- 1. Evidence: per setup, step and check, the latest verdict that is not "error" (else the latest error).
CREATE TEMPORARY TABLE bc_step_rules (step text PRIMARY KEY, groups jsonb, blocking jsonb, confirming jsonb);
INSERT INTO bc_step_rules VALUES
  ('register-application', '[["client-id.format"],["sign-in-audience"],["redirect-uri"]]', '["live.registration"]', '["live.registration"]'),
  ('client-secret', '[["secret.shape"],["secret.expiry","live.token"]]', '["secret.match"]', '["live.token"]'),
  ('api-permissions', '[["permissions.resource"],["permissions.financials"],["permissions.user-impersonation"]]', '["consent.admin"]', '["live.registration","consent.admin"]');

CREATE TEMPORARY TABLE bc_evidence AS
WITH checks AS (
  SELECT r."setupId", r."createdAt", c->>'id' AS check_id, c->>'step' AS check_step, c->>'status' AS status
  FROM "verification_run" r
  CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(r."report"->'checks') = 'array' THEN r."report"->'checks' ELSE '[]'::jsonb END) c
  WHERE r."setupId" IS NOT NULL AND c->>'status' IN ('pass', 'warn', 'fail', 'error')
),
latest AS (
  SELECT DISTINCT ON (ch."setupId", sr.step, ch.check_id) ch."setupId", sr.step, ch.check_id, ch.status, ch."createdAt"
  FROM checks ch
  JOIN bc_step_rules sr ON ch.check_step = sr.step OR sr.confirming ? ch.check_id
  ORDER BY ch."setupId", sr.step, ch.check_id, (ch.status = 'error'), ch."createdAt" DESC
)
SELECT "setupId", step,
       jsonb_object_agg(check_id, jsonb_build_object('status', status, 'at', to_char("createdAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))) AS evidence
FROM latest
GROUP BY "setupId", step;

-- 2. A step's state from its evidence (lib/progress/evidence.ts stepState).
CREATE FUNCTION bc_step_state(p_step text, e jsonb) RETURNS text[] LANGUAGE plpgsql IMMUTABLE AS $fn$
DECLARE
  r bc_step_rules%ROWTYPE;
  g jsonb;
  id text;
  other text;
  done int := 0;
  total int;
  failing boolean := false;
  rescued boolean;
  confirmed boolean := false;
  state text;
BEGIN
  SELECT * INTO r FROM bc_step_rules WHERE step = p_step;
  total := jsonb_array_length(r.groups);
  FOR g IN SELECT * FROM jsonb_array_elements(r.groups) LOOP
    IF EXISTS (SELECT 1 FROM jsonb_array_elements_text(g) x WHERE e->x->>'status' IN ('pass', 'warn')) THEN done := done + 1; END IF;
  END LOOP;
  FOR id IN SELECT DISTINCT x FROM (SELECT jsonb_array_elements_text(jsonb_array_elements(r.groups)) x UNION ALL SELECT jsonb_array_elements_text(r.blocking)) ids LOOP
    CONTINUE WHEN e->id->>'status' IS DISTINCT FROM 'fail';
    rescued := false;
    FOR g IN SELECT * FROM jsonb_array_elements(r.groups) LOOP
      CONTINUE WHEN NOT g ? id;
      FOR other IN SELECT jsonb_array_elements_text(g) LOOP
        IF other <> id AND e->other->>'status' IN ('pass', 'warn') AND e->other->>'at' > e->id->>'at' THEN rescued := true; END IF;
      END LOOP;
    END LOOP;
    IF NOT rescued THEN failing := true; END IF;
  END LOOP;
  IF failing THEN state := 'failed';
  ELSIF done = total THEN state := 'verified';
  ELSIF e <> '{}'::jsonb THEN state := 'in_progress';
  ELSE state := 'not_started';
  END IF;
  IF state = 'verified' THEN
    SELECT EXISTS (SELECT 1 FROM jsonb_array_elements_text(r.confirming) x WHERE e->x->>'status' IN ('pass', 'warn')) INTO confirmed;
    RETURN ARRAY[state, CASE WHEN confirmed THEN 'microsoft' ELSE 'rules' END];
  END IF;
  RETURN ARRAY[state, NULL];
END
$fn$;

-- 3. The verifiable steps: evidence, status, trust.
UPDATE "step_progress" sp
SET "evidence" = x.evidence,
    -- No evidence at all: a step that was attempted or started stays in progress (never back to not started).
    "status" = (CASE
      WHEN x.s[1] <> 'not_started' THEN x.s[1]
      WHEN sp."attemptCount" > 0 OR sp."status" <> 'not_started' THEN 'in_progress'
      ELSE 'not_started' END)::"StepStatus",
    "trust" = x.s[2],
    "completedAt" = CASE WHEN x.s[1] = 'verified' THEN coalesce(sp."completedAt", sp."lastAttemptAt") ELSE NULL END
FROM (
  SELECT p."setupId", p."stepId", coalesce(ev.evidence, '{}'::jsonb) AS evidence, bc_step_state(p."stepId", coalesce(ev.evidence, '{}'::jsonb)) AS s
  FROM "step_progress" p
  LEFT JOIN bc_evidence ev ON ev."setupId" = p."setupId" AND ev.step = p."stepId"
  WHERE p."stepId" IN ('register-application', 'client-secret', 'api-permissions')
) x
WHERE x."setupId" = sp."setupId" AND x."stepId" = sp."stepId";

DROP FUNCTION bc_step_state(text, jsonb);
DROP TABLE bc_evidence;

-- 4. Each setup's status and current step (lib/steps.ts deriveSetupState), for setups that have steps.
WITH ordered(step, pos) AS (
  VALUES ('prerequisites', 1), ('register-application', 2), ('client-secret', 3), ('api-permissions', 4),
         ('add-keys-to-portal', 5), ('enable-integration', 6), ('extension-installation', 7)
),
per_setup AS (
  SELECT s."id",
         (SELECT o.step FROM ordered o
            LEFT JOIN "step_progress" p ON p."setupId" = s."id" AND p."stepId" = o.step
           WHERE coalesce(p."status"::text, 'not_started') NOT IN ('verified', 'confirmed')
           ORDER BY o.pos LIMIT 1) AS current_step,
         bool_or(p."status" = 'failed') AS any_failed,
         bool_or(p."status" <> 'not_started') AS any_started
  FROM "setup" s
  JOIN "step_progress" p ON p."setupId" = s."id"
  GROUP BY s."id"
)
UPDATE "setup" s
SET "currentStep" = ps.current_step,
    "status" = (CASE
      WHEN ps.current_step IS NULL THEN 'completed'
      WHEN ps.any_failed THEN 'failing'
      WHEN ps.any_started THEN 'in_progress'
      ELSE 'not_started' END)::"SetupStatus",
    "completedAt" = CASE WHEN ps.current_step IS NULL THEN coalesce(s."completedAt", s."lastActivityAt") ELSE NULL END
FROM per_setup ps
WHERE ps."id" = s."id";

DROP TABLE bc_step_rules;
