import Link from 'next/link';

/** Product name, where to go, and which cloud this instance talks to (so a local demo is never mistaken for production). */
export function SiteHeader({ cloud }: { cloud: 'local' | 'azure' }) {
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
        </nav>
      </div>
    </header>
  );
}
