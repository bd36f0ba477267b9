'use client';

import { formatDateTime, useTimeZone } from '@/components/ui/time';
import type { AuditView } from '@/lib/api/audit';
import { readableSource } from '@/lib/api/client-address';

/** How each audited action reads after the actor's name; an action not listed shows its code. */
const ACTION_LABEL: Record<string, string> = {
  'share.created': 'invited',
  'share.sent': 'invitation sent to',
  'share.send_failed': 'invitation not delivered to',
  'share.resent': 'resent the invitation to',
  'share.revoked': 'revoked access for',
  'share.tokens_revoked': 'revoked call tokens of',
  'share.tokens_revoke_failed': 'could not revoke call tokens of',
  'share.removed_from_call': 'removed from the meeting (revoked in the call):',
  'share.removal_not_in_call': 'found no longer in the meeting (revoked in the call):',
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

/** The meeting's activity, newest first: who did what, when, and from where. */
export function AuditTrail({ events }: { events: AuditView[] }) {
  const timeZone = useTimeZone();
  return (
    <section aria-labelledby="audit-heading">
      <h2 id="audit-heading">Activity</h2>
      {events.length === 0 ? (
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
            {events.map((e) => (
              <tr key={e.id}>
                <td>{formatDateTime(e.at, timeZone)}</td>
                <td>
                  {e.actor.name ?? e.actor.kind} {ACTION_LABEL[e.action] ?? e.action}{' '}
                  {typeof e.detail?.guestEmail === 'string' ? e.detail.guestEmail : ''}
                </td>
                <td>{readableSource(e.ip)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
