// Which Node runs `npm start` / `npm test`, in one line: plain ESM (no dependencies) because both run it
// before `npm ci` has. The floor is Next 16's and Prisma 7's (20.19); the container runs Node 24 LTS
// (Dockerfile, .nvmrc), and .ci/run runs the suite on both.

/** Each major line's end of life (nodejs.org/en/about/previous-releases); a line not listed: nothing said. */
export const END_OF_LIFE = { 20: "2026-04-30", 21: "2024-06-01", 22: "2027-04-30", 23: "2025-06-01", 24: "2028-04-30", 25: "2026-06-01" };
export const RECOMMENDED_MAJOR = 24;
const FLOOR = [20, 19];

/**
 * @param {string} version e.g. process.version ("v20.20.2")
 * @param {Date} [today]
 * @returns {{ ok: boolean, line: string | null }} ok false: too old to run; line: what to say (null: nothing)
 */
export function checkNodeVersion(version, today = new Date()) {
  const m = /^v?(\d+)\.(\d+)\.(\d+)/.exec(version);
  if (!m) return { ok: true, line: null };
  const [major, minor] = [Number(m[1]), Number(m[2])];
  if (major < FLOOR[0] || (major === FLOOR[0] && minor < FLOOR[1])) {
    return { ok: false, line: `needs Node.js ${FLOOR.join(".")} or later (this is ${version}); Node ${RECOMMENDED_MAJOR} LTS is recommended (.nvmrc)` };
  }
  const eol = END_OF_LIFE[major];
  if (eol && today.toISOString().slice(0, 10) > eol) {
    return { ok: true, line: `Node.js ${major} reached its end of life on ${eol} (this is ${version}): it runs, but use Node ${RECOMMENDED_MAJOR} LTS where you can (.nvmrc; the container runs it)` };
  }
  return { ok: true, line: null };
}

/**
 * What `npm start` and `npm test` run first: the check's line, prefixed with the command's name, on the
 * console (stderr when refusing), and exit 1 when this Node is below the floor.
 * @param {string} prefix e.g. "start"
 */
export function requireSupportedNode(prefix) {
  const node = checkNodeVersion(process.version);
  if (node.line) console[node.ok ? "log" : "error"](`${prefix}: ${node.line}`);
  if (!node.ok) process.exit(1);
}
