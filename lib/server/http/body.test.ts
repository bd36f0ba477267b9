import { describe, expect, it } from 'vitest';
import { readBodyCapped } from './body';
import { CHUNK, endlessUpload, refusal } from './uploads.testing';

const CAP = 64 * 1024;

describe('readBodyCapped', () => {
  it('stops a 50 MB chunked upload at the cap without reading the rest', async () => {
    const { request, seen } = endlessUpload(50 * 1024 * 1024);
    const error = await refusal(readBodyCapped(request, CAP));
    expect(error.status).toBe(413);
    expect(seen.cancelled).toBe(true);
    // The stream may be one pull ahead of the reader (its queue), never more.
    expect(seen.pulled).toBeLessThanOrEqual(CAP + 2 * CHUNK);
  });

  it('refuses a declared Content-Length over the cap before reading any of it', async () => {
    const { request, seen } = endlessUpload(50 * 1024 * 1024);
    const declared = new Request(request, { headers: { 'content-length': String(50 * 1024 * 1024) } });
    const error = await refusal(readBodyCapped(declared, CAP));
    expect(error.status).toBe(413);
    // Building the Request may prime the stream's queue; nothing is read past that.
    expect(seen.pulled).toBeLessThanOrEqual(2 * CHUNK);
  });

  it('returns a body at or under the cap whole, across chunks', async () => {
    const { request } = endlessUpload(CAP);
    const bytes = await readBodyCapped(request, CAP);
    expect(bytes.byteLength).toBe(CAP);
    expect(bytes.every((b) => b === 0x61)).toBe(true);
  });
});
