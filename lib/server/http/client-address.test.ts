import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { readableSource } from '@/lib/api/client-address';
import { PEER_ADDRESS_HEADER, clientAddress, normaliseAddress } from './client-address';

const request = (peer: string, forwardedFor?: string) =>
  new Headers({ [PEER_ADDRESS_HEADER]: peer, ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}) });

describe('clientAddress', () => {
  it('ignores a client’s own X-Forwarded-For when no proxy is trusted (the reported 6.6.6.6)', () => {
    expect(clientAddress(request('203.0.113.9', '6.6.6.6'), 0)).toBe('203.0.113.9');
  });

  it('takes the address the one trusted proxy saw, not what the client prepended', () => {
    expect(clientAddress(request('10.0.0.2', '6.6.6.6, 198.51.100.4'), 1)).toBe('198.51.100.4');
  });

  it('counts trusted hops from the right', () => {
    // client → CDN (appends client) → nginx (appends CDN) → app
    expect(clientAddress(request('10.0.0.2', '6.6.6.6, 198.51.100.4, 192.0.2.80'), 2)).toBe('198.51.100.4');
  });

  it('falls back to the TCP peer when a request bypassed the proxies (fewer entries than hops)', () => {
    expect(clientAddress(request('203.0.113.9'), 1)).toBe('203.0.113.9');
    expect(clientAddress(request('203.0.113.9', '198.51.100.4'), 2)).toBe('203.0.113.9');
  });

  it('never records something that is not an IP address', () => {
    expect(clientAddress(request('10.0.0.2', '<script>, not-an-ip'), 1)).toBe('10.0.0.2');
    expect(clientAddress(new Headers(), 0)).toBeUndefined();
  });
});

describe('normaliseAddress', () => {
  it('unwraps IPv4-mapped IPv6 and brackets', () => {
    expect(normaliseAddress('::ffff:127.0.0.1')).toBe('127.0.0.1');
    expect(normaliseAddress('[2001:DB8::1]')).toBe('2001:db8::1');
  });
});

describe('readableSource', () => {
  it.each([
    ['::1', 'this computer'],
    ['127.0.0.1', 'this computer'],
    ['::ffff:127.0.0.1', 'this computer'],
    ['::ffff:192.0.2.7', '192.0.2.7'],
    ['2001:db8::1', '2001:db8::1'],
    [null, '—'],
  ])('shows %s as %s', (address, shown) => {
    expect(readableSource(address)).toBe(shown);
  });
});

describe('stampPeerAddresses', () => {
  it('puts the socket’s address on every request, over any value a client sent under that name', async () => {
    const { stampPeerAddresses } = await import('./client-address');
    const http = await import('node:http');
    await stampPeerAddresses();
    const server = http.createServer((req, res) => res.end(String(req.headers[PEER_ADDRESS_HEADER])));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const res = await fetch(`http://127.0.0.1:${port}/`, { headers: { [PEER_ADDRESS_HEADER]: '6.6.6.6' } });
      expect(await res.text()).toBe('127.0.0.1');
    } finally {
      server.close();
    }
  });
});
