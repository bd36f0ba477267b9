'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api } from '@/components/portal/api';
import { useApiForm } from '@/components/portal/use-api-form';
import { Field } from '@/components/ui/Field';

type Step = 'start' | 'email' | 'code';

/**
 * The guest proves they own the invited address: Join → e-mail address → the code from the mail (or
 * they follow the mail's link instead). Each step moves focus to its heading so screen readers
 * announce it; what was typed is kept when something is refused.
 */
export function GuestSignIn({ shareId, maskedEmail }: { shareId: string; maskedEmail: string }) {
  const router = useRouter();
  const [step, setStep] = useState<Step>('start');
  const [email, setEmail] = useState('');
  const [code, setCode] = useState('');
  const [sentMessage, setSentMessage] = useState('');
  // The guest's steps stay on one page: a success ends the busy state too.
  const { busy, error, fields, run } = useApiForm({ after: 'stay' });
  const heading = useRef<HTMLHeadingElement>(null);
  const base = `/api/join/${encodeURIComponent(shareId)}`;

  useEffect(() => {
    if (step !== 'start') heading.current?.focus();
  }, [step]);

  async function sendMail(event?: FormEvent) {
    event?.preventDefault();
    await run(
      () => api<{ message: string }>(`${base}/sign-in`, { method: 'POST', body: { email } }),
      (result) => {
        setSentMessage(result.message);
        setCode('');
        setStep('code');
      },
    );
  }

  async function submitCode(event: FormEvent) {
    event.preventDefault();
    await run(
      () => api<{ email: string }>(`${base}/code`, { method: 'POST', body: { email, code } }),
      () => router.refresh(),
    );
  }

  if (step === 'start') {
    return (
      <button type="button" className="button" onClick={() => setStep('email')}>
        Join
      </button>
    );
  }

  const alert = error ? (
    <p role="alert" className="banner banner--error">
      {error}
    </p>
  ) : null;

  if (step === 'email') {
    return (
      <section aria-labelledby="sign-in-heading">
        <h2 id="sign-in-heading" ref={heading} tabIndex={-1}>
          Confirm your e-mail address
        </h2>
        <p>
          Enter the address this invitation was sent to ({maskedEmail}). We’ll e-mail you a sign-in link and a code.
        </p>
        {alert}
        <form method="post" onSubmit={(e) => void sendMail(e)} noValidate aria-busy={busy}>
          <Field id="guest-email" label="Your e-mail address" error={fields.email}>
            {(control) => (
              <input
                {...control}
                type="email"
                autoComplete="email"
                value={email}
                onChange={(e) => setEmail(e.target.value)}
                required
              />
            )}
          </Field>
          <button type="submit" className="button" disabled={busy}>
            {busy ? 'Sending…' : 'Send sign-in e-mail'}
          </button>
        </form>
      </section>
    );
  }

  return (
    <section aria-labelledby="code-heading">
      <h2 id="code-heading" ref={heading} tabIndex={-1}>
        Check your e-mail
      </h2>
      <p role="status">{sentMessage}</p>
      <p>Open the link in the e-mail, or enter the code from it here.</p>
      {alert}
      <form method="post" onSubmit={(e) => void submitCode(e)} noValidate aria-busy={busy}>
        <Field id="guest-code" label="Sign-in code" error={fields.code}>
          {(control) => (
            <input
              {...control}
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={12}
              value={code}
              onChange={(e) => setCode(e.target.value)}
              required
            />
          )}
        </Field>
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Checking…' : 'Sign in'}
        </button>
      </form>
      <p>
        <button type="button" className="button button--secondary" disabled={busy} onClick={() => void sendMail()}>
          Send a new code
        </button>{' '}
        <button type="button" className="button button--secondary" disabled={busy} onClick={() => setStep('email')}>
          Use a different address
        </button>
      </p>
    </section>
  );
}
