import { describe, expect, it } from 'vitest';
import type { ShareIdentityView } from '@/lib/api/host-lobby';
import { markLobby, markText, removalStep, REMOVAL_RETRY_MS, verifiedIds, type LobbyPerson } from './lobby-marks';

const ann = { id: 'p-ann', identity: '8:acs:r_ann', external: true };
const bob = { id: 'p-bob', identity: '8:acs:r_bob', external: true };
const eve = { id: 'p-eve', identity: '8:acs:r_eve', external: true };
const meg = { id: 'p-meg', identity: '8:orgid:meg', external: false };

const identities: ShareIdentityView[] = [
  {
    acsUserId: ann.identity,
    shareId: 's-ann',
    guestEmail: 'ann@fabrikam.example',
    guestName: 'Ann',
    standing: 'verified',
  },
  {
    acsUserId: bob.identity,
    shareId: 's-bob',
    guestEmail: 'bob@northwind.example',
    guestName: null,
    standing: 'withdrawn',
  },
];
const all = (...people: LobbyPerson[]) => new Set(people.map((p) => p.identity));

describe('lobby marks', () => {
  it('marks the verified (with share and address), the withdrawn, the unknown and the organization', () => {
    const marks = markLobby([ann, bob, eve, meg], identities, all(ann, bob, eve, meg));
    expect(marks.get(ann.id)).toEqual({
      kind: 'verified',
      shareId: 's-ann',
      guestEmail: 'ann@fabrikam.example',
      guestName: 'Ann',
    });
    expect(marks.get(bob.id)).toEqual({ kind: 'withdrawn', shareId: 's-bob', guestEmail: 'bob@northwind.example' });
    expect(marks.get(eve.id)).toEqual({ kind: 'unknown' });
    expect(marks.get(meg.id)).toEqual({ kind: 'organization' });
    expect(markText(marks.get(eve.id)!)).toBe('Not invited through Vestibule');
    expect(markText(marks.get(ann.id)!)).toBe('Verified: ann@fabrikam.example');
    expect(markText(marks.get(bob.id)!)).toBe('Invitation withdrawn (bob@northwind.example)');
  });

  it('claims nothing about someone who arrived after the identities were loaded', () => {
    expect(markLobby([eve], identities, all(ann)).get(eve.id)).toEqual({ kind: 'checking' });
    expect(markLobby([eve], undefined, all(eve)).get(eve.id)).toEqual({ kind: 'checking' });
    // A verified identity needs no second look.
    expect(markLobby([ann], identities, new Set()).get(ann.id)?.kind).toBe('verified');
  });

  it('lets "Admit all verified" admit only the verified', () => {
    const marks = markLobby([ann, bob, eve, meg], identities, all(ann, bob, eve, meg));
    expect(verifiedIds(marks)).toEqual([ann.id]);
  });
});

describe('removing a guest revoked in the call', () => {
  const base = { acsUserIds: [ann.identity], inCall: [] as string[], lobby: [] as LobbyPerson[], now: 100_000 };

  it('removes a guest who is in the call, then waits for them to go', () => {
    expect(removalStep({ ...base, inCall: [ann.identity, eve.identity], requestedAt: undefined })).toEqual({
      kind: 'remove',
      participantIds: [ann.identity],
    });
    expect(removalStep({ ...base, inCall: [ann.identity], requestedAt: base.now - 1_000 })).toEqual({ kind: 'wait' });
    // Still there long after: ask again rather than claim anything.
    expect(removalStep({ ...base, inCall: [ann.identity], requestedAt: base.now - REMOVAL_RETRY_MS })).toEqual({
      kind: 'remove',
      participantIds: [ann.identity],
    });
  });

  it('denies a guest who is only waiting in the lobby', () => {
    expect(removalStep({ ...base, lobby: [ann, eve], requestedAt: undefined })).toEqual({
      kind: 'deny',
      participantIds: [ann.id],
    });
  });

  it('confirms "removed" only after asking, and "not in the call" when the guest was not there', () => {
    expect(removalStep({ ...base, requestedAt: base.now - 500 })).toEqual({ kind: 'confirm', outcome: 'removed' });
    expect(removalStep({ ...base, requestedAt: undefined })).toEqual({ kind: 'confirm', outcome: 'not_in_call' });
  });
});
