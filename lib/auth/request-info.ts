// Who is asking, from where: the client address (lib/http/client-ip.ts, the same one the rate limits
// use) and user agent of a request, for the audit trail.
import "server-only";
import { clientIp, UNKNOWN_IP } from "../http/client-ip";

export interface RequestInfo {
  ip: string | null;
  userAgent: string | null;
}

export function requestInfo(headers: Headers): RequestInfo {
  const ip = clientIp(headers);
  const ua = headers.get("user-agent");
  return { ip: ip === UNKNOWN_IP ? null : ip, userAgent: ua ? ua.slice(0, 512) : null };
}
