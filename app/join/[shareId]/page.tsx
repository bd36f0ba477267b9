import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { GuestSignIn } from '@/components/join/GuestSignIn';
import { GuestJourney } from '@/components/join/GuestJourney';
import { LanguageSwitcher } from '@/components/join/LanguageSwitcher';
import { PrefetchCall } from '@/components/join/PrefetchCall';
import { LocalDateTime } from '@/components/ui/LocalDateTime';
import { GuestIntl } from '@/components/ui/GuestIntl';
import { requestLocale } from '@/lib/i18n/request';
import { getConfig } from '@/lib/config.js';
import { guestPage } from '@/lib/server/guests';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations({ locale: await requestLocale(), namespace: 'Invitation' });
  return { title: t('metaTitle'), robots: { index: false, follow: false } };
}

const CLOSED = { revoked: 'closedRevoked', expired: 'closedExpired', unknown: 'closedUnknown' } as const;

/**
 * A guest's invitation: why the link no longer works; or what they were invited to and the sign-in
 * with the invited address; or, once signed in as that address, the pre-join, the call and its end
 * (GuestJourney). The join link itself only reaches the browser through the token route. In the
 * guest's language (lib/i18n/locales.ts: their switcher choice, the invitation's, their browser's).
 */
export default async function InvitationPage({ params }: { params: Promise<{ shareId: string }> }) {
  const { shareId } = await params;
  const page = await guestPage(shareId);
  const locale = await requestLocale(page.state === 'open' ? page.invitation.language : null);
  const t = await getTranslations({ locale, namespace: 'Invitation' });
  if (page.state !== 'open') {
    return (
      <GuestIntl locale={locale}>
        <div className="card" style={{ maxWidth: '40rem', margin: '2rem auto' }}>
          <LanguageSwitcher />
          <h1>{t('closedTitle')}</h1>
          <p>{t(CLOSED[page.state])}</p>
        </div>
      </GuestIntl>
    );
  }
  const { invitation } = page;
  const here = `/join/${encodeURIComponent(shareId)}`;
  if (page.signedInAs) {
    const config = getConfig();
    return (
      <GuestIntl locale={locale}>
        <div className="card" style={{ maxWidth: '60rem', margin: '2rem auto' }}>
          <GuestJourney
            shareId={shareId}
            email={page.signedInAs}
            subject={invitation.subject}
            startDateTime={invitation.startDateTime}
            endDateTime={invitation.endDateTime}
            defaultName={page.guestName ?? ''}
            cloud={config.cloud}
            callingUrl={config.callingUrl}
          />
        </div>
      </GuestIntl>
    );
  }
  return (
    <GuestIntl locale={locale}>
      <div className="card" style={{ maxWidth: '40rem', margin: '2rem auto' }}>
        <LanguageSwitcher />
        <h1>{invitation.subject}</h1>
        <p>
          {t.rich('invitedYou', {
            inviter: invitation.inviterName,
            email: invitation.maskedEmail,
            strong: (chunks) => <strong>{chunks}</strong>,
          })}
        </p>
        <dl className="details">
          <dt>{t('when')}</dt>
          <dd>
            <LocalDateTime start={invitation.startDateTime} end={invitation.endDateTime} locale={locale} />
          </dd>
        </dl>
        {page.signedInElsewhereAs ? (
          <p role="alert" className="banner banner--info">
            {t('signedInElsewhere', { email: page.signedInElsewhereAs })}
          </p>
        ) : null}
        <GuestSignIn shareId={shareId} maskedEmail={invitation.maskedEmail} />
        <PrefetchCall />
        <p>{t('checkDevicesHint')}</p>
        <Link className="button button--secondary" href={`/device-check?from=${encodeURIComponent(here)}`}>
          {t('checkDevicesLink')}
        </Link>
      </div>
    </GuestIntl>
  );
}
