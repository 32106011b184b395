import { describe, expect, it } from 'vitest';
import { guest, type MemberActor } from '../../lib/actor';
import {
  canDecideJoinRequests,
  canPostInSpace,
  canReadSpace,
  canRequestToJoin,
  canSeeSpace,
  type MembershipStatus,
  type SpaceForPolicy,
} from './spaces.policy';

const member = (overrides: Partial<MemberActor> = {}): MemberActor => ({
  kind: 'member',
  userId: 'u1',
  username: 'lid',
  role: 'member',
  locale: 'nl',
  moderatorOf: [],
  createdAt: new Date(),
  sessionId: 's',
  ...overrides,
});
const space = (visibility: SpaceForPolicy['visibility'], archived = false): SpaceForPolicy => ({
  id: 'space-1',
  visibility,
  archivedAt: archived ? new Date() : null,
});

describe('canReadSpace', () => {
  const cases: [string, Parameters<typeof canReadSpace>[0], SpaceForPolicy['visibility'], MembershipStatus, boolean][] =
    [
      ['guest', guest, 'public', 'none', true],
      ['guest', guest, 'registered', 'none', false],
      ['guest', guest, 'closed', 'none', false],
      ['member', member(), 'public', 'none', true],
      ['member', member(), 'registered', 'none', true],
      ['member', member(), 'closed', 'none', false],
      ['pending member', member(), 'closed', 'pending', false],
      ['rejected member', member(), 'closed', 'rejected', false],
      ['approved member', member(), 'closed', 'approved', true],
      ['moderator of this space', member({ moderatorOf: ['space-1'] }), 'closed', 'none', true],
      ['moderator of another space', member({ moderatorOf: ['space-2'] }), 'closed', 'none', false],
      ['admin', member({ role: 'admin' }), 'closed', 'none', true],
    ];
  it.each(cases)('%s × %s space (%s) → %s', (_name, actor, visibility, membership, expected) => {
    expect(canReadSpace(actor, space(visibility), membership)).toBe(expected);
  });
});

describe('canPostInSpace', () => {
  it('refuses guests and archived spaces, allows readers otherwise', () => {
    expect(canPostInSpace(guest, space('public'))).toBe(false);
    expect(canPostInSpace(member(), space('public'))).toBe(true);
    expect(canPostInSpace(member(), space('public', true))).toBe(false);
    expect(canPostInSpace(member({ role: 'admin' }), space('closed', true))).toBe(false);
    expect(canPostInSpace(member(), space('closed'), 'approved')).toBe(true);
  });
});

describe('canRequestToJoin', () => {
  it('only for members outside a closed space without a pending request', () => {
    expect(canRequestToJoin(guest, space('closed'))).toBe(false);
    expect(canRequestToJoin(member(), space('public'))).toBe(false);
    expect(canRequestToJoin(member(), space('closed'))).toBe(true);
    expect(canRequestToJoin(member(), space('closed'), 'pending')).toBe(false);
    expect(canRequestToJoin(member(), space('closed'), 'rejected')).toBe(true);
    expect(canRequestToJoin(member(), space('closed'), 'approved')).toBe(false);
  });
});

describe('canSeeSpace', () => {
  const cases: [string, Parameters<typeof canSeeSpace>[0], SpaceForPolicy['visibility'], boolean][] = [
    ['guest', guest, 'public', true],
    ['guest', guest, 'registered', false],
    ['guest', guest, 'closed', false],
    ['member', member(), 'public', true],
    ['member', member(), 'registered', true],
    ['member', member(), 'closed', true],
    ['admin', member({ role: 'admin' }), 'closed', true],
  ];
  it.each(cases)('%s × %s space → %s', (_name, actor, visibility, expected) => {
    expect(canSeeSpace(actor, space(visibility))).toBe(expected);
    expect(canSeeSpace(actor, space(visibility, true))).toBe(expected);
  });
});

describe('canDecideJoinRequests', () => {
  it('only for moderators of this space and admins', () => {
    expect(canDecideJoinRequests(guest, space('closed'))).toBe(false);
    expect(canDecideJoinRequests(member(), space('closed'))).toBe(false);
    expect(canDecideJoinRequests(member({ moderatorOf: ['space-2'] }), space('closed'))).toBe(false);
    expect(canDecideJoinRequests(member({ moderatorOf: ['space-1'] }), space('closed'))).toBe(true);
    expect(canDecideJoinRequests(member({ role: 'admin' }), space('closed'))).toBe(true);
  });
});
