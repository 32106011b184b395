/**
 * A moderator hides a post through process B; a reader connected to process A sees it disappear live,
 * and A no longer serves it. Written against `POST /api/moderation/actions` (see /api/docs); it runs once the
 * moderation module (issue 5) is part of the code base, and when TEST_DATABASE_URL and TEST_REDIS_URL
 * are set.
 */
import type { Post } from '@kring/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMember, type TestMember } from '../factories/members';
import { createTestSpace, replyTo, startThread } from '../factories/threads';
import { openSocket, waitFor, type TestSocket } from '../helpers/socket';
import { api, multiprocessEnabled, startCluster, type Cluster, type KringProcess } from './harness';

describe.runIf(multiprocessEnabled)('moderation across processes', () => {
  let cluster: Cluster;
  let a: KringProcess;
  let b: KringProcess;
  let alice: TestMember;
  let bob: TestMember;
  let moderator: TestMember;
  const open: TestSocket[] = [];

  beforeAll(async () => {
    cluster = await startCluster({ count: 2 });
    [a, b] = cluster.processes as [KringProcess, KringProcess];
    const space = await createTestSpace(cluster.fixtures, { slug: 'gemodereerd' });
    alice = await createMember(cluster.fixtures, { username: 'Alice_Mod' });
    bob = await createMember(cluster.fixtures, { username: 'Bob_Mod' });
    moderator = await createMember(cluster.fixtures, { username: 'Mod_Multi', moderatorOf: [space.id] });
  });
  afterAll(async () => {
    for (const socket of open) socket.close();
    await cluster?.close();
  });

  it("a moderator's hide on B removes the post for a reader on A", async () => {
    const { thread } = await startThread(cluster.fixtures, alice, 'gemodereerd');
    const post = await replyTo(cluster.fixtures, bob, thread.id, { body: 'Dit wordt verborgen' });

    const reader = openSocket(a.url);
    open.push(reader);
    await waitFor(reader, 'hello', 10_000);
    await reader.timeout(5_000).emitWithAck('thread:join', { threadId: thread.id });

    const removed = waitFor<{ threadId: string; postId: string; status: string }>(reader, 'post:removed', 5_000);
    const res = await api(b.url, 'POST', '/api/moderation/actions', {
      cookie: moderator.cookie,
      body: { action: 'hide_post', targetType: 'post', targetId: post.id, reason: 'Bevat persoonsgegevens' },
    });
    expect(res.status, res.text).toBeLessThan(300);
    expect(await removed).toMatchObject({ threadId: thread.id, postId: post.id, status: 'hidden' });

    // A no longer serves its content to readers.
    const list = await api(a.url, 'GET', `/api/threads/${thread.id}/posts`);
    expect(list.status).toBe(200);
    const shown = (list.json() as { items: Post[] }).items.find((p) => p.id === post.id);
    expect(shown?.html ?? '').not.toContain('Dit wordt verborgen');
  });
});
