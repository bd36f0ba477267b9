/**
 * The host call page's same-origin staff routes about the lobby: the meeting's share identities, the
 * host's heartbeat (answered with pending removals), and the report of a removal done. Every failure
 * is returned as undefined/false: the lobby still works without them (marks say "Checking…", and the
 * staff page tells staff to remove a guest in Teams when no host beats).
 */
import type {
  HostPresenceResponse,
  MeetingIdentitiesResponse,
  RemovalOutcome,
  ShareIdentityView,
} from '@/lib/api/host-lobby';

const meetingBase = (meetingId: string) => `/api/meetings/${encodeURIComponent(meetingId)}`;

async function json<T>(url: string, init: RequestInit = {}): Promise<T | undefined> {
  try {
    const res = await fetch(url, { credentials: 'same-origin', cache: 'no-store', ...init });
    if (!res.ok) return undefined;
    return res.status === 204 ? undefined : ((await res.json()) as T);
  } catch {
    return undefined;
  }
}

export async function fetchIdentities(meetingId: string): Promise<ShareIdentityView[] | undefined> {
  return (await json<MeetingIdentitiesResponse>(`${meetingBase(meetingId)}/identities`))?.identities;
}

export function sendHeartbeat(meetingId: string): Promise<HostPresenceResponse | undefined> {
  return json<HostPresenceResponse>(`${meetingBase(meetingId)}/host-presence`, { method: 'POST' });
}

/** The host left: `keepalive` so it still goes out while the page unloads. */
export function sendHostLeft(meetingId: string): void {
  void json(`${meetingBase(meetingId)}/host-presence`, { method: 'DELETE', keepalive: true });
}

export async function reportRemoval(meetingId: string, shareId: string, outcome: RemovalOutcome): Promise<boolean> {
  const res = await json<{ outcome: RemovalOutcome }>(
    `${meetingBase(meetingId)}/removals/${encodeURIComponent(shareId)}`,
    { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ outcome }) },
  );
  return res?.outcome === outcome;
}
