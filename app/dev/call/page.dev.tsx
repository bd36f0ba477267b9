import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { CallExperienceLoader } from '@/components/call/CallExperienceLoader';
import { getConfig } from '@/lib/config.js';
import { exchangeTeamsUserToken, issueGuestIdentity } from '@/lib/server/acs/identity';
import { staffOrSignIn } from '@/lib/server/auth/pages';
import { acsTeamsAccessToken } from '@/lib/server/auth/staff';

export const metadata: Metadata = { title: 'Development call', robots: { index: false, follow: false } };

/**
 * DEVELOPMENT ONLY (compiled in only with VESTIBULE_DEV_PAGES=true, local mode only): joins a meeting
 * of the emulator through the real CallComposite with a token minted on the spot, so the local
 * calling stack can be tried and tested before the guest invitation flow exists. `as=host` joins as
 * the signed-in staff member (Teams identity, can admit from the lobby); otherwise as a new guest.
 */
export default async function DevCallPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const config = getConfig();
  if (!config.devPages || config.cloud !== 'local' || !config.callingUrl) notFound();
  const { link, name, as } = await searchParams;

  if (!link || !name) {
    return (
      <div className="card" style={{ maxWidth: '40rem' }}>
        <h1>Development call</h1>
        <p className="banner banner--info">Development only: joins an emulator meeting without an invitation.</p>
        <form method="get">
          <div className="field">
            <label htmlFor="dev-link">Teams meeting link</label>
            <input id="dev-link" name="link" required />
          </div>
          <div className="field">
            <label htmlFor="dev-name">Display name</label>
            <input id="dev-name" name="name" required />
          </div>
          <div className="field">
            <label htmlFor="dev-as">Join as</label>
            <select id="dev-as" name="as" defaultValue="guest">
              <option value="guest">Guest (external, ACS identity)</option>
              <option value="host">Me, signed-in staff (Teams identity)</option>
            </select>
          </div>
          <button className="button" type="submit">
            Join
          </button>
        </form>
      </div>
    );
  }

  const here = `/dev/call?${new URLSearchParams({ link, name, as: as ?? 'guest' }).toString()}`;
  let credential;
  if (as === 'host') {
    const staff = await staffOrSignIn(here);
    credential = await exchangeTeamsUserToken({
      entraAccessToken: await acsTeamsAccessToken(staff),
      clientId: config.entra.clientId,
      userObjectId: staff.id,
    });
  } else {
    credential = await issueGuestIdentity();
  }
  return (
    <CallExperienceLoader
      cloud="local"
      callingUrl={config.callingUrl}
      token={credential.token}
      userId={credential.userId}
      displayName={name}
      locator={{ meetingLink: link }}
      tokenEndpoint={as === 'host' ? undefined : `/dev/call/token?userId=${encodeURIComponent(credential.userId)}`}
    />
  );
}
