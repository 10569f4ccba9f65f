// Request body limits shared by next.config.js (serverActions.bodySizeLimit) and proxy.ts (413).
/** Server actions: the "Verify my setup" form carries at most a 256 KB manifest (640 KB escaped). */
export const SERVER_ACTION_BODY_LIMIT_BYTES = 1024 * 1024;
