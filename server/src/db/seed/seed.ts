/**
 * Seeds demo content into an empty database (first start), so a new instance has something to show:
 * spaces, two staff logins, a few Dutch conversations written by demo members, and two open reports
 * for the demo moderator's queue.
 * Does nothing when any space or user already exists.
 */
import { randomBytes } from 'node:crypto';
import { and, count, eq } from 'drizzle-orm';
import type { Db, Executor } from '../client';
import { renderMarkdown } from '../../content/markdown';
import type { MemberActor } from '../../lib/actor';
import { hashPassword } from '../../lib/password';
import { usernameKey } from '../../lib/username';
import { queueRepository } from '../../modules/moderation/moderation.queue.repository';
import { reportsRepository } from '../../modules/moderation/moderation.reports.repository';
import { writePost } from '../../modules/posts/posts.write';
import { reactionsRepository } from '../../modules/posts/posts.reactions.repository';
import { threadsRepository } from '../../modules/threads/threads.repository';
import { posts, spaceModerators, spaces, threads, users } from '../schema';
import {
  demoAuthors,
  demoModeratedSlugs,
  demoSpaces,
  demoThreads,
  demoReports,
  demoUsers,
  type DemoAuthor,
  type DemoPost,
} from './demo-content';

export interface SeedResult {
  seeded: boolean;
  logins: { username: string; password: string; role: string; label: string }[];
}

const MINUTE = 60_000;

export async function seedIfEmpty(db: Db, now: Date = new Date()): Promise<SeedResult> {
  const [spaceCount] = await db.select({ n: count() }).from(spaces);
  const [userCount] = await db.select({ n: count() }).from(users);
  if ((spaceCount?.n ?? 0) > 0 || (userCount?.n ?? 0) > 0) return { seeded: false, logins: [] };

  const hashed = await Promise.all(
    demoUsers.map(async (u) => ({ ...u, passwordHash: await hashPassword(u.password) })),
  );
  // The demo authors cannot log in: their password is random and never shown.
  const authorHashes = await Promise.all(
    demoAuthors.map(async (username) => ({
      username,
      passwordHash: await hashPassword(randomBytes(24).toString('base64url')),
    })),
  );
  await db.transaction(async (tx) => {
    const createdUsers = await tx
      .insert(users)
      .values(
        hashed.map((u) => ({
          username: u.username,
          usernameKey: usernameKey(u.username),
          passwordHash: u.passwordHash,
          role: u.role,
        })),
      )
      .returning();
    const createdSpaces = await tx.insert(spaces).values(demoSpaces).returning();
    const moderator = createdUsers.find((u) => u.username === 'demo-moderator');
    if (moderator) {
      await tx
        .insert(spaceModerators)
        .values(
          createdSpaces
            .filter((s) => demoModeratedSlugs.includes(s.slug))
            .map((s) => ({ spaceId: s.id, userId: moderator.id })),
        );
    }
    const authors = await tx
      .insert(users)
      .values(
        authorHashes.map((a) => ({
          username: a.username,
          usernameKey: usernameKey(a.username),
          passwordHash: a.passwordHash,
          createdAt: new Date(now.getTime() - 90 * 24 * 60 * MINUTE),
        })),
      )
      .returning();
    await seedConversations(tx, createdSpaces, authors, now);
    await seedReports(tx, createdSpaces, authors, now);
  });
  return {
    seeded: true,
    logins: demoUsers.map(({ username, password, role, label }) => ({ username, password, role, label })),
  };
}

/** Writes the demo threads through the same code path (and markdown pipeline) as real posts. */
async function seedConversations(
  tx: Executor,
  createdSpaces: (typeof spaces.$inferSelect)[],
  authors: (typeof users.$inferSelect)[],
  now: Date,
): Promise<void> {
  const actorOf = (name: DemoAuthor): MemberActor => {
    const user = authors.find((a) => a.username === name);
    if (!user) throw new Error(`demo author ${name} missing`);
    return {
      kind: 'member',
      userId: user.id,
      username: user.username,
      role: 'member',
      locale: 'nl',
      moderatorOf: [],
      createdAt: user.createdAt,
      sessionId: '',
    };
  };

  for (const [index, demo] of demoThreads.entries()) {
    const space = createdSpaces.find((s) => s.slug === demo.space);
    if (!space) continue;
    const openedAt = new Date(now.getTime() - demo.hoursAgo * 60 * MINUTE);
    const opener = actorOf(demo.opening.by);
    const thread = await threadsRepository.insert(tx, {
      spaceId: space.id,
      authorId: opener.userId,
      title: demo.title,
      intent: demo.intent,
      anonymous: demo.opening.anonymous ?? false,
      lastActivityAt: openedAt,
      createdAt: openedAt,
    });
    const write = async (post: DemoPost, opening: boolean, part: number) => {
      const written = await writePost(tx, {
        thread,
        space,
        author: actorOf(post.by),
        source: post.body,
        html: renderMarkdown(post.body),
        anonymous: post.anonymous ?? false,
        status: 'published',
        idempotencyKey: `demo-seed-${index}-${part}`,
        now: new Date(openedAt.getTime() + post.after * MINUTE),
        opening,
        allowLocked: false,
      });
      for (const [kind, by] of Object.entries(post.reactions ?? {}) as [
        'steun' | 'herkenning' | 'dank',
        DemoAuthor[],
      ][]) {
        for (const name of by) {
          if (await reactionsRepository.add(tx, written.post.id, actorOf(name).userId, kind, now)) {
            await reactionsRepository.adjustCount(tx, written.post.id, kind, 1);
          }
        }
      }
    };
    await write(demo.opening, true, 0);
    for (const [part, reply] of demo.replies.entries()) await write(reply, false, part + 1);
  }
}

/** A couple of open reports so the demo moderator's queue has something to show. */
async function seedReports(
  tx: Executor,
  createdSpaces: (typeof spaces.$inferSelect)[],
  authors: (typeof users.$inferSelect)[],
  now: Date,
): Promise<void> {
  for (const demo of demoReports) {
    const space = createdSpaces.find((s) => s.slug === demo.space);
    const reporter = authors.find((a) => a.username === demo.by);
    if (!space || !reporter) continue;
    const [target] = await tx
      .select({ id: posts.id, authorId: posts.authorId })
      .from(posts)
      .innerJoin(threads, eq(threads.id, posts.threadId))
      .where(and(eq(threads.spaceId, space.id), eq(threads.title, demo.threadTitle), eq(posts.number, demo.postNumber)))
      .limit(1);
    if (!target || target.authorId === reporter.id) continue;
    const at = new Date(now.getTime() - demo.minutesAgo * MINUTE);
    const item = await queueRepository.openItemFor(tx, { type: 'post', id: target.id, spaceId: space.id }, at);
    await reportsRepository.insertReport(tx, {
      reporterId: reporter.id,
      itemId: item.id,
      targetType: 'post',
      targetId: target.id,
      reason: demo.reason,
      note: demo.note,
      createdAt: at,
    });
    await queueRepository.updateItem(tx, item.id, { weight: item.weight + 1, updatedAt: at });
  }
}
