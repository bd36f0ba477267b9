import Link from 'next/link';
import { SignOutButton } from '@/components/portal/SignInButton';

/**
 * Product name, where to go, who is signed in, and which cloud this instance talks to (so a local
 * demo is never mistaken for production).
 */
export function SiteHeader({ cloud, staffName }: { cloud: 'local' | 'azure'; staffName?: string }) {
  return (
    <header className="site-header">
      <div className="site-header__inner">
        <Link href="/" className="brand">
          <span className="brand__mark" aria-hidden="true">
            V
          </span>
          Vestibule
        </Link>
        {cloud === 'local' ? (
          <span className="cloud-badge" title="Running against the local emulator, not Microsoft's cloud">
            Local emulator
          </span>
        ) : null}
        <nav className="site-nav" aria-label="Main">
          <Link href="/device-check">Check your devices</Link>
          {staffName ? (
            <>
              <Link href="/portal">My meetings</Link>
              <span aria-label={`Signed in as ${staffName}`}>{staffName}</span>
              <SignOutButton />
            </>
          ) : (
            <Link href="/signin">Staff sign-in</Link>
          )}
        </nav>
      </div>
    </header>
  );
}
