'use client';

import { useEffect, useRef, useState } from 'react';
import { formatDateTime, useTimeZone } from '@/components/ui/time';
import type { ResendShareResponse, RevokeShareResponse, ShareView } from '@/lib/api/shares';
import type { ApiResult } from './api';
import { revokeConsequences, revokedNotice } from './share-notices';
import { useApiForm } from './use-api-form';

const STATUS_LABEL: Record<ShareView['status'], string> = {
  invited: 'Invited',
  signed_in: 'Signed in',
  in_lobby: 'In lobby',
  joined: 'Joined',
  left: 'Left',
  revoked: 'Revoked',
  expired: 'Expired',
};

/** A guest revoked while in the meeting: what became of them (the server never says "removed" unconfirmed). */
const IN_CALL_LABEL: Record<NonNullable<ShareView['inCall']>, string> = {
  removal_requested: 'Removal requested',
  remove_in_teams: 'Still in the meeting: remove them in Teams',
  removed: 'Removed from the meeting',
  not_in_call: 'Had already left',
};

const DELIVERY_LABEL: Record<ShareView['delivery'], string> = {
  pending: 'Sending…',
  sent: 'Delivered',
  failed: 'Not delivered',
};

/** Each guest of the meeting with the state of their share and invitation; resend it, or revoke it after a confirmation. */
export function SharesTable({
  shares,
  resend,
  revoke,
}: {
  shares: ShareView[];
  resend: (share: ShareView) => Promise<ApiResult<ResendShareResponse>>;
  revoke: (share: ShareView) => Promise<ApiResult<RevokeShareResponse>>;
}) {
  const timeZone = useTimeZone();
  const { busy, notice, run } = useApiForm({ after: 'stay' });
  const [confirming, setConfirming] = useState<string>();
  // Which action runs on which share: that button says so while it runs (it can take a while when the
  // mail server or ACS is slow), and the live region tells screen readers the same.
  const [pending, setPending] = useState<{ id: string; action: 'resend' | 'revoke'; guestEmail: string }>();
  // Keyboard focus follows the action: to "Yes, revoke" when asked, to the outcome when done.
  const confirmButton = useRef<HTMLButtonElement>(null);
  const noticeRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (confirming) confirmButton.current?.focus();
  }, [confirming]);
  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);

  async function act(share: ShareView, action: 'resend' | 'revoke') {
    setConfirming(undefined);
    setPending({ id: share.id, action, guestEmail: share.guestEmail });
    try {
      await (action === 'resend'
        ? run(
            () => resend(share),
            () => ({ kind: 'ok', text: `Invitation sent again to ${share.guestEmail}.` }),
          )
        : run(
            () => revoke(share),
            (data) => revokedNotice(share, data),
          ));
    } finally {
      setPending(undefined);
    }
  }

  return (
    <section aria-labelledby="shares-heading">
      <h2 id="shares-heading">Guests</h2>
      <div aria-live="polite">
        {pending ? (
          <p className="banner banner--info" role="status" data-testid="shares-progress">
            {pending.action === 'resend'
              ? `Sending the invitation again to ${pending.guestEmail}…`
              : `Revoking the invitation of ${pending.guestEmail}…`}
          </p>
        ) : notice ? (
          <p
            ref={noticeRef}
            tabIndex={-1}
            className={`banner banner--${notice.kind}`}
            role={notice.kind === 'error' ? 'alert' : 'status'}
          >
            {notice.text}
          </p>
        ) : null}
      </div>
      {shares.length === 0 ? (
        <p>No guests invited yet.</p>
      ) : (
        <table className="data">
          <thead>
            <tr>
              <th scope="col">Guest</th>
              <th scope="col">Status</th>
              <th scope="col">E-mail</th>
              <th scope="col">Valid until</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody aria-busy={Boolean(pending)}>
            {shares.map((s) => (
              <tr key={s.id} data-testid={`share-${s.guestEmail}`}>
                <td data-label="Guest">
                  {s.guestName ? <strong>{s.guestName}</strong> : null} {s.guestEmail}
                </td>
                <td data-label="Status">
                  <span className={`status status--${s.status}`}>{STATUS_LABEL[s.status]}</span>
                  {s.inCall ? (
                    <>
                      {' '}
                      <span className={`status status--${s.inCall}`} data-testid="in-call-removal">
                        {IN_CALL_LABEL[s.inCall]}
                      </span>
                    </>
                  ) : null}
                </td>
                <td data-label="E-mail">
                  <span className={`status status--${s.delivery}`}>{DELIVERY_LABEL[s.delivery]}</span>
                </td>
                <td data-label="Valid until">{formatDateTime(s.expiresAt, timeZone)}</td>
                <td>
                  {s.status === 'revoked' || s.status === 'expired' ? null : confirming === s.id ? (
                    <div role="group" aria-label={`Confirm revoking ${s.guestEmail}`}>
                      <p id={`revoke-${s.id}-explained`} style={{ margin: '0 0 0.5rem', maxWidth: '24rem' }}>
                        {revokeConsequences(s)}
                      </p>
                      <button
                        ref={confirmButton}
                        type="button"
                        className="button"
                        aria-describedby={`revoke-${s.id}-explained`}
                        onClick={() => void act(s, 'revoke')}
                      >
                        Yes, revoke
                      </button>{' '}
                      <button
                        type="button"
                        className="button button--secondary"
                        onClick={() => setConfirming(undefined)}
                      >
                        Keep
                      </button>
                    </div>
                  ) : (
                    <>
                      <button
                        type="button"
                        className="button button--secondary"
                        disabled={busy}
                        aria-busy={pending?.id === s.id && pending.action === 'resend'}
                        onClick={() => void act(s, 'resend')}
                        aria-label={`Resend invitation to ${s.guestEmail}`}
                      >
                        {pending?.id === s.id && pending.action === 'resend' ? 'Resending…' : 'Resend'}
                      </button>{' '}
                      <button
                        type="button"
                        className="button button--secondary"
                        disabled={busy}
                        aria-busy={pending?.id === s.id && pending.action === 'revoke'}
                        onClick={() => setConfirming(s.id)}
                        aria-label={`Revoke invitation of ${s.guestEmail}`}
                      >
                        {pending?.id === s.id && pending.action === 'revoke' ? 'Revoking…' : 'Revoke'}
                      </button>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
