'use client';

import { useState } from 'react';
import type { ApiResult } from './api';

/**
 * The state every staff form has: busy while the request runs, field messages next to their inputs,
 * and one message for the rest. On success the form stays busy, since it navigates away.
 */
export function useApiForm() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [fields, setFields] = useState<Record<string, string>>({});

  async function run<T>(request: () => Promise<ApiResult<T>>, onSuccess: (data: T) => void): Promise<void> {
    setBusy(true);
    setError(undefined);
    setFields({});
    const result = await request();
    if (result.ok) {
      onSuccess(result.data);
      return;
    }
    setBusy(false);
    const hasFields = result.fields !== undefined && Object.keys(result.fields).length > 0;
    setFields(result.fields ?? {});
    setError(hasFields ? undefined : result.message);
  }

  return { busy, error, fields, run, setFields };
}
