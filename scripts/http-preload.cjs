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
// 3. Lets proxy.ts answer a guide page with a body that is already gzipped (lib/http/precompressed.ts).
//    Next drops a Content-Encoding header set by the proxy (and would then gzip the gzip again), so
//    the proxy names the encoding in PRECOMPRESSED_HEADER instead and it becomes Content-Encoding
//    here, when Next sets the response's headers: Next's `compression` then sees the body as already
//    encoded and sends it as it is. No other response can carry that header.
"use strict";
const http = require("node:http");

const FORBIDDEN = new Set(["TRACE", "TRACK", "CONNECT"]);
/** Same name as PRECOMPRESSED_HEADER in lib/http/precompressed.ts. */
const PRECOMPRESSED_HEADER = "x-bc-precompressed-encoding";
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

  globalThis[Symbol.for("bc-setup-checker.precompressed")] = true;
  const setHeader = http.ServerResponse.prototype.setHeader;
  http.ServerResponse.prototype.setHeader = function patchedSetHeader(name, value) {
    if (typeof name === "string" && name.toLowerCase() === PRECOMPRESSED_HEADER) {
      return value === "gzip" ? setHeader.call(this, "Content-Encoding", "gzip") : this;
    }
    return setHeader.call(this, name, value);
  };
}
