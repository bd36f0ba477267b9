'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api } from '@/components/portal/api';
import { useApiForm } from '@/components/portal/use-api-form';
import { useGuestErrors } from './use-guest-errors';
import { Field } from '@/components/ui/Field';

type Step = 'start' | 'email' | 'code';

/** The sign-in code's length (lib/server/guests/secrets.ts), for the sentence that announces the mail. */
const CODE_DIGITS = 6;

/**
 * The guest proves they own the invited address: Join → e-mail address → the code from the mail (or
 * they follow the mail's link instead). Each step moves focus to its heading so screen readers
 * announce it; what was typed is kept when something is refused.
 */
export function GuestSignIn({ shareId, maskedEmail }: { shareId: string; maskedEmail: string }) {
  const t = useTranslations('SignIn');
  const language = useLocale();
  const router = useRouter();
  const [step, setStep] = useState<Step>('start');
  const [email, setEmail] = useState('');
  const [code, setCode] = useState('');
  const [sentTo, setSentTo] = useState('');
  // The guest's steps stay on one page: a success ends the busy state too.
  const describe = useGuestErrors();
  const { busy, error, fields, run } = useApiForm({ after: 'stay', describe });
  const heading = useRef<HTMLHeadingElement>(null);
  const base = `/api/join/${encodeURIComponent(shareId)}`;

  useEffect(() => {
    if (step !== 'start') heading.current?.focus();
  }, [step]);

  async function sendMail(event?: FormEvent) {
    event?.preventDefault();
    await run(
      // The sign-in mail is written in the language of this page.
      () => api<{ message: string }>(`${base}/sign-in`, { method: 'POST', body: { email, language } }),
      () => {
        // The server's answer is the same whatever the address; said here in the page's language.
        setSentTo(email.trim());
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
        {t('join')}
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
          {t('emailTitle')}
        </h2>
        <p>{t('emailIntro', { maskedEmail })}</p>
        {alert}
        <form method="post" onSubmit={(e) => void sendMail(e)} noValidate aria-busy={busy}>
          <Field id="guest-email" label={t('emailLabel')} error={fields.email}>
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
            {busy ? t('sending') : t('send')}
          </button>
        </form>
      </section>
    );
  }

  return (
    <section aria-labelledby="code-heading">
      <h2 id="code-heading" ref={heading} tabIndex={-1}>
        {t('codeTitle')}
      </h2>
      <p role="status">{t('sent', { email: sentTo, digits: CODE_DIGITS })}</p>
      <p>{t('codeIntro')}</p>
      {alert}
      <form method="post" onSubmit={(e) => void submitCode(e)} noValidate aria-busy={busy}>
        <Field id="guest-code" label={t('codeLabel')} error={fields.code}>
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
          {busy ? t('checking') : t('signIn')}
        </button>
      </form>
      <p>
        <button type="button" className="button button--secondary" disabled={busy} onClick={() => void sendMail()}>
          {t('newCode')}
        </button>{' '}
        <button type="button" className="button button--secondary" disabled={busy} onClick={() => setStep('email')}>
          {t('otherAddress')}
        </button>
      </p>
    </section>
  );
}
