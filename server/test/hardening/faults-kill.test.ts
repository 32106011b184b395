/**
 * kill -9 right after acknowledged writes: the real server process (`tsx server/src/main.ts`) takes replies,
 * each acknowledged 201, and is killed with SIGKILL (its whole process group, like a crashed container) the
 * moment the last acknowledgement arrives. Restarted on the same data, every acknowledged reply is there,
 * numbered without gaps. PGlite always; PostgreSQL too when TEST_DATABASE_URL is set.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createMember } from '../factories/members';
import { createTestSpace, startThread } from '../factories/threads';
import { api, startProcess } from '../multiprocess/harness';
import { faultStores, withFixtures } from './fault-support/stores';

interface Acked {
  id: string;
  number: number;
  body: string;
}

describe.each(faultStores)('kill -9 on %s', (_name, openStore) => {
  it('loses no acknowledged reply', async () => {
    const store = await openStore();
    const { cookie, threadId } = await withFixtures(store, async (app) => {
      await createTestSpace(app, { slug: 'crash' });
      const member = await createMember(app, { username: 'Crash_Test' });
      const { thread } = await startThread(app, member, 'crash');
      return { cookie: member.cookie, threadId: thread.id };
    });

    let proc = await startProcess('kill-9', store.processOptions);
    try {
      const acked: Acked[] = [];
      const reply = async (body: string) => {
        const res = await api(proc.url, 'POST', `/api/threads/${threadId}/posts`, {
          cookie,
          body: { body, idempotencyKey: randomUUID() },
        });
        expect(res.status, res.text).toBe(201);
        const { post } = res.json() as { post: { id: string; number: number } };
        acked.push({ id: post.id, number: post.number, body });
      };
      // One at a time, then in concurrent bursts (several transactions committing at once).
      for (let i = 0; i < 10; i++) await reply(`Een voor een ${i}`);
      for (let burst = 0; burst < 3; burst++) {
        await Promise.all(Array.from({ length: 5 }, (_, i) => reply(`Tegelijk ${burst}.${i}`)));
      }
      // The crash: the moment the last acknowledgement is in.
      await Promise.all([reply('Het laatste woord'), reply('En nog een')]);
      await proc.kill('SIGKILL');

      proc = await startProcess('kill-9-restarted', store.processOptions);
      const res = await api(proc.url, 'GET', `/api/threads/${threadId}/posts?limit=100`, { cookie });
      expect(res.status).toBe(200);
      const items = (res.json() as { items: { id: string; number: number; html: string }[] }).items;
      // The opening post plus every acknowledged reply, numbered 1..n without gaps or doubles.
      expect(items.map((p) => p.number)).toEqual(Array.from({ length: acked.length + 1 }, (_, i) => i + 1));
      for (const post of acked) {
        const stored = items.find((p) => p.id === post.id);
        expect(stored, `acknowledged reply ${post.number}`).toBeDefined();
        expect(stored?.number).toBe(post.number);
        expect(stored?.html).toContain(post.body);
      }
    } finally {
      await proc.kill('SIGKILL');
      await store.remove();
    }
  }, 300_000);
});
