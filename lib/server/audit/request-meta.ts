import 'server-only';

export interface RequestMeta {
  ip?: string;
  userAgent?: string;
}

/**
 * Where a request came from, for the audit trail. The client address is taken from the proxy's
 * X-Forwarded-For (first hop) because the app always runs behind one; it is a record, not a security
 * decision, so a spoofed value misleads the log at worst.
 */
export function requestMeta(req: Request): RequestMeta {
  const forwarded = req.headers.get('x-forwarded-for')?.split(',')[0]?.trim() || req.headers.get('x-real-ip')?.trim();
  const userAgent = req.headers.get('user-agent')?.trim();
  return {
    ip: forwarded ? forwarded.slice(0, 64) : undefined,
    userAgent: userAgent ? userAgent.slice(0, 256) : undefined,
  };
}
