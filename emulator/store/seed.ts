import { DEV_PASSWORD, TENANT_DOMAIN } from '../constants';
import { kvGet, kvSet, type Db } from './db';
import { createMeeting } from './meetings';
import { createUser, type User } from './users';

/** Seed users: fixed object ids so documentation and manual testing can refer to them. */
export const SEED_USERS = [
  { id: '6e2f6b5a-3c1d-4f0e-9a1b-2c3d4e5f6a01', upn: `adele@${TENANT_DOMAIN}`, displayName: 'Adele Vance' },
  { id: '6e2f6b5a-3c1d-4f0e-9a1b-2c3d4e5f6a02', upn: `megan@${TENANT_DOMAIN}`, displayName: 'Megan Bowen' },
  { id: '6e2f6b5a-3c1d-4f0e-9a1b-2c3d4e5f6a03', upn: `lee@${TENANT_DOMAIN}`, displayName: 'Lee Gu' },
] as const;

const HOUR = 60 * 60 * 1000;

/** Applies the seed once per database (first start, or after a reset). */
export function seedIfEmpty(db: Db, now: Date = new Date()): boolean {
  if (kvGet(db, 'seeded')) return false;
  db.transaction(() => {
    const users: User[] = SEED_USERS.map((u) => createUser(db, { ...u, password: DEV_PASSWORD }));
    const adele = users[0] as User;
    // Adele's upcoming Teams meetings, relative to now so the portal always has something to show.
    const topOfHour = new Date(Math.ceil(now.getTime() / HOUR) * HOUR);
    const at = (hoursFromNow: number, minutes: number) => {
      const start = new Date(topOfHour.getTime() + hoursFromNow * HOUR);
      return {
        startDateTime: start.toISOString(),
        endDateTime: new Date(start.getTime() + minutes * 60_000).toISOString(),
      };
    };
    createMeeting(db, adele, { subject: 'Customer onboarding call', ...at(1, 30) }, { onCalendar: true });
    createMeeting(db, adele, { subject: 'Quarterly review with Fabrikam', ...at(24, 60) }, { onCalendar: true });
    createMeeting(db, adele, { subject: 'Candidate interview', ...at(48, 45) }, { onCalendar: true });
    createMeeting(
      db,
      adele,
      { subject: 'Open office hours', lobbyBypassScope: 'everyone', ...at(72, 60) },
      { onCalendar: true },
    );
    kvSet(db, 'seeded', now.toISOString());
  })();
  return true;
}
