'use client';

import { useTranslations } from 'next-intl';
import { useCallback } from 'react';
import type { ApiFailure } from '@/components/portal/api';
import { guestErrorText } from './guest-errors';

/** `useApiForm`'s `describe` for the guest pages: every refusal in the guest's language (guest-errors.ts). */
export function useGuestErrors(): (failure: ApiFailure) => { message: string; fields: Record<string, string> } {
  const t = useTranslations('GuestErrors');
  return useCallback(
    (failure: ApiFailure) => {
      const said = guestErrorText(failure);
      return {
        message: t(said.message.key, said.message.values),
        fields: Object.fromEntries(Object.entries(said.fields).map(([field, key]) => [field, t(key)])),
      };
    },
    [t],
  );
}
