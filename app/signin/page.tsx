import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { SignInButton } from '@/components/portal/SignInButton';
import { getConfig } from '@/lib/config.js';
import { getStaff } from '@/lib/server/auth/staff';
import { safeReturnPath } from '@/lib/server/http/return-path';

export const metadata: Metadata = { title: 'Staff sign-in' };

/** next-auth's error codes (and Vestibule's own) in words a person can act on. */
const MESSAGES: Record<string, string> = {
  NotStaff:
    'That account is not part of this organization. Only staff can sign in here; guests use the link in their invitation.',
  AccessDenied:
    'That account is not part of this organization. Only staff can sign in here; guests use the link in their invitation.',
  OAuthCallback: 'Sign-in did not complete. Try again.',
  OAuthSignin: 'Microsoft sign-in could not be started. Try again in a moment.',
  Callback: 'Sign-in did not complete. Try again.',
  SessionRequired: 'Sign in to continue.',
  expired: 'Your Microsoft sign-in has ended. Sign in again to continue.',
};

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const params = await searchParams;
  // Only this app's own pages may be returned to after sign-in (see safeReturnPath).
  const callbackUrl = safeReturnPath(params.callbackUrl, getConfig().appUrl);
  if (!params.error && !params.reason && (await getStaff())) redirect(callbackUrl);
  const problem = params.error
    ? (MESSAGES[params.error] ?? 'Sign-in failed. Try again.')
    : params.reason
      ? MESSAGES[params.reason]
      : undefined;
  return (
    <div className="card" style={{ maxWidth: '32rem', margin: '2rem auto' }}>
      <h1>Staff sign-in</h1>
      <p>Sign in with your work account to see your Teams meetings and invite guests.</p>
      {problem ? (
        <p role="alert" className="banner banner--error">
          {problem}
        </p>
      ) : null}
      <SignInButton callbackUrl={callbackUrl} />
    </div>
  );
}
