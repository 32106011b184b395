import { describe, expect, it } from 'vitest';
import { guest, type MemberActor } from '../../lib/actor';
import { canRevokeSession } from './accounts.policy';

const member = (userId: string, role: 'member' | 'admin' = 'member'): MemberActor => ({
  kind: 'member',
  userId,
  username: userId,
  role,
  locale: 'nl',
  moderatorOf: [],
  createdAt: new Date(),
  sessionId: 's',
});

describe('canRevokeSession', () => {
  it('allows members their own sessions only — not guests, not admins for others', () => {
    expect(canRevokeSession(member('a'), { userId: 'a' })).toBe(true);
    expect(canRevokeSession(member('a'), { userId: 'b' })).toBe(false);
    expect(canRevokeSession(member('a', 'admin'), { userId: 'b' })).toBe(false);
    expect(canRevokeSession(guest, { userId: 'a' })).toBe(false);
  });
});
