'use client';

import type { ReactNode, Ref } from 'react';

/**
 * What both error pages (app/error.tsx, app/global-error.tsx) show: what happened, a way on, and the
 * reference the server logged the error under (Next's digest) — never the error's message or stack.
 */
export function ErrorPanel({
  explanation,
  digest,
  reset,
  home,
  headingRef,
}: {
  explanation: string;
  digest: string | undefined;
  reset: () => void;
  /** The link to the start page: a client-side Link, or a plain link where nothing may be reused. */
  home: ReactNode;
  headingRef?: Ref<HTMLHeadingElement>;
}) {
  return (
    <div className="card" style={{ maxWidth: '32rem', margin: '2rem auto' }} data-testid="error-page">
      <h1 ref={headingRef} tabIndex={-1}>
        Something went wrong
      </h1>
      <p>{explanation}</p>
      {digest ? (
        <p style={{ color: 'var(--muted)' }}>
          If it keeps happening, tell your contact at the organization this reference: <code>{digest}</code>
        </p>
      ) : null}
      <p style={{ display: 'flex', gap: '1rem', flexWrap: 'wrap', alignItems: 'center' }}>
        <button type="button" className="button" onClick={reset}>
          Try again
        </button>
        {home}
      </p>
    </div>
  );
}
