'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { ErrorSummary } from '@/components/ui/ErrorSummary';
import { Field } from '@/components/ui/Field';
import { api } from './api';
import { checkLookup } from './form-checks';
import { useApiForm } from './use-api-form';

type Mode = 'link' | 'id';

const FIELDS: Record<string, { id: string; label: string }> = {
  link: { id: 'lookup-link', label: 'Teams meeting link' },
  meetingId: { id: 'lookup-id', label: 'Meeting ID' },
  passcode: { id: 'lookup-passcode', label: 'Passcode' },
};
const describeField = (key: string) => FIELDS[key];

/** Find a meeting from whatever the invitation gave: a link of any shape, or meeting ID + passcode. */
export function LookupForm() {
  const router = useRouter();
  const [mode, setMode] = useState<Mode>('link');
  const [link, setLink] = useState('');
  const [meetingId, setMeetingId] = useState('');
  const [passcode, setPasscode] = useState('');
  const { busy, error, fields, run, check } = useApiForm();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const problems = checkLookup(mode === 'link' ? { mode, link } : { mode, meetingId, passcode });
    if (!check(problems, (key) => FIELDS[key]?.id)) return;
    const query = mode === 'link' ? new URLSearchParams({ link }) : new URLSearchParams({ meetingId, passcode });
    await run(
      () => api<{ id: string }>(`/api/meetings/lookup?${query.toString()}`),
      (meeting) => router.push(`/portal/meetings/${encodeURIComponent(meeting.id)}`),
    );
  }

  return (
    <section className="card" aria-labelledby="lookup-heading">
      <h2 id="lookup-heading">Look up a meeting</h2>
      <div className="tabs" role="group" aria-label="Look up by">
        <button
          type="button"
          className="button button--secondary"
          aria-pressed={mode === 'link'}
          onClick={() => setMode('link')}
        >
          By link
        </button>
        <button
          type="button"
          className="button button--secondary"
          aria-pressed={mode === 'id'}
          onClick={() => setMode('id')}
        >
          By meeting ID
        </button>
      </div>
      <form method="post" onSubmit={(e) => void submit(e)} noValidate>
        {mode === 'link' ? (
          <Field id="lookup-link" label="Teams meeting link" error={fields.link}>
            {(control) => (
              <textarea
                {...control}
                value={link}
                onChange={(e) => setLink(e.target.value)}
                placeholder="https://teams.microsoft.com/l/meetup-join/…"
                required
              />
            )}
          </Field>
        ) : (
          <div className="inline-fields">
            <Field id="lookup-id" label="Meeting ID" error={fields.meetingId}>
              {(control) => (
                <input
                  {...control}
                  inputMode="numeric"
                  autoComplete="off"
                  value={meetingId}
                  onChange={(e) => setMeetingId(e.target.value)}
                />
              )}
            </Field>
            <Field id="lookup-passcode" label="Passcode" error={fields.passcode}>
              {(control) => (
                <input {...control} autoComplete="off" value={passcode} onChange={(e) => setPasscode(e.target.value)} />
              )}
            </Field>
          </div>
        )}
        <ErrorSummary fields={fields} describe={describeField} />
        {error ? (
          <p role="alert" className="banner banner--error">
            {error}
          </p>
        ) : null}
        <button type="submit" className="button" disabled={busy} aria-busy={busy}>
          {busy ? 'Looking up…' : 'Find meeting'}
        </button>
      </form>
    </section>
  );
}
