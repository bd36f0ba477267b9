import { describe, expect, it } from 'vitest';
import type { AuditView } from '@/lib/api/audit';
import { auditLine } from './audit-lines';

function event(action: string, change: Partial<AuditView> = {}): AuditView {
  return {
    id: 'e1',
    at: '2026-12-01T08:00:00.000Z',
    actor: { kind: 'staff', id: 'staff-1', name: 'Adele Vance' },
    action,
    shareId: 'share-1',
    guestEmail: 'ada@fabrikam.example',
    ip: '203.0.113.7',
    userAgent: null,
    detail: null,
    ...change,
  };
}

describe('activity trail lines', () => {
  it('names the recipient of a delivered invitation and credits no employee with the delivery', () => {
    const line = auditLine(event('share.sent', { actor: { kind: 'system', id: 'mail', name: null } }));
    expect(line).toBe('Invitation e-mail delivered to ada@fabrikam.example');
  });

  it('does the same for rows recorded before the fix (staff as actor, no address in the detail)', () => {
    const line = auditLine(event('share.sent', { detail: null }));
    expect(line).not.toContain('Adele');
    expect(line).toContain('ada@fabrikam.example');
  });

  it('falls back to the address the event recorded when the share is not known', () => {
    const line = auditLine(
      event('share.send_failed', { guestEmail: null, detail: { guestEmail: 'ben@northwind.example' } }),
    );
    expect(line).toBe('Invitation e-mail to ben@northwind.example could not be delivered');
  });

  it("credits the employee with what they did, and a guest's own steps to the guest", () => {
    expect(auditLine(event('share.revoked'))).toBe('Adele Vance revoked access for ada@fabrikam.example');
    expect(
      auditLine(event('guest.joined', { actor: { kind: 'guest', id: 'ada@fabrikam.example', name: 'Ada' } })),
    ).toBe('Ada joined the meeting');
  });

  it('shows an unknown action by its code rather than hiding it', () => {
    expect(auditLine(event('share.archived'))).toBe('Adele Vance: share.archived');
  });
});
