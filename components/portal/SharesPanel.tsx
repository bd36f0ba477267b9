'use client';

import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { api } from './api';
import { Field } from '@/components/ui/Field';
import { formatDateTime, useTimeZone } from '@/components/ui/time';
// Types only (erased at build): the JSON shapes the staff API returns, defined once beside the server code.
import type { AuditView } from '@/lib/server/audit';
import type { ShareView } from '@/lib/server/shares/view';

const STATUS_LABEL: Record<ShareView['status'], string> = {
  invited: 'Invited',
  signed_in: 'Signed in',
  in_lobby: 'In lobby',
  joined: 'Joined',
  left: 'Left',
  revoked: 'Revoked',
  expired: 'Expired',
};

const DELIVERY_LABEL: Record<ShareView['delivery'], string> = {
  pending: 'Sending…',
  sent: 'Delivered',
  failed: 'Not delivered',
};

const ACTION_LABEL: Record<string, string> = {
  'share.created': 'invited',
  'share.sent': 'invitation sent to',
  'share.send_failed': 'invitation not delivered to',
  'share.resent': 'resent the invitation to',
  'share.revoked': 'revoked access for',
  'share.tokens_revoked': 'revoked call tokens of',
  'share.tokens_revoke_failed': 'could not revoke call tokens of',
  'guest.sign_in_requested': 'was sent a sign-in e-mail:',
  'guest.sign_in_other_address': 'asked to sign in with an address that was not invited',
  'guest.sign_in_mail_failed': 'sign-in e-mail not delivered to',
  'guest.sign_in_locked': 'sign-in stopped after too many wrong codes for',
  'guest.signed_in': 'signed in:',
  'guest.token_issued': 'got a call token:',
  'guest.token_refused': 'was refused a call token',
  'guest.status_refused': 'was refused a status update',
  'guest.in_lobby': 'is waiting in the lobby:',
  'guest.joined': 'joined the meeting:',
  'guest.left': 'left the meeting:',
};

interface GuestRow {
  key: number;
  email: string;
  name: string;
}

/** Invite guests to one meeting, see each invitation's state, resend or revoke, and read the audit trail. */
export function SharesPanel({
  meetingId,
  initialShares,
  initialAudit,
  meetingEnded,
}: {
  meetingId: string;
  initialShares: ShareView[];
  initialAudit: AuditView[];
  meetingEnded: boolean;
}) {
  const timeZone = useTimeZone();
  const base = `/api/meetings/${encodeURIComponent(meetingId)}`;
  const [shares, setShares] = useState(initialShares);
  const [audit, setAudit] = useState(initialAudit);
  const [guests, setGuests] = useState<GuestRow[]>([{ key: 0, email: '', name: '' }]);
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string }>();
  const [fields, setFields] = useState<Record<string, string>>({});
  const [confirming, setConfirming] = useState<string>();
  const [working, setWorking] = useState<string>();
  // Keyboard focus follows the action: to "Yes, revoke" when asked, to the outcome when done.
  const confirmButton = useRef<HTMLButtonElement>(null);
  const noticeRef = useRef<HTMLParagraphElement>(null);
  const focusNoticeNext = useRef(false);
  useEffect(() => {
    if (confirming) confirmButton.current?.focus();
  }, [confirming]);
  useEffect(() => {
    if (focusNoticeNext.current && notice) {
      noticeRef.current?.focus();
      focusNoticeNext.current = false;
    }
  }, [notice]);

  const reload = useCallback(async () => {
    const [s, a] = await Promise.all([
      api<{ shares: ShareView[] }>(`${base}/shares`),
      api<{ events: AuditView[] }>(`${base}/audit`),
    ]);
    if (s.ok) setShares(s.data.shares);
    if (a.ok) setAudit(a.data.events);
  }, [base]);

  async function invite(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setNotice(undefined);
    setFields({});
    const result = await api<{ shares: ShareView[] }>(`${base}/shares`, {
      method: 'POST',
      body: {
        guests: guests.map((g) => ({ email: g.email, name: g.name || undefined })),
        message: message || undefined,
        timeZone,
      },
    });
    setBusy(false);
    if (!result.ok) {
      setFields(result.fields ?? {});
      setNotice({ kind: 'error', text: result.message });
      return;
    }
    const failed = result.data.shares.filter((s) => s.delivery === 'failed');
    setNotice(
      failed.length === 0
        ? { kind: 'ok', text: `Invitation sent to ${result.data.shares.map((s) => s.guestEmail).join(', ')}.` }
        : {
            kind: 'error',
            text: `Invited, but the e-mail could not be delivered to ${failed.map((s) => s.guestEmail).join(', ')}. Use Resend below.`,
          },
    );
    setGuests([{ key: Date.now(), email: '', name: '' }]);
    setMessage('');
    await reload();
  }

  async function act(share: ShareView, action: 'resend' | 'revoke') {
    setWorking(share.id);
    setConfirming(undefined);
    setNotice(undefined);
    const result =
      action === 'resend'
        ? await api(`/api/shares/${share.id}/resend`, { method: 'POST' })
        : await api<{ acsTokensRevoked: boolean }>(`/api/shares/${share.id}`, { method: 'DELETE' });
    setWorking(undefined);
    focusNoticeNext.current = true;
    if (!result.ok) setNotice({ kind: 'error', text: result.message });
    else if (action === 'resend') setNotice({ kind: 'ok', text: `Invitation sent again to ${share.guestEmail}.` });
    else setNotice({ kind: 'ok', text: `${share.guestEmail} can no longer join this meeting.` });
    await reload();
  }

  const fieldError = (name: string) => fields[name];

  return (
    <>
      <section aria-labelledby="invite-heading" className="card">
        <h2 id="invite-heading">Invite guests</h2>
        {meetingEnded ? (
          <p className="banner banner--info">This meeting has ended, so no more guests can be invited.</p>
        ) : (
          <form onSubmit={(e) => void invite(e)} noValidate>
            {guests.map((g, i) => {
              const update = (change: Partial<GuestRow>) =>
                setGuests((rows) => rows.map((r) => (r.key === g.key ? { ...r, ...change } : r)));
              return (
                <div className="inline-fields" key={g.key}>
                  <Field
                    id={`guest-email-${i}`}
                    label={`Guest ${i + 1} e-mail`}
                    error={fieldError(`guests.${i}.email`)}
                  >
                    {(control) => (
                      <input
                        {...control}
                        type="email"
                        autoComplete="off"
                        value={g.email}
                        onChange={(e) => update({ email: e.target.value })}
                      />
                    )}
                  </Field>
                  <Field
                    id={`guest-name-${i}`}
                    label={`Guest ${i + 1} name (optional)`}
                    error={fieldError(`guests.${i}.name`)}
                  >
                    {(control) => (
                      <input
                        {...control}
                        autoComplete="off"
                        maxLength={80}
                        value={g.name}
                        onChange={(e) => update({ name: e.target.value })}
                      />
                    )}
                  </Field>
                </div>
              );
            })}
            <p>
              <button
                type="button"
                className="button button--secondary"
                disabled={guests.length >= 20}
                onClick={() => setGuests((rows) => [...rows, { key: Date.now(), email: '', name: '' }])}
              >
                Add another guest
              </button>
            </p>
            <div className="field">
              <label htmlFor="invite-message">Personal message (optional)</label>
              <textarea
                id="invite-message"
                value={message}
                maxLength={1000}
                onChange={(e) => setMessage(e.target.value)}
              />
            </div>
            <button type="submit" className="button" disabled={busy} aria-busy={busy}>
              {busy ? 'Sending invitations…' : 'Send invitations'}
            </button>
          </form>
        )}
        <div aria-live="polite">
          {notice ? (
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
      </section>

      <section aria-labelledby="shares-heading">
        <h2 id="shares-heading">Invitations</h2>
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
            <tbody>
              {shares.map((s) => (
                <tr key={s.id} data-testid={`share-${s.guestEmail}`}>
                  <td>
                    {s.guestName ? <strong>{s.guestName}</strong> : null} {s.guestEmail}
                  </td>
                  <td>
                    <span className={`status status--${s.status}`}>{STATUS_LABEL[s.status]}</span>
                  </td>
                  <td>
                    <span className={`status status--${s.delivery}`}>{DELIVERY_LABEL[s.delivery]}</span>
                  </td>
                  <td>{formatDateTime(s.expiresAt, timeZone)}</td>
                  <td>
                    {s.status === 'revoked' || s.status === 'expired' ? null : confirming === s.id ? (
                      <span role="group" aria-label={`Confirm revoking ${s.guestEmail}`}>
                        <button
                          ref={confirmButton}
                          type="button"
                          className="button"
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
                      </span>
                    ) : (
                      <>
                        <button
                          type="button"
                          className="button button--secondary"
                          disabled={working === s.id}
                          onClick={() => void act(s, 'resend')}
                          aria-label={`Resend invitation to ${s.guestEmail}`}
                        >
                          Resend
                        </button>{' '}
                        <button
                          type="button"
                          className="button button--secondary"
                          disabled={working === s.id}
                          onClick={() => setConfirming(s.id)}
                          aria-label={`Revoke invitation of ${s.guestEmail}`}
                        >
                          Revoke
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

      <section aria-labelledby="audit-heading">
        <h2 id="audit-heading">Activity</h2>
        {audit.length === 0 ? (
          <p>Nothing has happened yet.</p>
        ) : (
          <table className="data">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">What</th>
                <th scope="col">From</th>
              </tr>
            </thead>
            <tbody>
              {audit.map((e) => (
                <tr key={e.id}>
                  <td>{formatDateTime(e.at, timeZone)}</td>
                  <td>
                    {e.actor.name ?? e.actor.kind} {ACTION_LABEL[e.action] ?? e.action}{' '}
                    {typeof e.detail?.guestEmail === 'string' ? e.detail.guestEmail : ''}
                  </td>
                  <td>{e.ip ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
