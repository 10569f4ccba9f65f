// The request id every request carries (proxy.ts sets it, lib/log.ts logs it): a proxy's own
// X-Request-Id when it is a plain token, else a new UUID. No imports: the proxy and the logger share it.

const INCOMING_ID = /^[A-Za-z0-9._:-]{8,128}$/;

export function requestIdOf(incoming: string | null | undefined): string {
  const id = incoming?.trim();
  return id && INCOMING_ID.test(id) ? id : crypto.randomUUID();
}
