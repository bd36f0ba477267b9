import { describe, expect, it } from 'vitest';
import { invitationReturnPath, safeReturnPath } from './return-path';

const APP = 'http://localhost:3000';

describe('safeReturnPath: where sign-in may send someone back to', () => {
  it.each([
    ['/portal', '/portal'],
    ['/portal/meetings/AAMk%2Fx%3D?tab=shares#guests', '/portal/meetings/AAMk%2Fx%3D?tab=shares#guests'],
    ['/portal/../portal/meetings/open', '/portal/meetings/open'],
    ['http://localhost:3000/portal/meetings/open?link=x', '/portal/meetings/open?link=x'],
    ['portal', '/portal'],
  ])('keeps the same-origin path %s as %s', (input, expected) => {
    expect(safeReturnPath(input, APP)).toBe(expected);
  });

  it.each([
    // The reported cases: each normalises to a path starting with `//`, i.e. another host.
    '/..//evil.example/login',
    '/.//evil.example/login',
    '/x/..//evil.example/login',
    '/%2e%2e//evil.example/login',
    '/%2E%2E//evil.example/login',
    '/.%2e//evil.example/login',
    // Classic forms.
    '//evil.example/login',
    '/\\evil.example/login',
    '\\\\evil.example/login',
    '/\t/evil.example/login',
    'https://evil.example/login',
    'http://localhost:3001/portal',
    'https://localhost:3000/portal',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'http://localhost:3000@evil.example/',
    'http://[::1',
  ])('refuses %s and sends to /portal', (input) => {
    expect(safeReturnPath(input, APP)).toBe('/portal');
  });

  it('sends nowhere-in-particular to /portal', () => {
    expect(safeReturnPath(undefined, APP)).toBe('/portal');
    expect(safeReturnPath('', APP)).toBe('/portal');
  });
});

describe('invitationReturnPath: the device check’s way back to the invitation', () => {
  it.each([
    ['/join/AbCdEfGhIjKlMnOpQrStUv_-', '/join/AbCdEfGhIjKlMnOpQrStUv_-'],
    ['http://localhost:3000/join/abc123', '/join/abc123'],
    ['/portal/../join/abc123', '/join/abc123'],
  ])('leads back to the invitation %s', (input, expected) => {
    expect(invitationReturnPath(input, APP)).toBe(expected);
  });

  it.each([
    undefined,
    '',
    '/portal',
    '/join/abc123/sign-in?token=x',
    '/join/abc123?next=//evil.example',
    '/join/abc123#x',
    '/join/',
    '//evil.example/join/abc123',
    'https://evil.example/join/abc123',
    '/..//evil.example/join/abc123',
    'javascript:alert(1)//join/abc',
  ])('offers no way back for %s', (input) => {
    expect(invitationReturnPath(input, APP)).toBeUndefined();
  });
});
