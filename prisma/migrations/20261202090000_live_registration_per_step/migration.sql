-- live.registration now blocks the permissions step by its verdict on the permissions alone (the
-- check's byStep, lib/verify/live.ts). Evidence stored before kept the check's overall status there,
-- where a fail could be about the redirect URI or the account type and was only ever advisory: drop
-- those entries, so a stored fail about another step's facts does not fail the permissions step now.
-- The step's stored status was derived without them, so it stands.
UPDATE "step_progress"
   SET evidence = evidence - 'live.registration'
 WHERE "stepId" = 'api-permissions'
   AND evidence -> 'live.registration' ->> 'status' = 'fail';
