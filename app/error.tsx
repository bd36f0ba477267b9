'use client';

import Link from 'next/link';
import { useEffect, useRef } from 'react';
import { ErrorPanel } from '@/components/ui/ErrorPanel';

/**
 * The site's own page for an unexpected failure while rendering a page (inside the root layout, so the
 * header and footer stay). It never shows the error's message or stack: those stay in the server's
 * log, findable by the reference (Next's digest of the error, logged with it).
 */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <ErrorPanel
      headingRef={heading}
      explanation="This page could not be shown. Nothing you did caused it; trying again usually helps."
      digest={error.digest}
      reset={reset}
      home={<Link href="/">Go to the start page</Link>}
    />
  );
}
