'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useState, useTransition } from 'react';

/** A failure the person can retry; when the service asked to wait, the button counts down first. */
export function RetryBanner({ message, retryAfterSeconds }: { message: string; retryAfterSeconds?: number }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [wait, setWait] = useState(Math.ceil(retryAfterSeconds ?? 0));
  useEffect(() => {
    if (wait <= 0) return;
    const timer = setTimeout(() => setWait((w) => w - 1), 1000);
    return () => clearTimeout(timer);
  }, [wait]);
  return (
    <div role="alert" className="banner banner--error">
      <p style={{ margin: '0 0 0.5rem' }}>{message}</p>
      <button
        type="button"
        className="button button--secondary"
        disabled={pending || wait > 0}
        onClick={() => startTransition(() => router.refresh())}
      >
        {pending ? 'Retrying…' : wait > 0 ? `Retry in ${wait} s` : 'Retry'}
      </button>
    </div>
  );
}
