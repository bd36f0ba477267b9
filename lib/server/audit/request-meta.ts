import 'server-only';
import { getConfig } from '@/lib/config.js';
import { clientAddress } from '@/lib/server/http/client-address';

export interface RequestMeta {
  ip?: string;
  userAgent?: string;
}

/**
 * Where a request came from, for the audit trail and the guest rate limits: the client address as
 * far as the configured proxies can vouch for it (TRUSTED_PROXY_HOPS; a client's own
 * X-Forwarded-For is never believed), and the user agent as sent.
 */
export function requestMeta(req: Request, trustedHops = getConfig().trustedProxyHops): RequestMeta {
  const userAgent = req.headers.get('user-agent')?.trim();
  return {
    ip: clientAddress(req.headers, trustedHops),
    userAgent: userAgent ? userAgent.slice(0, 256) : undefined,
  };
}
