/** A thread row → the public Thread shape. The opener's account is never part of it when anonymous. */
import type { Thread } from '@kring/shared';
import type { Author } from '@kring/shared';
import type { ThreadRecord } from './threads.repository';

/** The opening post is the first anonymous post in its thread, so an anonymous opener is always "A". */
const OPENER_ALIAS = 'A';

export function threadAuthor(record: ThreadRecord): Author {
  if (record.thread.anonymous) return { kind: 'anonymous', alias: OPENER_ALIAS };
  if (record.thread.authorId === null || record.authorUsername === null) return { kind: 'former' };
  return { kind: 'member', username: record.authorUsername };
}

export function toThreadView(record: ThreadRecord, spaceSlug: string): Thread {
  const { thread } = record;
  return {
    id: thread.id,
    spaceId: thread.spaceId,
    spaceSlug,
    title: thread.title,
    intent: thread.intent ?? null,
    author: threadAuthor(record),
    replyCount: thread.replyCount,
    lastPostNumber: thread.lastPostNumber,
    lastActivityAt: thread.lastActivityAt.toISOString(),
    pinned: thread.pinned,
    locked: thread.locked,
    createdAt: thread.createdAt.toISOString(),
  };
}
