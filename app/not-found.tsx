import type { Metadata } from 'next';
import Link from 'next/link';

export const metadata: Metadata = { title: 'Page not found' };

/** The site's own 404: for unknown addresses, and for addresses the proxy found malformed. */
export default function NotFound() {
  return (
    <div className="card" style={{ maxWidth: '32rem', margin: '2rem auto' }}>
      <h1>Page not found</h1>
      <p>
        There is nothing at this address. If you followed a link from an invitation, check that it was copied whole.
      </p>
      <p>
        <Link href="/">Go to the start page</Link>
      </p>
    </div>
  );
}
