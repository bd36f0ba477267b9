import type { AuditView } from '@/lib/api/audit';

/**
 * What each audited action reads as: `who` is the actor's name, `guest` the invited address. An
 * action not listed shows its code after the actor.
 */
const LINES: Record<string, (who: string, guest: string) => string> = {
  'share.created': (who, guest) => `${who} invited ${guest}`,
  // Delivery is the mail relay's outcome, whoever's request triggered it: no person is credited.
  'share.sent': (_who, guest) => `Invitation e-mail delivered to ${guest}`,
  'share.send_failed': (_who, guest) => `Invitation e-mail to ${guest} could not be delivered`,
  'share.resent': (who, guest) => `${who} resent the invitation to ${guest}`,
  'share.revoked': (who, guest) => `${who} revoked access for ${guest}`,
  'share.tokens_revoked': (who, guest) => `${who} revoked the call tokens of ${guest}`,
  'share.tokens_revoke_failed': (who, guest) => `${who} could not revoke the call tokens of ${guest}`,
  // Reported by the Vestibule host's client that carried out a revocation during the call.
  'share.removed_from_call': (who, guest) =>
    `${who}'s meeting window removed ${guest} from the meeting (invitation revoked during the call)`,
  'share.removal_not_in_call': (who, guest) =>
    `${who}'s meeting window found ${guest} no longer in the meeting (invitation revoked during the call)`,
  'guest.sign_in_requested': (_who, guest) => `Sign-in e-mail sent to ${guest}`,
  'guest.sign_in_other_address': (_who, guest) =>
    `Someone asked to sign in for ${guest}'s invitation with an address that was not invited`,
  'guest.sign_in_mail_failed': (_who, guest) => `Sign-in e-mail to ${guest} could not be delivered`,
  'guest.sign_in_locked': (_who, guest) => `Sign-in stopped after too many wrong codes for ${guest}`,
  'guest.signed_in': (who) => `${who} signed in`,
  'guest.token_issued': (who) => `${who} got a call token`,
  'guest.token_refused': (who) => `${who} was refused a call token`,
  'guest.status_refused': (who) => `${who} was refused a status update`,
  'guest.in_lobby': (who) => `${who} is waiting in the lobby`,
  'guest.joined': (who) => `${who} joined the meeting`,
  'guest.left': (who) => `${who} left the meeting`,
};

/** Where an event's guest is named: the share's address, else what the event itself recorded. */
function guestOf(event: AuditView): string {
  const fromDetail = typeof event.detail?.guestEmail === 'string' ? event.detail.guestEmail : undefined;
  return event.guestEmail ?? fromDetail ?? 'a guest';
}

function actorOf(event: AuditView): string {
  if (event.actor.name) return event.actor.name;
  if (event.actor.kind === 'guest') return guestOf(event);
  return event.actor.kind === 'system' ? 'Vestibule' : 'Someone';
}

/** One line of the activity trail, as staff read it. */
export function auditLine(event: AuditView): string {
  const line = LINES[event.action];
  return line ? line(actorOf(event), guestOf(event)) : `${actorOf(event)}: ${event.action}`;
}
