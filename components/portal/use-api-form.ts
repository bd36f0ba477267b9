'use client';

import { useState } from 'react';
import type { ApiFailure, ApiResult } from './api';

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
export function useApiForm({
  after = 'navigate',
  describe,
}: {
  after?: 'navigate' | 'stay';
  /** Words a failure for this page (the guest pages: in the guest's language); default: the API's own. */
  describe?: (failure: ApiFailure) => { message: string; fields: Record<string, string> };
} = {}) {
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
    const said = describe ? describe(result) : { message: result.message, fields: result.fields ?? {} };
    const hasFields = Object.keys(said.fields).length > 0;
    setFields(said.fields);
    // Field messages sit next to their inputs and in the form's ErrorSummary, which says what to fix;
    // the API's general message ("Some of what was sent is not valid") would only repeat that it failed.
    setNotice(hasFields ? undefined : { kind: 'error', text: said.message });
  }

  /**
   * Shows the browser's own findings (from form-checks.ts) like the server's, and focuses the first
   * field at fault; true when there are none and the request may go.
   */
  function check(errors: Record<string, string>, fieldId: (key: string) => string | undefined): boolean {
    setFields(errors);
    setNotice(undefined);
    const first = Object.keys(errors)[0];
    if (first === undefined) return true;
    const id = fieldId(first);
    if (id) document.getElementById(id)?.focus();
    return false;
  }

  const error = notice?.kind === 'error' ? notice.text : undefined;
  return { busy, error, notice, fields, run, setFields, check };
}
