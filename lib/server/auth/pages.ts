import 'server-only';
import { redirect } from 'next/navigation';
import { getConfig } from '@/lib/config.js';
import { AppError } from '@/lib/server/errors';
import { log } from '@/lib/server/log';
import { getStaff, type Staff } from './staff';

/**
 * For staff pages: the signed-in employee, or a redirect to sign-in that comes back here. Each page
 * calls it itself — Next renders layouts and pages concurrently, so a layout check alone is no guard.
 */
export async function staffOrSignIn(returnTo: string): Promise<Staff> {
  const staff = await getStaff();
  if (!staff) redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  if (staff.tenantId !== getConfig().entra.tenantId) redirect('/signin?error=NotStaff');
  return staff;
}

/** After Graph said the sign-in is no longer valid: back to sign-in with an explanation. */
function signInAgain(returnTo: string): never {
  redirect(`/signin?reason=expired&callbackUrl=${encodeURIComponent(returnTo)}`);
}

/**
 * What a staff page tells the person when loading failed: the refusal's own message, or a generic one
 * (logged) for anything unexpected. An ended sign-in goes back to sign-in instead.
 */
export function pageProblem(error: unknown, returnTo: string): { message: string; retryAfterSeconds?: number } {
  if (error instanceof AppError) {
    if (error.code === 'unauthenticated') signInAgain(returnTo);
    return { message: error.message, retryAfterSeconds: error.retryAfterSeconds };
  }
  log.error({ err: error, page: returnTo }, 'staff page failed');
  return { message: 'Something went wrong on our side. Try again in a moment.' };
}
