import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { SiteHeader } from '@/components/ui/SiteHeader';
import { getConfig } from '@/lib/config.js';
import { getStaff } from '@/lib/server/auth/staff';
import './globals.css';

// Rendered per request: the header reflects this server's configuration (and, with sign-in, the
// session), never values baked in at build time.
export const dynamic = 'force-dynamic';

export const metadata: Metadata = {
  title: { default: 'Vestibule', template: '%s · Vestibule' },
  description: 'Bring verified external guests into your Microsoft Teams meetings from your own web app.',
  referrer: 'no-referrer',
  // No `icons` here: setting it would replace the link Next derives from app/icon.svg. Safari finds
  // /apple-touch-icon.png (public/) by its well-known path.
  manifest: '/manifest.webmanifest',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <SiteHeader cloud={getConfig().cloud} staffName={(await getStaff())?.name} />
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <footer className="site-footer">Vestibule · guests in Microsoft Teams meetings, verified first.</footer>
      </body>
    </html>
  );
}
