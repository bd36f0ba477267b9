import 'server-only';
import pino from 'pino';
import { getConfig } from '@/lib/config.js';

/**
 * Structured JSON logs. Secrets that could appear in logged objects are redacted by path, so a
 * careless `log.info({ req })` cannot leak a token.
 */
export const log = pino({
  level: getConfig().logLevel,
  base: { service: 'vestibule' },
  redact: {
    paths: [
      '*.authorization',
      '*.Authorization',
      '*.accessToken',
      '*.refreshToken',
      '*.token',
      '*.password',
      '*.passcode',
      '*.cookie',
      'headers.cookie',
    ],
    censor: '[redacted]',
  },
});
