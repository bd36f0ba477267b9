'use client';

import { formatDateTime, useTimeZone } from '@/components/ui/time';
import type { AuditView } from '@/lib/api/audit';
import { readableSource } from '@/lib/api/client-address';
import { auditLine } from './audit-lines';

/** The meeting's activity, newest first: who did what, when, and from where. */
export function AuditTrail({ events }: { events: AuditView[] }) {
  const timeZone = useTimeZone();
  return (
    <section aria-labelledby="audit-heading">
      <h2 id="audit-heading">Activity</h2>
      {events.length === 0 ? (
        <p>Nothing has happened yet.</p>
      ) : (
        <table className="data">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">What</th>
              <th scope="col">From</th>
            </tr>
          </thead>
          <tbody>
            {events.map((e) => (
              <tr key={e.id}>
                <td data-label="When">{formatDateTime(e.at, timeZone)}</td>
                <td data-label="What">{auditLine(e)}</td>
                <td data-label="From">{readableSource(e.ip)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
