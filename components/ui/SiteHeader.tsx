import Link from 'next/link';
import { SignOutButton } from '@/components/portal/SignInButton';
import { SiteMenu } from './SiteMenu';

export interface Brand {
  name: string;
  logoUrl?: string;
}

/**
 * The organization's name and logo, where to go, who is signed in, and which cloud this instance
 * talks to (so a local demo is never mistaken for production). On phones the links fold into a menu.
 */
export function SiteHeader({
  cloud,
  brand,
  staffName,
}: {
  cloud: 'local' | 'azure';
  brand: Brand;
  staffName?: string;
}) {
  return (
    <header className="site-header">
      <div className="site-header__inner">
        <Link href="/" className="brand">
          {brand.logoUrl ? (
            // A configured logo of any size and origin: next/image would need each host allow-listed.
            <img className="brand__logo" src={brand.logoUrl} alt="" />
          ) : (
            <span className="brand__mark" aria-hidden="true">
              {brand.name.slice(0, 1).toUpperCase()}
            </span>
          )}
          {brand.name}
        </Link>
        {cloud === 'local' ? (
          <span className="cloud-badge" title="Running against the local emulator, not Microsoft's cloud">
            Local emulator
          </span>
        ) : null}
        <SiteMenu>
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
        </SiteMenu>
      </div>
    </header>
  );
}
