import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { ShareView } from '@/lib/api/shares';
import { SharesTable } from './SharesTable';

function share(
  guestEmail: string,
  status: ShareView['status'],
  delivery: ShareView['delivery'] = 'sent',
  inCall: ShareView['inCall'] = null,
): ShareView {
  return {
    id: `id-${guestEmail}`,
    guestEmail,
    guestName: null,
    status,
    delivery,
    deliveryError: null,
    createdAt: '2026-12-01T08:00:00.000Z',
    expiresAt: '2026-12-01T11:00:00.000Z',
    sentAt: null,
    revokedAt: null,
    inviterName: 'Adele Vance',
    joinPath: `/join/id-${guestEmail}`,
    inCall,
  };
}

const never = () => Promise.reject(new Error('not called when rendering'));

function render(shares: ShareView[]): string {
  return renderToStaticMarkup(createElement(SharesTable, { shares, resend: never, revoke: never }));
}

/** The markup of the table row of one guest. */
function row(html: string, email: string): string {
  const start = html.indexOf(`data-testid="share-${email}"`);
  expect(start, `row of ${email}`).toBeGreaterThan(-1);
  return html.slice(start, html.indexOf('</tr>', start));
}

describe('SharesTable', () => {
  it('offers resend and revoke for live shares only: a revoked or expired one can do neither', () => {
    const html = render([
      share('live@example.com', 'in_lobby'),
      share('gone@example.com', 'revoked'),
      share('late@example.com', 'expired'),
    ]);
    expect(row(html, 'live@example.com')).toContain('aria-label="Revoke invitation of live@example.com"');
    expect(row(html, 'live@example.com')).toContain('aria-label="Resend invitation to live@example.com"');
    for (const email of ['gone@example.com', 'late@example.com']) {
      expect(row(html, email)).not.toContain('<button');
    }
  });

  it('labels each state and delivery outcome in words', () => {
    const html = render([share('a@example.com', 'signed_in', 'failed'), share('b@example.com', 'expired', 'pending')]);
    expect(row(html, 'a@example.com')).toContain('Signed in');
    expect(row(html, 'a@example.com')).toContain('Not delivered');
    expect(row(html, 'b@example.com')).toContain('Expired');
    expect(row(html, 'b@example.com')).toContain('Sending…');
  });

  it('tells what became of a guest revoked in the call: requested, still in (remove in Teams), removed', () => {
    const html = render([
      share('asked@example.com', 'revoked', 'sent', 'removal_requested'),
      share('stuck@example.com', 'revoked', 'sent', 'remove_in_teams'),
      share('out@example.com', 'revoked', 'sent', 'removed'),
      share('plain@example.com', 'revoked'),
    ]);
    expect(row(html, 'asked@example.com')).toContain('Removal requested');
    expect(row(html, 'asked@example.com')).not.toContain('Removed from the meeting');
    expect(row(html, 'stuck@example.com')).toContain('Still in the meeting: remove them in Teams');
    expect(row(html, 'out@example.com')).toContain('Removed from the meeting');
    expect(row(html, 'plain@example.com')).not.toContain('in-call-removal');
  });

  it('says so when nobody has been invited', () => {
    expect(render([])).toContain('No guests invited yet.');
  });
});
