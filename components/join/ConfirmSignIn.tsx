'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useEffect, useRef } from 'react';
import { api } from '@/components/portal/api';
import { useApiForm } from '@/components/portal/use-api-form';
import { useGuestErrors } from './use-guest-errors';

/**
 * The landing page of the mailed link. Signing in takes this one click (a POST), so a mail scanner
 * that opens the link can't use it up before the guest does.
 */
export function ConfirmSignIn({ shareId, token }: { shareId: string; token: string }) {
  const t = useTranslations('SignInLink');
  const router = useRouter();
  const describe = useGuestErrors();
  const { busy, error, run } = useApiForm({ describe });
  const alertRef = useRef<HTMLParagraphElement>(null);
  const invitation = `/join/${encodeURIComponent(shareId)}`;

  useEffect(() => {
    if (error) alertRef.current?.focus();
  }, [error]);

  async function confirm() {
    await run(
      () =>
        api<{ email: string }>(`/api/join/${encodeURIComponent(shareId)}/link`, { method: 'POST', body: { token } }),
      () => router.replace(invitation),
    );
  }

  return (
    <>
      {error ? (
        <>
          <p role="alert" className="banner banner--error" ref={alertRef} tabIndex={-1}>
            {error}
          </p>
          <Link href={invitation}>{t('back')}</Link>
        </>
      ) : (
        <button type="button" className="button" disabled={busy} aria-busy={busy} onClick={() => void confirm()}>
          {busy ? t('signingIn') : t('continue')}
        </button>
      )}
    </>
  );
}
