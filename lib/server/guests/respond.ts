import 'server-only';
import { getConfig } from '@/lib/config.js';
import type { SignedIn } from './sign-in';
import { guestSessionCookie } from './sessions';

/** The answer to a successful sign-in: who is signed in, and the guest session cookie. */
export function signedInResponse(signedIn: SignedIn, now = new Date()): Response {
  const cookie = guestSessionCookie(
    { token: signedIn.sessionToken, expiresAt: signedIn.expiresAt, now },
    getConfig().appUrl,
  );
  return Response.json({ email: signedIn.email }, { headers: { 'Set-Cookie': cookie } });
}
