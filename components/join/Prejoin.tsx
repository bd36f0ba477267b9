import { LocalDateTime } from '@/components/ui/LocalDateTime';

/**
 * Where a signed-in guest continues: a placeholder until the pre-join (name, camera, microphone) and
 * the call are built here.
 */
export function Prejoin({
  email,
  subject,
  startDateTime,
  endDateTime,
}: {
  email: string;
  subject: string;
  startDateTime: string;
  endDateTime: string;
}) {
  return (
    <section data-testid="prejoin" aria-labelledby="prejoin-heading">
      <h2 id="prejoin-heading">You’re signed in</h2>
      <p role="status">Signed in as {email}</p>
      <dl className="details">
        <dt>Meeting</dt>
        <dd>{subject}</dd>
        <dt>When</dt>
        <dd>
          <LocalDateTime start={startDateTime} end={endDateTime} />
        </dd>
      </dl>
      <p>Choosing your name and checking your camera and microphone come next.</p>
    </section>
  );
}
