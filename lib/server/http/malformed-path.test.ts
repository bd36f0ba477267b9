import { describe, expect, it } from 'vitest';
import { hasMalformedEscape } from './malformed-path';

describe('hasMalformedEscape', () => {
  it.each(['/api/meetings/%ff', '/join/%E0%A4%A', '/api/shares/%', '/portal/meetings/%C3%28', '/a/%zz'])(
    'finds the bad escape in %s',
    (path) => expect(hasMalformedEscape(path)).toBe(true),
  );

  it.each([
    '/portal/meetings/AAMkAGI2%2FTg0%2BMjA%3D', // Graph ids hold '/', '+' and '=', sent encoded
    '/join/3f2c9a1e-0000-4000-8000-000000000000',
    '/signin',
    '/caf%C3%A9',
    '/',
  ])('lets the well-formed path %s through', (path) => expect(hasMalformedEscape(path)).toBe(false));
});
