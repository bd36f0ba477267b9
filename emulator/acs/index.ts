import type { AcsTokenVerification, AcsTokenVerifier } from './tokens';

export { createAcsTokenVerifier, type AcsTokenVerification, type AcsTokenVerifier } from './tokens';
export { signRequest, verifyHmac, contentHash, MAX_SKEW_MS } from './hmac';

let active: AcsTokenVerifier | undefined;

/** Called by startEmulator: the most recently started emulator in this process answers verifyAcsToken. */
export function setActiveAcsVerifier(v: AcsTokenVerifier | undefined): void {
  active = v;
}

/**
 * Verifies an ACS access token for services running in the emulator's process (the calling
 * service): signature, expiry, and that its identity is neither deleted nor revoked since issue.
 * Prefer the `verifyAcsToken` of the handle `startEmulator()` returns when several run at once.
 */
export async function verifyAcsToken(token: string): Promise<AcsTokenVerification> {
  if (!active) return { ok: false, code: 'invalid', message: 'No emulator is running in this process.' };
  return active(token);
}
