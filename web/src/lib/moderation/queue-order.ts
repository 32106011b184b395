/**
 * The queue's order and filters on the client, mirroring the server: *at risk* first, then weight
 * (heaviest first), then age (oldest first). Live items are merged with these, so the list keeps the
 * server's order without reloading.
 */
import type { QueueItem } from '@kring/shared';

/** A queue status (the contract's `QueueStatus`), or '' for every status. */
export type QueueStatusFilter = '' | QueueItem['status'];

const rank = (item: QueueItem) => [item.priority === 'at_risk' ? 0 : 1, -item.weight, item.createdAt] as const;

export function sortItems(items: QueueItem[]): QueueItem[] {
  return [...items].sort((a, b) => {
    const [ra, rb] = [rank(a), rank(b)];
    if (ra[0] !== rb[0]) return ra[0] - rb[0];
    if (ra[1] !== rb[1]) return ra[1] - rb[1];
    return ra[2] < rb[2] ? -1 : ra[2] > rb[2] ? 1 : 0;
  });
}

/** Whether an item belongs in a list with these filters ('' status = everything not yet resolved). */
export function matchesFilter(item: QueueItem, filter: { space: string; status: QueueStatusFilter }): boolean {
  if (filter.space && item.space?.slug !== filter.space) return false;
  if (filter.status === '') return item.status !== 'resolved';
  return item.status === filter.status;
}

/**
 * A held post waiting for approval (a new member's first posts, a premoderated space, a watched word
 * that holds): the server flags its item 'held', and it counts as held while the post is still
 * 'pending'. Once approved the flag stays on the item, so a later report about the published post is a
 * report again. These get their own section with "Goedkeuren" and "Afwijzen" instead of the report
 * decisions.
 */
export function isHeld(item: QueueItem): boolean {
  return item.target.type === 'post' && item.target.status === 'pending';
}
