import type { Metadata } from 'next';
import Link from 'next/link';

export const metadata: Metadata = { title: 'Signed out' };

/**
 * Where Microsoft (or the emulator) sends people after sign-out has ended their sign-in there too.
 * `?idp=unknown`: Vestibule could not reach the identity provider, so only its own session ended.
 */
export default async function SignedOutPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { idp } = await searchParams;
  return (
    <div className="card" style={{ maxWidth: '32rem', margin: '2rem auto' }}>
      <h1>You have signed out</h1>
      {idp === 'unknown' ? (
        <p role="alert" className="banner banner--error">
          You are signed out of Vestibule, but Microsoft could not be reached to end your Microsoft sign-in. On a shared
          computer, close every browser window.
        </p>
      ) : (
        <p>Your Vestibule session and your Microsoft sign-in in this browser have ended.</p>
      )}
      <p>
        <Link href="/signin">Sign in again</Link>
      </p>
    </div>
  );
}
