/**
 * One fixture world per database for the hardening suites: every role and every resource state the
 * access-control matrix talks about, built once per test file (`beforeAll`) through factories and the
 * real API (sanctions are real moderator actions, the pending post is really held by pre-moderation).
 *
 * Every piece of content carries a unique marker (`mk…`), so a test can check that a response never
 * contains the content of something the caller may not see.
 */
import { randomBytes } from 'node:crypto';
import { and, eq, ne } from 'drizzle-orm';
import { moderationItems, spaces, threads } from '../../../src/db/schema';
import type { ZodApp } from '../../../src/context';
import { PLAIN_COOKIE } from '../../../src/plugins/session';
import { createMember, type TestMember } from '../../factories/members';
import { addMembership, createTestSpace, key, replyTo, startThread, type SpaceRow } from '../../factories/threads';

export const roles = [
  'guest',
  'member',
  'muted',
  'banned',
  'suspended',
  'moderator',
  'otherModerator',
  'admin',
  'author',
] as const;
export type Role = (typeof roles)[number];
export type SignedInRole = Exclude<Role, 'guest'>;

/** Kinds of space (the archived one is public). */
export const spaceStates = ['public', 'registered', 'closed', 'archived'] as const;
export type SpaceState = (typeof spaceStates)[number];
/**
 * Thread states: a published thread in each kind of space, a locked one and a held one (public space; its
 * opening post by `author` waits for a moderator, so the thread exists only for its author and moderators).
 */
export const threadStates = [...spaceStates, 'locked', 'held'] as const;
export type ThreadState = (typeof threadStates)[number];
/**
 * Post states: a published post in each kind of space and in the locked thread, the held thread's opening
 * post; pending/hidden/removed replies (public).
 */
export const postStates = [...threadStates, 'pending', 'hidden', 'removed'] as const;
export type PostState = (typeof postStates)[number];
export type State = PostState;

export interface Target {
  space: SpaceRow;
  threadId: string;
  postId: string;
  /** Unique words in the thread title (thread states) or the post body (post states). */
  marker: string;
}

export interface World {
  app: ZodApp;
  members: Record<SignedInRole, TestMember>;
  spaces: Record<SpaceState | 'other', SpaceRow>;
  targets: Record<PostState, Target>;
  /** An open review item per space state (a report on that space's published post). */
  items: Record<SpaceState, string>;
  /** Members with a pending join request in the closed space (one to approve, one to reject). */
  requesters: { approve: TestMember; reject: TestMember };
  /** A member who reports things and is no role of the matrix. */
  reporter: TestMember;
  /** A member nobody moderates, for moderator appointments. */
  bystander: TestMember;
  /** The mute of `muted` in the public space (audit entry id): what `muted` may appeal. */
  muteActionId: string;
  /** An appeal by `banned` against its ban by `moderator`, already decided. */
  decidedAppealId: string;
  /** A watched word (id). */
  watchedWordId: string;
  /** A removal-reason template (id). */
  reasonTemplateId: string;
  /** The `Cookie` header of a role (none for guests). */
  headers(role: Role): Record<string, string>;
  /** A fresh session of a role, for requests that end the session they come with. */
  freshCookie(role: Role): Promise<Record<string, string>>;
  /** A new reply by `author` in the given state, for requests that change or end the post. */
  freshPost(state: PostState): Promise<string>;
}

export const mark = (label: string) => `mk${label}${randomBytes(5).toString('hex')}`;

const REASON = 'Fixture voor de toegangsmatrix.';

export async function buildWorld(app: ZodApp): Promise<World> {
  const db = app.kring.database.db;
  const admin = await createMember(app, { role: 'admin' });

  const made = {
    public: await createTestSpace(app, { visibility: 'public' }),
    registered: await createTestSpace(app, { visibility: 'registered' }),
    closed: await createTestSpace(app, { visibility: 'closed' }),
    archived: await createTestSpace(app, { visibility: 'public' }),
    other: await createTestSpace(app, { visibility: 'public' }),
  };
  const worldSpaceIds = spaceStates.map((s) => made[s].id);

  const members = {
    admin,
    member: await createMember(app),
    muted: await createMember(app),
    banned: await createMember(app),
    suspended: await createMember(app),
    moderator: await createMember(app, { moderatorOf: worldSpaceIds }),
    otherModerator: await createMember(app, { moderatorOf: [made.other.id] }),
    author: await createMember(app),
  } satisfies Record<SignedInRole, TestMember>;
  const reporter = await createMember(app);
  const bystander = await createMember(app);
  const requesters = { approve: await createMember(app), reject: await createMember(app) };
  for (const role of ['muted', 'banned', 'suspended', 'author'] as const) {
    await addMembership(app, made.closed.id, members[role].id, 'approved');
  }
  await addMembership(app, made.closed.id, requesters.approve.id, 'pending');
  await addMembership(app, made.closed.id, requesters.reject.id, 'pending');

  /** A setup request that must succeed; answers with the `id` of the object under `field` (e.g. `action`). */
  const call = async (member: TestMember, url: string, payload: object, field: string): Promise<string> => {
    const res = await app.inject({ method: 'POST', url, headers: { cookie: member.cookie }, payload });
    if (res.statusCode >= 300) throw new Error(`world setup: POST ${url} → ${res.statusCode} ${res.body}`);
    return res.json<Record<string, { id: string }>>()[field]?.id ?? '';
  };
  const act = (member: TestMember, payload: Record<string, unknown>) =>
    call(member, '/api/moderation/actions', { reason: REASON, ...payload }, 'action');

  // A thread with a published opening post in every kind of space (archived after it was written).
  const targets = {} as Record<PostState, Target>;
  for (const state of spaceStates) {
    const marker = mark(state);
    const started = await startThread(app, members.author, made[state].slug, {
      title: `Draad ${marker}`,
      body: `Openingsbericht ${marker}`,
    });
    targets[state] = { space: made[state], threadId: started.thread.id, postId: started.post.id, marker };
  }
  const lockedMarker = mark('locked');
  const locked = await startThread(app, members.author, made.public.slug, {
    title: `Draad ${lockedMarker}`,
    body: `Openingsbericht ${lockedMarker}`,
  });
  targets.locked = { space: made.public, threadId: locked.thread.id, postId: locked.post.id, marker: lockedMarker };
  await act(admin, { action: 'lock_thread', targetType: 'thread', targetId: locked.thread.id });

  /** A thread by `author` in the public space, held by pre-moderation for a moment (202). */
  async function heldThread(marker: string): Promise<{ threadId: string; postId: string }> {
    await db.update(spaces).set({ postingPolicy: 'premoderated' }).where(eq(spaces.id, made.public.id));
    try {
      const res = await app.inject({
        method: 'POST',
        url: `/api/spaces/${made.public.slug}/threads`,
        headers: { cookie: members.author.cookie },
        payload: { title: `Draad ${marker}`, body: `Openingsbericht ${marker}`, idempotencyKey: key() },
      });
      if (res.statusCode !== 202) throw new Error(`world setup: held thread → ${res.statusCode} ${res.body}`);
      const body = res.json<{ thread: { id: string }; post: { id: string } }>();
      return { threadId: body.thread.id, postId: body.post.id };
    } finally {
      await db.update(spaces).set({ postingPolicy: 'open' }).where(eq(spaces.id, made.public.id));
    }
  }
  const heldMarker = mark('held');
  targets.held = { space: made.public, ...(await heldThread(heldMarker)), marker: heldMarker };
  // A moderator's reply in it is published, and still as invisible as the thread (lists, search, events).
  await replyTo(app, admin, targets.held.threadId, { body: `Reactie ${heldMarker}` });

  // Replies in the public thread: held by pre-moderation, hidden and removed by a moderator.
  const publicThread = targets.public.threadId;
  async function replyInState(state: 'pending' | 'hidden' | 'removed', marker: string): Promise<string> {
    if (state === 'pending') {
      await db.update(spaces).set({ postingPolicy: 'premoderated' }).where(eq(spaces.id, made.public.id));
      try {
        const res = await app.inject({
          method: 'POST',
          url: `/api/threads/${publicThread}/posts`,
          headers: { cookie: members.author.cookie },
          payload: { body: `Reactie ${marker}`, idempotencyKey: key() },
        });
        if (res.statusCode !== 202) throw new Error(`world setup: held reply → ${res.statusCode} ${res.body}`);
        return res.json<{ post: { id: string } }>().post.id;
      } finally {
        await db.update(spaces).set({ postingPolicy: 'open' }).where(eq(spaces.id, made.public.id));
      }
    }
    const post = await replyTo(app, members.author, publicThread, { body: `Reactie ${marker}` });
    await act(admin, {
      action: state === 'hidden' ? 'hide_post' : 'remove_post',
      targetType: 'post',
      targetId: post.id,
    });
    return post.id;
  }
  for (const state of ['pending', 'hidden', 'removed'] as const) {
    const marker = mark(state);
    targets[state] = { space: made.public, threadId: publicThread, postId: await replyInState(state, marker), marker };
  }
  await db.update(spaces).set({ archivedAt: new Date() }).where(eq(spaces.id, made.archived.id));

  // Sanctions, through the real moderator actions: muted and banned in every space of the world, suspended
  // site-wide. Suspension ends every session; the suspended role gets a session that outlived it anyway
  // (defence in depth: the server must still refuse what a suspended account may not do).
  let muteActionId = '';
  let banActionId = '';
  for (const state of spaceStates) {
    const space = made[state].id;
    const mute = await act(members.moderator, {
      action: 'mute_user',
      targetType: 'user',
      targetId: members.muted.id,
      space,
      durationHours: 720,
    });
    const ban = await act(members.moderator, {
      action: 'ban_user',
      targetType: 'user',
      targetId: members.banned.id,
      space,
    });
    if (state === 'public') {
      muteActionId = mute;
      banActionId = ban;
    }
  }
  await act(admin, { action: 'suspend_user', targetType: 'user', targetId: members.suspended.id });
  const revived = await app.kring.sessions.create(members.suspended.id, 'test');
  members.suspended = { ...members.suspended, token: revived.token, cookie: `${PLAIN_COOKIE}=${revived.token}` };

  const appealId = await call(
    members.banned,
    '/api/appeals',
    { actionId: banActionId, message: 'Graag opnieuw.' },
    'appeal',
  );
  await call(admin, `/api/moderation/appeals/${appealId}/decide`, { decision: 'uphold', reason: REASON }, 'appeal');

  // A report on the published post in every kind of space opens a review item there.
  const items = {} as Record<SpaceState, string>;
  for (const state of spaceStates) {
    if (state === 'closed') await addMembership(app, made.closed.id, reporter.id, 'approved');
    const report = { targetType: 'post', targetId: targets[state].postId, reason: 'unkind' };
    await call(reporter, '/api/reports', report, 'report');
    const [item] = await db
      .select({ id: moderationItems.id })
      .from(moderationItems)
      .where(and(eq(moderationItems.targetId, targets[state].postId), ne(moderationItems.status, 'resolved')));
    if (!item) throw new Error(`world setup: no review item for ${state}`);
    items[state] = item.id;
  }

  const wordId = await call(admin, '/api/admin/watched-words', { pattern: mark('woord'), action: 'flag' }, 'word');
  const templateId = await call(admin, '/api/admin/reason-templates', reasonTemplateBody('world'), 'template');

  const world: World = {
    app,
    members,
    spaces: made,
    targets,
    items,
    requesters,
    reporter,
    bystander,
    muteActionId,
    decidedAppealId: appealId,
    watchedWordId: wordId,
    reasonTemplateId: templateId,
    headers: (role): Record<string, string> => (role === 'guest' ? {} : { cookie: world.members[role].cookie }),
    async freshCookie(role): Promise<Record<string, string>> {
      if (role === 'guest') return {};
      const { token } = await app.kring.sessions.create(world.members[role].id, 'test');
      return { cookie: `${PLAIN_COOKIE}=${token}` };
    },
    async freshPost(state) {
      const target = targets[state];
      if (state === 'pending' || state === 'hidden' || state === 'removed') return replyInState(state, mark(state));
      if (state === 'held') return (await heldThread(mark(state))).postId;
      // Nobody replies in an archived space or a locked thread: open it for a moment to write one.
      const reopen =
        state === 'archived'
          ? (archivedAt: Date | null) => db.update(spaces).set({ archivedAt }).where(eq(spaces.id, made.archived.id))
          : state === 'locked'
            ? (lockedAt: Date | null) =>
                db
                  .update(threads)
                  .set({ locked: lockedAt !== null })
                  .where(eq(threads.id, target.threadId))
            : null;
      await reopen?.(null);
      try {
        return (await replyTo(app, members.author, target.threadId, { body: `Reactie ${mark(state)}` })).id;
      } finally {
        await reopen?.(new Date());
      }
    },
  };
  return world;
}

/** A valid new removal-reason template; `key` must be unique, so each caller passes its own. */
export function reasonTemplateBody(key: string) {
  return {
    key: `matrix_${key}`,
    label: { nl: 'Testreden', en: 'Test reason' },
    text: { nl: `Verwijderd om een testreden ${mark(key)}.`, en: `Removed for a test reason ${mark(key)}.` },
  };
}
