import Link from 'next/link';

/** A page that could not show what was asked for: what happened, and the way back. */
export function ProblemPage({
  title,
  message,
  backHref = '/portal',
  backLabel = 'Back to your meetings',
}: {
  title: string;
  message: string;
  backHref?: string;
  backLabel?: string;
}) {
  return (
    <>
      <h1>{title}</h1>
      <p role="alert" className="banner banner--error">
        {message}
      </p>
      <Link href={backHref}>{backLabel}</Link>
    </>
  );
}
