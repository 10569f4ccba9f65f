// Who is asking, from where: the client IP and user agent of a request, for the audit trail and
// the sign-in rate limit. Only the first address of X-Forwarded-For is the client.
export interface RequestInfo {
  ip: string | null;
  userAgent: string | null;
}

export function requestInfo(headers: Headers): RequestInfo {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  const ip = forwarded || headers.get("x-real-ip")?.trim() || null;
  const ua = headers.get("user-agent");
  return { ip: ip ? ip.slice(0, 64) : null, userAgent: ua ? ua.slice(0, 512) : null };
}
