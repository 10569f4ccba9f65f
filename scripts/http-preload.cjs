// Preloaded into the `next start` / `next dev` process (node --require scripts/http-preload.cjs).
//
// 1. TRACE, TRACK and CONNECT are answered 405 here: the Fetch standard forbids them, so Next can't even
//    build its Request object (it answered 500), and proxy.ts never sees them (proxy.ts answers 405 to
//    the other methods nothing here serves).
// 2. Makes the server append the TCP peer's address to X-Forwarded-For, as a proxy does. Next itself
// only fills X-Forwarded-For from the socket when the request has none (next/dist/server/base-server.js,
// `x-forwarded-for ??= socket.remoteAddress`), which lets any client name its own address. With this
// preload the right-most entry is always the peer; lib/http/client-ip.ts counts TRUSTED_PROXY_HOPS
// entries from there. Nothing else about the request changes.
"use strict";
const http = require("node:http");

const FORBIDDEN = new Set(["TRACE", "TRACK", "CONNECT"]);
const MARK = Symbol.for("bc-setup-checker.peer-address");
if (!globalThis[MARK]) {
  globalThis[MARK] = true;
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function patchedEmit(event, req, ...rest) {
    if (event === "request" && req && req.headers && FORBIDDEN.has(String(req.method).toUpperCase())) {
      const res = rest[0];
      res.writeHead(405, { allow: "GET, HEAD, POST", "content-type": "text/plain; charset=utf-8", "x-content-type-options": "nosniff" });
      res.end("Method not allowed\n");
      return true;
    }
    if (event === "request" && req && req.headers) {
      const peer = req.socket && req.socket.remoteAddress;
      const sent = req.headers["x-forwarded-for"];
      const list = Array.isArray(sent) ? sent.join(", ") : typeof sent === "string" ? sent : "";
      req.headers["x-forwarded-for"] = peer ? (list.trim() ? `${list}, ${peer}` : peer) : list || "unknown";
    }
    return emit.call(this, event, req, ...rest);
  };
}
