/**
 * Review items and audit rows → the shapes moderators receive. The author of a reported post or thread is
 * the structured `Author` posts use (an anonymous author only by alias); the account behind it never
 * leaves this file. Used by the queue, the reports that raise items and the actions that settle them.
 */
import type { AuditEntry, Author, QueueItem } from '@kring/shared';
import type { Executor } from '../../db/client';
import { postAuthor } from '../posts/posts.view';
import { threadAuthor } from '../threads/threads.view';
import type { AuditRow } from './moderation.log.repository';
import { queueRepository, type ItemRow } from './moderation.queue.repository';
import { reportsRepository } from './moderation.reports.repository';

type ReportOfItem = Awaited<ReturnType<typeof reportsRepository.reportsOf>>[number];
type PostTarget = Awaited<ReturnType<typeof queueRepository.postsByIds>>[number];
type ThreadTarget = Awaited<ReturnType<typeof queueRepository.threadsByIds>>[number];

function emptyTarget(item: ItemRow): QueueItem['target'] {
  return {
    type: item.targetType,
    id: item.targetId,
    threadId: null,
    threadTitle: null,
    postNumber: null,
    html: null,
    status: null,
    author: null,
  };
}

function targetView(
  item: ItemRow,
  posts: Map<string, PostTarget>,
  threads: Map<string, ThreadTarget>,
  names: Map<string, string>,
): QueueItem['target'] {
  const target = emptyTarget(item);
  if (item.targetType === 'post') {
    const row = posts.get(item.targetId);
    if (!row) return target;
    return {
      ...target,
      threadId: row.post.threadId,
      threadTitle: row.threadTitle,
      postNumber: row.post.number,
      html: row.post.html,
      status: row.post.status,
      author: postAuthor(row),
    };
  }
  if (item.targetType === 'thread') {
    const row = threads.get(item.targetId);
    if (!row) return target;
    return {
      ...target,
      threadId: row.thread.id,
      threadTitle: row.thread.title,
      status: row.thread.locked ? 'locked' : 'open',
      author: threadAuthor(row),
    };
  }
  const username = names.get(item.targetId);
  const author: Author | null = username === undefined ? null : { kind: 'member', username };
  return { ...target, author };
}

function reasonsOf(item: ItemRow, reports: readonly ReportOfItem[]): Pick<QueueItem, 'reasons' | 'notes'> {
  const reasons: Record<string, number> = {};
  const notes: string[] = [];
  for (const report of reports) {
    if (report.itemId !== item.id) continue;
    reasons[report.reason] = (reasons[report.reason] ?? 0) + 1;
    if (report.note) notes.push(report.note);
  }
  return { reasons, notes };
}

/** The queue's view of items, with their reports, targets, spaces and claimers (five reads for any number). */
export async function itemViews(db: Executor, items: ItemRow[]): Promise<QueueItem[]> {
  if (items.length === 0) return [];
  const ofType = (type: ItemRow['targetType']) => items.filter((i) => i.targetType === type).map((i) => i.targetId);
  const [reportRows, postRows, threadRows, names, spaceRows] = await Promise.all([
    reportsRepository.reportsOf(
      db,
      items.map((i) => i.id),
    ),
    queueRepository.postsByIds(db, ofType('post')),
    queueRepository.threadsByIds(db, ofType('thread')),
    queueRepository.usernames(db, [
      ...ofType('user'),
      ...items.map((i) => i.claimedBy).filter((id): id is string => id !== null),
    ]),
    queueRepository.spacesByIds(db, [
      ...new Set(items.map((i) => i.spaceId).filter((id): id is string => id !== null)),
    ]),
  ]);
  const postsById = new Map(postRows.map((r) => [r.post.id, r]));
  const threadsById = new Map(threadRows.map((r) => [r.thread.id, r]));
  const spacesById = new Map(spaceRows.map((s) => [s.id, s]));

  return items.map((item) => ({
    id: item.id,
    target: targetView(item, postsById, threadsById, names),
    space: (item.spaceId ? spacesById.get(item.spaceId) : undefined) ?? null,
    ...reasonsOf(item, reportRows),
    flags: item.flags,
    priority: item.atRisk ? 'at_risk' : 'normal',
    weight: item.weight,
    status: item.status,
    claimedBy: item.claimedBy ? { id: item.claimedBy, username: names.get(item.claimedBy) ?? '' } : null,
    decision: item.decision,
    version: item.version,
    createdAt: item.createdAt.toISOString(),
  }));
}

export async function itemView(db: Executor, item: ItemRow): Promise<QueueItem> {
  const [view] = await itemViews(db, [item]);
  if (!view) throw new Error('item view missing');
  return view;
}

export function auditView(entry: AuditRow, actorUsername: string | null): AuditEntry {
  return {
    id: entry.id,
    actor: entry.actorId ? { id: entry.actorId, username: actorUsername ?? '' } : null,
    action: entry.action,
    spaceId: entry.spaceId,
    target: { type: entry.targetType, id: entry.targetId },
    reason: entry.reason,
    createdAt: entry.createdAt.toISOString(),
    details: entry.details,
  };
}
