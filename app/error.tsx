'use client';

import Link from 'next/link';
import { useEffect, useRef } from 'react';

/**
 * The site's own page for an unexpected failure while rendering a page (inside the root layout, so the
 * header and footer stay). It never shows the error's message or stack: those stay in the server's
 * log, findable by the reference (Next's digest of the error, logged with it).
 */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <div className="card" style={{ maxWidth: '32rem', margin: '2rem auto' }} data-testid="error-page">
      <h1 ref={heading} tabIndex={-1}>
        Something went wrong
      </h1>
      <p>This page could not be shown. Nothing you did caused it; trying again usually helps.</p>
      {error.digest ? (
        <p style={{ color: 'var(--muted)' }}>
          If it keeps happening, tell your contact at the organization this reference: <code>{error.digest}</code>
        </p>
      ) : null}
      <p style={{ display: 'flex', gap: '1rem', flexWrap: 'wrap', alignItems: 'center' }}>
        <button type="button" className="button" onClick={reset}>
          Try again
        </button>
        <Link href="/">Go to the start page</Link>
      </p>
    </div>
  );
}
