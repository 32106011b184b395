import type { QueueItem } from '@kring/shared';
import { describe, expect, it } from 'vitest';
import { isHeld, matchesFilter, sortItems } from './queue-order';

function item(id: string, patch: Partial<QueueItem> = {}): QueueItem {
  return {
    id,
    target: {
      type: 'post',
      id: `t-${id}`,
      threadId: 'th',
      threadTitle: 'Titel',
      postNumber: 1,
      html: null,
      status: 'published',
      author: { kind: 'anonymous', alias: 'A' },
    },
    space: { id: 's1', slug: 'borstkanker', name: 'Borstkanker' },
    reasons: { unkind: 1 },
    notes: [],
    flags: [],
    priority: 'normal',
    weight: 1,
    status: 'open',
    claimedBy: null,
    decision: null,
    version: 1,
    createdAt: '2026-01-01T10:00:00.000Z',
    ...patch,
  };
}

describe('sortItems', () => {
  it('puts at-risk first, then heavier, then older', () => {
    const sorted = sortItems([
      item('new-light', { createdAt: '2026-01-02T00:00:00.000Z' }),
      item('old-light', { createdAt: '2026-01-01T00:00:00.000Z' }),
      item('heavy', { weight: 3, createdAt: '2026-01-03T00:00:00.000Z' }),
      item('risk', { priority: 'at_risk', createdAt: '2026-01-04T00:00:00.000Z' }),
    ]);
    expect(sorted.map((i) => i.id)).toEqual(['risk', 'heavy', 'old-light', 'new-light']);
  });
});

describe('matchesFilter', () => {
  it('shows open and claimed items without a status filter, never resolved ones', () => {
    const all = { space: '', status: '' as const };
    expect(matchesFilter(item('a'), all)).toBe(true);
    expect(matchesFilter(item('b', { status: 'claimed' }), all)).toBe(true);
    expect(matchesFilter(item('c', { status: 'resolved' }), all)).toBe(false);
  });

  it('filters on the status and the space slug', () => {
    expect(matchesFilter(item('a', { status: 'resolved' }), { space: '', status: 'resolved' })).toBe(true);
    expect(matchesFilter(item('a'), { space: '', status: 'claimed' })).toBe(false);
    expect(matchesFilter(item('a'), { space: 'tinnitus', status: '' })).toBe(false);
    expect(matchesFilter(item('a', { space: null }), { space: 'borstkanker', status: '' })).toBe(false);
    expect(matchesFilter(item('a'), { space: 'borstkanker', status: 'open' })).toBe(true);
  });
});

describe('isHeld', () => {
  const target = item('x').target;
  it('is a post still pending, flagged held or not', () => {
    expect(isHeld(item('a', { flags: ['held'], target: { ...target, status: 'pending' } }))).toBe(true);
    expect(isHeld(item('b', { flags: ['held', 'crisis'], target: { ...target, status: 'pending' } }))).toBe(true);
    expect(isHeld(item('c', { flags: [], target: { ...target, status: 'pending' } }))).toBe(true);
  });
  it('is not a report about a published post (also after approval), a thread or a member', () => {
    expect(isHeld(item('d'))).toBe(false);
    expect(isHeld(item('e', { flags: ['held'] }))).toBe(false);
    expect(isHeld(item('f', { flags: ['held'], target: { ...target, type: 'thread', status: 'pending' } }))).toBe(
      false,
    );
    expect(isHeld(item('g', { target: { ...target, type: 'user', status: 'pending' } }))).toBe(false);
  });
});
