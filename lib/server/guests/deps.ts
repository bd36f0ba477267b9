import 'server-only';
import type { Kysely } from 'kysely';
import { after } from 'next/server';
import { getConfig } from '@/lib/config.js';
import {
  issueGuestIdentity,
  refreshGuestToken,
  revokeIdentityTokens,
  type CallToken,
  type GuestGrant,
} from '@/lib/server/acs/identity';
import { getStaff } from '@/lib/server/auth/staff';
import { getDb, type Database } from '@/lib/server/db';
import { log } from '@/lib/server/log';
import { sendGuestSignInMail, type GuestSignInMailInput } from '@/lib/server/mail/guest-sign-in';
import type { SendResult } from '@/lib/server/mail/send';
import { codeKey } from './secrets';
import { guestTokenCache, type GuestTokenCache } from './token-cache';

/**
 * Everything the guest services reach outside themselves, passed in (defaulting to the real thing)
 * so tests run them against a temp database and the emulator's mail catcher and ACS, without mocks.
 */
export interface GuestDeps {
  db(): Promise<Kysely<Database>>;
  now(): Date;
  appUrl(): string;
  /** The key sign-in codes are HMAC'd with (derived from the session secret). */
  codeKey(): Buffer;
  sendSignInMail(mail: GuestSignInMailInput): Promise<SendResult>;
  /**
   * Runs work after the response is sent. The sign-in request must answer alike whether or not a
   * mail goes out, so the SMTP round trip can't be part of the answer's timing.
   */
  defer(task: () => Promise<void>): void;
  issueGuestIdentity(grant: GuestGrant): Promise<CallToken>;
  refreshGuestToken(acsUserId: string, grant: GuestGrant): Promise<CallToken>;
  revokeIdentityTokens(acsUserIds: string[]): Promise<void>;
  /** Azure mode: the ACS endpoint the browser's chat client talks to; undefined locally (chat rides the calling service). */
  acsEndpoint(): string | undefined;
  /** How many times the per-client-address limits are multiplied (configuration; 1 by default). */
  clientLimitFactor(): number;
  /** Whether the request also carries a staff sign-in (to tell staff, with a 403, that this is for guests). */
  staffSignedIn(): Promise<boolean>;
  /** Tokens minted recently, handed out again to the same session while most of their life is left. */
  tokenCache: GuestTokenCache;
}

let key: Buffer | undefined;

export const defaultGuestDeps: GuestDeps = {
  db: getDb,
  now: () => new Date(),
  appUrl: () => getConfig().appUrl,
  codeKey: () => (key ??= codeKey(getConfig().sessionSecret)),
  sendSignInMail: (mail) => sendGuestSignInMail(mail),
  defer: (task) =>
    after(() =>
      task().catch((error: unknown) => {
        log.error({ err: error }, 'deferred guest task failed');
      }),
    ),
  issueGuestIdentity: (grant) => issueGuestIdentity(grant),
  refreshGuestToken: (id, grant) => refreshGuestToken(id, grant),
  revokeIdentityTokens: (ids) => revokeIdentityTokens(ids),
  acsEndpoint: () => (getConfig().cloud === 'azure' ? getConfig().acs.endpoint : undefined),
  clientLimitFactor: () => getConfig().guestClientLimitFactor,
  staffSignedIn: async () => (await getStaff()) !== undefined,
  tokenCache: guestTokenCache,
};
