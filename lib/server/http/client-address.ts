import 'server-only';
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import { unwrapMappedIPv4 } from '@/lib/api/client-address';

/**
 * The header that carries the TCP peer's address to the routes. Next exposes no socket to route
 * handlers, and the X-Forwarded-For it fills in from the socket is kept as the client sent it when
 * present (`??=`), so a client could name any address. instrumentation.ts therefore stamps this
 * header on every request from the socket itself, overwriting whatever a client sent under that name.
 */
export const PEER_ADDRESS_HEADER = 'x-vestibule-peer-address';

/** An address as people read it, or undefined when the value is not an IP address at all. */
export function normaliseAddress(raw: string | undefined | null): string | undefined {
  const value = raw?.trim().replace(/^\[(.*)\]$/, '$1');
  if (!value || isIP(value) === 0) return undefined;
  return unwrapMappedIPv4(value).toLowerCase();
}

/**
 * The client's address, trusting exactly `trustedHops` proxies. Each proxy appends the address it
 * saw to X-Forwarded-For, so the client is the entry `trustedHops` places from the right: anything
 * further left was written by the client and can be anything. With no trusted proxy, or a header
 * shorter than the proxies promised (a request that bypassed them), the TCP peer is the client.
 */
export function clientAddress(headers: Headers, trustedHops: number): string | undefined {
  const peer = normaliseAddress(headers.get(PEER_ADDRESS_HEADER));
  if (trustedHops <= 0) return peer;
  const hops = (headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (hops.length < trustedHops) return peer;
  return normaliseAddress(hops[hops.length - trustedHops]) ?? peer;
}

/** Installs the peer-address stamp on every Node HTTP server of this process (see PEER_ADDRESS_HEADER). */
export async function stampPeerAddresses(): Promise<void> {
  const http = await import('node:http');
  const proto = http.Server.prototype as unknown as {
    emit: (event: string, ...args: unknown[]) => boolean;
    __vestibulePeerStamp?: true;
  };
  if (proto.__vestibulePeerStamp) return;
  const emit = proto.emit;
  proto.emit = function emitWithPeer(this: unknown, event: string, ...args: unknown[]) {
    if (event === 'request') {
      const req = args[0] as IncomingMessage;
      req.headers[PEER_ADDRESS_HEADER] = req.socket?.remoteAddress ?? '';
    }
    return emit.call(this, event, ...args);
  };
  proto.__vestibulePeerStamp = true;
}
