import type { ApiFailure } from '@/components/portal/api';

/**
 * A refusal from the guest routes, in the guest's language: the server words its errors in English
 * for logs and staff, so the guest pages say them from the `GuestErrors` catalogue instead, chosen by
 * the error's code (and, for validation, by the field at fault). Never the server's English text.
 */
export interface GuestErrorText {
  /** Key in the `GuestErrors` namespace, with its values. */
  message: { key: GuestErrorKey; values?: Record<string, number> };
  /** Field id → key in `GuestErrors`, for the fields the server named. */
  fields: Record<string, GuestErrorKey>;
}

export type GuestErrorKey =
  | 'offline'
  | 'tooMany'
  | 'wrongCode'
  | 'emailInvalid'
  | 'checkInput'
  | 'withdrawnOrExpired'
  | 'notValid'
  | 'signInFirst'
  | 'serviceDown'
  | 'generic';

/** Field messages the guest forms can show beside their inputs. */
const FIELD_KEYS: Record<string, GuestErrorKey> = { email: 'emailInvalid', code: 'wrongCode' };

export function guestErrorText(failure: ApiFailure): GuestErrorText {
  const fields: Record<string, GuestErrorKey> = {};
  for (const name of Object.keys(failure.fields ?? {})) fields[name] = FIELD_KEYS[name] ?? 'checkInput';
  if (failure.status === 0) return { message: { key: 'offline' }, fields };
  switch (failure.code) {
    case 'rate_limited': {
      const minutes = Math.max(1, Math.ceil((failure.retryAfterSeconds ?? 60) / 60));
      return { message: { key: 'tooMany', values: { minutes } }, fields };
    }
    case 'validation_failed': {
      const first = Object.values(fields)[0];
      return { message: { key: first ?? 'checkInput' }, fields };
    }
    case 'gone':
      return { message: { key: 'withdrawnOrExpired' }, fields };
    case 'not_found':
      return { message: { key: 'notValid' }, fields };
    case 'unauthenticated':
      return { message: { key: 'signInFirst' }, fields };
    case 'upstream_unavailable':
      return { message: { key: 'serviceDown' }, fields };
    default:
      return { message: { key: 'generic' }, fields };
  }
}
