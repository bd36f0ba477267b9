'use client';

import { useState, type FormEvent } from 'react';
import { ErrorSummary } from '@/components/ui/ErrorSummary';
import { Field } from '@/components/ui/Field';
import { useTimeZone } from '@/components/ui/time';
import { LOCALE_NAMES, LOCALES, type Locale } from '@/lib/i18n/locales';
import type { ApiResult } from './api';
import type { SharesResponse } from '@/lib/api/shares';
import { checkInvite } from './form-checks';
import { invitedNotice } from './share-notices';
import { useApiForm } from './use-api-form';
import type { InviteRequest } from './use-meeting-shares';

/** The server accepts up to 20 guests per request; the form stops adding rows there. */
const MAX_GUESTS = 20;

interface GuestRow {
  key: number;
  email: string;
  name: string;
  /**
   * The language of this guest's invitation mail and, by default, of their pages; '' leaves the pages
   * to the guest's browser (the mail is then English).
   */
  language: Locale | '';
}

const emptyRow = (): GuestRow => ({ key: Date.now(), email: '', name: '', language: '' });

/** The form's inputs by the API's field paths (`guests.1.email`), for the error summary's links and focus. */
function describeField(key: string): { id: string; label: string } | undefined {
  const guest = /^guests\.(\d+)\.(email|name)$/.exec(key);
  if (guest) {
    const n = Number(guest[1]);
    return guest[2] === 'email'
      ? { id: `guest-email-${n}`, label: `Guest ${n + 1} e-mail` }
      : { id: `guest-name-${n}`, label: `Guest ${n + 1} name` };
  }
  return key === 'message' ? { id: 'invite-message', label: 'Personal message' } : undefined;
}

/** Invite one or more guests to a meeting by e-mail, with an optional personal message. */
export function InviteForm({
  meetingEnded,
  invite,
}: {
  meetingEnded: boolean;
  invite: (request: InviteRequest) => Promise<ApiResult<SharesResponse>>;
}) {
  const timeZone = useTimeZone();
  const [guests, setGuests] = useState<GuestRow[]>([{ key: 0, email: '', name: '', language: '' }]);
  const [message, setMessage] = useState('');
  const { busy, notice, fields, run, check } = useApiForm({ after: 'stay' });

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!check(checkInvite(guests), (key) => describeField(key)?.id)) return;
    await run(
      () =>
        invite({
          guests: guests.map((g) => ({ email: g.email, name: g.name || undefined, language: g.language || undefined })),
          message: message || undefined,
          timeZone,
        }),
      (data) => {
        setGuests([emptyRow()]);
        setMessage('');
        return invitedNotice(data);
      },
    );
  }

  return (
    <section aria-labelledby="invite-heading" className="card">
      <h2 id="invite-heading">Invite guests</h2>
      {meetingEnded ? (
        <p className="banner banner--info">This meeting has ended, so no more guests can be invited.</p>
      ) : (
        <form onSubmit={(e) => void submit(e)} noValidate>
          {guests.map((g, i) => {
            const update = (change: Partial<GuestRow>) =>
              setGuests((rows) => rows.map((r) => (r.key === g.key ? { ...r, ...change } : r)));
            return (
              <div className="inline-fields" key={g.key}>
                <Field id={`guest-email-${i}`} label={`Guest ${i + 1} e-mail`} error={fields[`guests.${i}.email`]}>
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
                  error={fields[`guests.${i}.name`]}
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
                <Field
                  id={`guest-language-${i}`}
                  label={`Guest ${i + 1} language`}
                  error={fields[`guests.${i}.language`]}
                >
                  {(control) => (
                    <select
                      {...control}
                      value={g.language}
                      onChange={(e) => update({ language: e.target.value as Locale | '' })}
                    >
                      <option value="">Guest’s browser language (mail in English)</option>
                      {LOCALES.map((locale) => (
                        <option key={locale} value={locale} lang={locale}>
                          {LOCALE_NAMES[locale]}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
              </div>
            );
          })}
          <p>
            <button
              type="button"
              className="button button--secondary"
              disabled={guests.length >= MAX_GUESTS}
              onClick={() => setGuests((rows) => [...rows, emptyRow()])}
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
          <ErrorSummary fields={fields} describe={describeField} />
          <button type="submit" className="button" disabled={busy} aria-busy={busy}>
            {busy ? 'Sending invitations…' : 'Send invitations'}
          </button>
        </form>
      )}
      <div aria-live="polite">
        {notice ? (
          <p className={`banner banner--${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
            {notice.text}
          </p>
        ) : null}
      </div>
    </section>
  );
}
