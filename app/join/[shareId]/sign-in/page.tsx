import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { ConfirmSignIn } from '@/components/join/ConfirmSignIn';
import { LanguageSwitcher } from '@/components/join/LanguageSwitcher';
import { PrefetchCall } from '@/components/join/PrefetchCall';
import { GuestIntl } from '@/components/ui/GuestIntl';
import { requestLocale } from '@/lib/i18n/request';
import { findInvitationPage } from '@/lib/server/shares';
import { peekLink } from '@/lib/server/guests';
import { SIGN_IN_MINUTES } from '@/lib/server/guests/sign-in';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations({ locale: await requestLocale(), namespace: 'SignInLink' });
  return { title: t('metaTitle'), robots: { index: false, follow: false } };
}

const CLOSED = { revoked: 'closedRevoked', expired: 'closedExpired', unknown: 'closedUnknown' } as const;
const REFUSED = {
  used: 'refusedUsed',
  superseded: 'refusedSuperseded',
  locked: 'refusedLocked',
  invalid: 'refusedInvalid',
} as const;

/**
 * Where the sign-in mail's link lands. Opening it changes nothing (mail scanners open links); the
 * guest signs in with one click. A link that can't be used says why at once. In the guest's language,
 * decided as on the invitation page.
 */
export default async function SignInLinkPage({
  params,
  searchParams,
}: {
  params: Promise<{ shareId: string }>;
  searchParams: Promise<{ token?: string | string[] }>;
}) {
  const { shareId } = await params;
  const { token } = await searchParams;
  const invitation = await findInvitationPage(shareId);
  const locale = await requestLocale(invitation.state === 'open' ? invitation.language : null);
  const t = await getTranslations({ locale, namespace: 'SignInLink' });
  const back = `/join/${encodeURIComponent(shareId)}`;
  if (invitation.state !== 'open') {
    const closed = await getTranslations({ locale, namespace: 'Invitation' });
    return (
      <GuestIntl locale={locale}>
        <div className="card" style={{ maxWidth: '40rem', margin: '2rem auto' }}>
          <LanguageSwitcher />
          <h1>{closed('closedTitle')}</h1>
          <p>{t(CLOSED[invitation.state])}</p>
        </div>
      </GuestIntl>
    );
  }
  const state = typeof token === 'string' ? await peekLink(shareId, token) : 'invalid';
  return (
    <GuestIntl locale={locale}>
      <div className="card" style={{ maxWidth: '40rem', margin: '2rem auto' }}>
        <LanguageSwitcher />
        <h1>{t('title', { subject: invitation.subject })}</h1>
        {state === 'ready' && typeof token === 'string' ? (
          <>
            <p>{t('ready')}</p>
            <ConfirmSignIn shareId={shareId} token={token} />
            <PrefetchCall />
          </>
        ) : (
          <>
            <p role="alert" className="banner banner--error">
              {state === 'expired'
                ? t('refusedExpired', { minutes: SIGN_IN_MINUTES })
                : t(REFUSED[state === 'ready' ? 'invalid' : state])}
            </p>
            <Link href={back}>{t('back')}</Link>
          </>
        )}
      </div>
    </GuestIntl>
  );
}
