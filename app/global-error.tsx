'use client';

import './globals.css';

/**
 * The last resort, when the root layout itself failed: it replaces the whole document, so it brings
 * its own `<html>` and `<body>` and nothing that could fail again (no configuration, no session).
 * Like app/error.tsx it shows no message or stack, only the reference the server logged.
 */
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body>
        <main id="main">
          <div className="card" style={{ maxWidth: '32rem', margin: '2rem auto' }}>
            <h1>Something went wrong</h1>
            <p>The site could not be shown. Trying again in a moment usually helps.</p>
            {error.digest ? (
              <p style={{ color: 'var(--muted)' }}>
                If it keeps happening, tell your contact at the organization this reference: <code>{error.digest}</code>
              </p>
            ) : null}
            <p style={{ display: 'flex', gap: '1rem', flexWrap: 'wrap', alignItems: 'center' }}>
              <button type="button" className="button" onClick={reset}>
                Try again
              </button>
              {/* A full page load: client navigation would reuse the state that just failed. */}
              <a href="/">Go to the start page</a>
            </p>
          </div>
        </main>
      </body>
    </html>
  );
}
