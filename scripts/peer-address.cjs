// Preloaded into the `next start` / `next dev` process (node --require scripts/peer-address.cjs):
// makes the server append the TCP peer's address to X-Forwarded-For, as a proxy does. Next itself
// only fills X-Forwarded-For from the socket when the request has none (next/dist/server/base-server.js,
// `x-forwarded-for ??= socket.remoteAddress`), which lets any client name its own address. With this
// preload the right-most entry is always the peer; lib/http/client-ip.ts counts TRUSTED_PROXY_HOPS
// entries from there. Nothing else about the request changes.
"use strict";
const http = require("node:http");

const MARK = Symbol.for("bc-setup-checker.peer-address");
if (!globalThis[MARK]) {
  globalThis[MARK] = true;
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function patchedEmit(event, req, ...rest) {
    if (event === "request" && req && req.headers) {
      const peer = req.socket && req.socket.remoteAddress;
      const sent = req.headers["x-forwarded-for"];
      const list = Array.isArray(sent) ? sent.join(", ") : typeof sent === "string" ? sent : "";
      req.headers["x-forwarded-for"] = peer ? (list.trim() ? `${list}, ${peer}` : peer) : list || "unknown";
    }
    return emit.call(this, event, req, ...rest);
  };
}
