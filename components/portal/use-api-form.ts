'use client';

import { useState } from 'react';
import type { ApiResult } from './api';

/** A message about the last request: its outcome, or why it failed. */
export interface FormNotice {
  kind: 'ok' | 'error';
  text: string;
}

/**
 * The state every staff form has: busy while the request runs, field messages next to their inputs,
 * and one notice for the rest.
 *
 * - `navigate` (default): the form leaves the page on success, so it stays busy (no flash of an idle
 *   form before the next page appears).
 * - `stay`: the form stays on the page, so it becomes idle again and shows what `onSuccess` returns as
 *   the notice (an outcome can be an error too, e.g. "invited, but the e-mail was not delivered").
 */
export function useApiForm({ after = 'navigate' }: { after?: 'navigate' | 'stay' } = {}) {
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<FormNotice>();
  const [fields, setFields] = useState<Record<string, string>>({});

  async function run<T>(
    request: () => Promise<ApiResult<T>>,
    onSuccess: (data: T) => FormNotice | void | Promise<FormNotice | void>,
  ): Promise<void> {
    setBusy(true);
    setNotice(undefined);
    setFields({});
    const result = await request();
    if (result.ok) {
      const outcome = await onSuccess(result.data);
      if (after === 'stay') {
        setBusy(false);
        setNotice(outcome ?? undefined);
      }
      return;
    }
    setBusy(false);
    const hasFields = result.fields !== undefined && Object.keys(result.fields).length > 0;
    setFields(result.fields ?? {});
    // Field messages sit next to their inputs; a general message would only repeat "not valid".
    setNotice(hasFields ? undefined : { kind: 'error', text: result.message });
  }

  const error = notice?.kind === 'error' ? notice.text : undefined;
  return { busy, error, notice, fields, run, setFields };
}
