import { describe, expect, it } from 'vitest';
import { guest, type MemberActor } from '../../lib/actor';
import { canDecideAppeal, canModerateIn, canTakeAction, moderatedSpaces } from './moderation.policy';

const member = (overrides: Partial<MemberActor> = {}): MemberActor => ({
  kind: 'member',
  userId: 'u1',
  username: 'lid',
  role: 'member',
  locale: 'nl',
  moderatorOf: [],
  createdAt: new Date(0),
  sessionId: 's',
  ...overrides,
});

describe('moderation policy', () => {
  it('gives moderators power in their own spaces only', () => {
    const mod = member({ moderatorOf: ['a'] });
    expect(canModerateIn(mod, 'a')).toBe(true);
    expect(canModerateIn(mod, 'b')).toBe(false);
    expect(canModerateIn(mod, null)).toBe(false);
    expect(canModerateIn(member({ role: 'admin' }), null)).toBe(true);
    expect(canModerateIn(guest, 'a')).toBe(false);
    expect(canModerateIn(member(), 'a')).toBe(false);
  });
  it('keeps suspension and unmasking for admins', () => {
    const mod = member({ moderatorOf: ['a'] });
    expect(canTakeAction(mod, 'hide_post', 'a')).toBe(true);
    expect(canTakeAction(mod, 'suspend_user', 'a')).toBe(false);
    expect(canTakeAction(mod, 'unmask_author', 'a')).toBe(false);
    expect(canTakeAction(member({ role: 'admin' }), 'unmask_author', 'a')).toBe(true);
  });
  it('never lets the acting moderator decide the appeal', () => {
    const mod = member({ moderatorOf: ['a'] });
    expect(canDecideAppeal(mod, { spaceId: 'a' }, 'u1')).toBe(false);
    expect(canDecideAppeal(mod, { spaceId: 'a' }, 'u2')).toBe(true);
    expect(canDecideAppeal(mod, { spaceId: 'b' }, 'u2')).toBe(false);
  });
  it('scopes queue and log', () => {
    expect(moderatedSpaces(guest)).toEqual([]);
    expect(moderatedSpaces(member({ moderatorOf: ['a'] }))).toEqual(['a']);
    expect(moderatedSpaces(member({ role: 'admin' }))).toBeNull();
  });
});
