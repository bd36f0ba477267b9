import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { DeviceCheckLoader } from '@/components/device-check/DeviceCheckLoader';
import { LanguageSwitcher } from '@/components/join/LanguageSwitcher';
import { GuestIntl } from '@/components/ui/GuestIntl';
import { requestLocale } from '@/lib/i18n/request';
import { getConfig } from '@/lib/config.js';
import { invitationReturnPath } from '@/lib/server/http/return-path';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations({ locale: await requestLocale(), namespace: 'DeviceCheck' });
  return { title: t('metaTitle') };
}

/**
 * Camera, microphone and speaker, tried before a meeting. Opened from an invitation
 * (`?from=/join/{id}`), it leads back there; the return path is judged like every other one
 * (same origin only) and, here, must also be an invitation page.
 */
export default async function DeviceCheckPage({
  searchParams,
}: {
  searchParams: Promise<{ from?: string | string[] }>;
}) {
  const { from } = await searchParams;
  const back = invitationReturnPath(typeof from === 'string' ? from : undefined, getConfig().appUrl);
  const locale = await requestLocale();
  const t = await getTranslations({ locale, namespace: 'DeviceCheck' });
  return (
    <GuestIntl locale={locale}>
      <LanguageSwitcher />
      {back ? (
        <p>
          <Link href={back}>{t('back')}</Link>
        </p>
      ) : null}
      <h1>{t('title')}</h1>
      <p className="lead">{t('lead')}</p>
      <DeviceCheckLoader />
      {back ? (
        <p>
          <Link className="button" href={back}>
            {t('back')}
          </Link>
        </p>
      ) : null}
    </GuestIntl>
  );
}
