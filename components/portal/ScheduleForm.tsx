'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { ErrorSummary } from '@/components/ui/ErrorSummary';
import { Field } from '@/components/ui/Field';
import { api } from './api';
import { checkSchedule } from './form-checks';
import { useApiForm } from './use-api-form';

/** A date-time-local value for the next full hour, in the viewer's zone. */
function nextHour(): string {
  const d = new Date(Date.now() + 3600_000);
  d.setMinutes(0, 0, 0);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:00`;
}

/** The form's inputs by the API's field names, for the error summary's links and focus. */
const FIELDS: Record<string, { id: string; label: string }> = {
  subject: { id: 'schedule-subject', label: 'Subject' },
  start: { id: 'schedule-start', label: 'Starts' },
  durationMinutes: { id: 'schedule-duration', label: 'Duration' },
  lobbyBypassScope: { id: 'schedule-lobby', label: 'Who can bypass the lobby' },
};
const describeField = (key: string) => FIELDS[key];

/** Schedules a Teams meeting on the employee's calendar, then opens it for sharing. */
export function ScheduleForm() {
  const router = useRouter();
  const [subject, setSubject] = useState('');
  const [start, setStart] = useState(nextHour);
  const [duration, setDuration] = useState('30');
  const [lobby, setLobby] = useState('organization');
  const { busy, error, fields, run, check } = useApiForm();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!check(checkSchedule({ subject, start }), (key) => FIELDS[key]?.id)) return;
    const startDate = new Date(start);
    await run(
      () =>
        api<{ id: string }>('/api/meetings', {
          method: 'POST',
          body: { subject, start: startDate.toISOString(), durationMinutes: Number(duration), lobbyBypassScope: lobby },
        }),
      (meeting) => router.push(`/portal/meetings/${encodeURIComponent(meeting.id)}`),
    );
  }

  return (
    <section className="card" aria-labelledby="schedule-heading">
      <h2 id="schedule-heading">Schedule a meeting</h2>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Field id="schedule-subject" label="Subject" error={fields.subject}>
          {(control) => (
            <input {...control} value={subject} onChange={(e) => setSubject(e.target.value)} maxLength={200} required />
          )}
        </Field>
        <div className="inline-fields">
          <Field id="schedule-start" label="Starts" error={fields.start}>
            {(control) => (
              <input
                {...control}
                type="datetime-local"
                value={start}
                onChange={(e) => setStart(e.target.value)}
                required
              />
            )}
          </Field>
          <div className="field">
            <label htmlFor="schedule-duration">Duration</label>
            <select id="schedule-duration" value={duration} onChange={(e) => setDuration(e.target.value)}>
              <option value="15">15 minutes</option>
              <option value="30">30 minutes</option>
              <option value="45">45 minutes</option>
              <option value="60">1 hour</option>
              <option value="90">1½ hours</option>
              <option value="120">2 hours</option>
            </select>
          </div>
        </div>
        <div className="field">
          <label htmlFor="schedule-lobby">Who can bypass the lobby</label>
          <select id="schedule-lobby" value={lobby} onChange={(e) => setLobby(e.target.value)}>
            <option value="organizer">Only me</option>
            <option value="organization">People in my organization (guests wait to be admitted)</option>
            <option value="everyone">Everyone, guests included</option>
          </select>
        </div>
        <ErrorSummary fields={fields} describe={describeField} />
        {error ? (
          <p role="alert" className="banner banner--error">
            {error}
          </p>
        ) : null}
        <button type="submit" className="button" disabled={busy} aria-busy={busy}>
          {busy ? 'Scheduling…' : 'Schedule meeting'}
        </button>
      </form>
    </section>
  );
}
