import type { Logger } from 'pino';

import type { AcsTokenVerifier } from './acs/tokens';
import type { Faults } from './faults';
import type { SigningKey } from './keys';
import type { Db } from './store/db';

/** What every surface shares inside one running emulator. */
export type EmulatorContext = {
  db: Db;
  log: Logger;
  origin: string;
  smtpPort: number;
  accessKey: string;
  appOrigins: string[];
  clientId: string;
  clientSecret: string;
  keys: { oidc: SigningKey; acs: SigningKey };
  faults: Faults;
  verifyAcsToken: AcsTokenVerifier;
  /** Re-applies the seed after an admin reset. */
  reset(): void;
};

export type SurfaceName = 'oidc' | 'graph' | 'acs' | 'mail';
