'use client';

import { useState } from 'react';
import type { ApiResult } from '@/components/portal/api';

/**
 * Busy while a request runs, field messages next to their inputs, one message for the rest. Unlike
 * the staff forms' hook, a success ends the busy state too: the guest's steps stay on one page.
 */
export function useRequest() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [fields, setFields] = useState<Record<string, string>>({});

  async function run<T>(request: () => Promise<ApiResult<T>>, onSuccess: (data: T) => void): Promise<void> {
    setBusy(true);
    setError(undefined);
    setFields({});
    const result = await request();
    setBusy(false);
    if (result.ok) {
      onSuccess(result.data);
      return;
    }
    const hasFields = result.fields !== undefined && Object.keys(result.fields).length > 0;
    setFields(result.fields ?? {});
    setError(hasFields ? undefined : result.message);
  }

  return { busy, error, fields, run };
}
