'use client';

import './globals.css';
import { ErrorPanel } from '@/components/ui/ErrorPanel';

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
          <ErrorPanel
            explanation="The site could not be shown. Trying again in a moment usually helps."
            digest={error.digest}
            reset={reset}
            // A full page load: client navigation would reuse the state that just failed.
            home={<a href="/">Go to the start page</a>}
          />
        </main>
      </body>
    </html>
  );
}
