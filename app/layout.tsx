import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { SiteHeader } from '@/components/ui/SiteHeader';
import { siteBrandVariables } from '@/lib/brand/palette';
import { getConfig } from '@/lib/config.js';
import { getStaff } from '@/lib/server/auth/staff';
import './globals.css';

// Rendered per request: the header reflects this server's configuration (and, with sign-in, the
// session), never values baked in at build time.
export const dynamic = 'force-dynamic';

export function generateMetadata(): Metadata {
  const { name } = getConfig().brand;
  return {
    title: { default: name, template: `%s · ${name}` },
    description: 'Bring verified external guests into your Microsoft Teams meetings from your own web app.',
    referrer: 'no-referrer',
    // No `icons` here: setting it would replace the link Next derives from app/icon.svg. Safari finds
    // /apple-touch-icon.png (public/) by its well-known path.
    manifest: '/manifest.webmanifest',
  };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const { cloud, brand } = getConfig();
  return (
    // The brand colour reaches every stylesheet rule (and the call's Fluent theme) as CSS variables.
    <html lang="en" style={siteBrandVariables(brand.primaryColor)}>
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <SiteHeader cloud={cloud} brand={brand} staffName={(await getStaff())?.name} />
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <footer className="site-footer">{brand.name} · guests in Microsoft Teams meetings, verified first.</footer>
      </body>
    </html>
  );
}
