import { describe, expect, it } from 'vitest';
import type { ShareView } from '@/lib/api/shares';
import { invitedNotice, revokeConsequences, revokedNotice } from './share-notices';

function share(guestEmail: string, change: Partial<ShareView> = {}): ShareView {
  return {
    id: `id-${guestEmail}`,
    guestEmail,
    guestName: null,
    status: 'joined',
    delivery: 'sent',
    deliveryError: null,
    createdAt: '2026-12-01T08:00:00.000Z',
    expiresAt: '2026-12-01T11:00:00.000Z',
    sentAt: '2026-12-01T08:00:01.000Z',
    revokedAt: null,
    inviterName: 'Adele Vance',
    joinPath: `/join/id-${guestEmail}`,
    inCall: null,
    ...change,
  };
}

/** Words that would tell staff the guest was taken out of the call, which revoking never does. */
const CLAIMS_REMOVAL = /\b(removed|kicked|disconnected|ended their call|taken out)\b/i;

describe('revoking, as staff are told', () => {
  const ada = share('ada@example.com');

  it('says before confirming that a guest already in the meeting stays until a host removes them', () => {
    const text = revokeConsequences(ada);
    expect(text).toContain('ada@example.com will no longer be able to join');
    expect(text).toContain('otherwise they stay until a host removes them in Teams');
    expect(text).not.toMatch(CLAIMS_REMOVAL);
  });

  it('says afterwards what changed and what did not, without claiming removal', () => {
    const notice = revokedNotice(ada, { share: { ...ada, status: 'revoked' }, acsTokensRevoked: true });
    expect(notice.kind).toBe('ok');
    expect(notice.text).toContain('can no longer join this meeting or renew their access');
    expect(notice.text).toContain('they stay until a host removes them in Teams');
    expect(notice.text).not.toMatch(CLAIMS_REMOVAL);
  });

  it('says a removal was requested, not done, when a Vestibule host is in the meeting to do it', () => {
    const notice = revokedNotice(ada, {
      share: { ...ada, status: 'revoked', inCall: 'removal_requested' },
      acsTokensRevoked: true,
    });
    expect(notice.text).toContain('removal requested from the host');
    expect(notice.text).not.toMatch(CLAIMS_REMOVAL);
  });

  it('says plainly that the guest is still in the meeting and must be removed in Teams when no Vestibule host is', () => {
    const notice = revokedNotice(ada, {
      share: { ...ada, status: 'revoked', inCall: 'remove_in_teams' },
      acsTokensRevoked: true,
    });
    expect(notice.text).toContain('They are still in the meeting');
    expect(notice.text).toContain('remove them in Teams');
    expect(notice.text).not.toMatch(CLAIMS_REMOVAL);
  });

  it('warns when the call access already issued could not be cancelled at Microsoft', () => {
    const notice = revokedNotice(ada, { share: { ...ada, status: 'revoked' }, acsTokensRevoked: false });
    expect(notice.kind).toBe('error');
    expect(notice.text).toContain('stays valid for up to an hour');
    expect(notice.text).toContain('they stay until a host removes them in Teams');
  });
});

describe('inviting, as staff are told', () => {
  it('names every guest when all invitations were delivered', () => {
    const notice = invitedNotice({ shares: [share('ada@example.com'), share('bea@example.com')] });
    expect(notice).toEqual({ kind: 'ok', text: 'Invitation sent to ada@example.com, bea@example.com.' });
  });

  it('names only the guests whose e-mail was not delivered, and points to Resend', () => {
    const notice = invitedNotice({
      shares: [share('ada@example.com'), share('bea@example.com', { delivery: 'failed' })],
    });
    expect(notice.kind).toBe('error');
    expect(notice.text).toContain('could not be delivered to bea@example.com.');
    expect(notice.text).not.toContain('ada@example.com');
    expect(notice.text).toContain('Resend');
  });
});
