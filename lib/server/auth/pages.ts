import 'server-only';
import { redirect } from 'next/navigation';
import { getStaff, type Staff } from './staff';

/**
 * For staff pages: the signed-in employee, or a redirect to sign-in that comes back here. Each page
 * calls it itself — Next renders layouts and pages concurrently, so a layout check alone is no guard.
 */
export async function staffOrSignIn(returnTo: string): Promise<Staff> {
  const staff = await getStaff();
  if (!staff) redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  return staff;
}

/** After Graph said the sign-in is no longer valid: back to sign-in with an explanation. */
export function signInAgain(returnTo: string): never {
  redirect(`/signin?reason=expired&callbackUrl=${encodeURIComponent(returnTo)}`);
}
