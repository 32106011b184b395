/**
 * The posting pipeline, the one way a post is written — a new thread's opening post or a reply:
 *
 *   validate → load (404 when not visible) → policy → idempotent repeat? → gate (`ctx.postingGate`: held,
 *   refused) → write (one statement or one transaction) → after the commit: live events, then
 *   `ctx.notifier.postCommitted` (follow, followers, mentions) and the gate's review items and crisis care.
 *
 * A submit carries an idempotency key that is unique per author in the database, so a repeat — even a
 * concurrent one — returns the original post (200) instead of a second one.
 */
import { defaultHelplines, TITLE_MIN, type Post, type Thread } from '@kring/shared';
import type { AppContext, GateDecision, GateStatus } from '../../context';
import type { Executor } from '../../db/client';
import { isUniqueViolation } from '../../db/errors';
import { plainTitle, renderMarkdown } from '../../content/markdown';
import type { MemberActor } from '../../lib/actor';
import { fail, ok, type Result } from '../../lib/result';
import { openSpace, loadThreadForActor, type SpaceAccess } from '../threads/threads.access';
import { threadEvents } from '../threads/threads.events';
import { canReplyToThread } from '../threads/threads.policy';
import { threadsRepository, type SpaceRow, type ThreadRecord, type ThreadRow } from '../threads/threads.repository';
import { toThreadView } from '../threads/threads.view';
import { anonymousNotAllowed, keyReused, lockedError, postingDenied } from './posts.errors';
import { postsRepository, type PostRecord, type PostRow } from './posts.repository';
import type { PostsService } from './posts.service';
import { publicReader, toPostView } from './posts.view';

export const IDEMPOTENCY_INDEX = 'posts_author_idempotency_unique';

export type PostingStatus = GateStatus;

type Care = { care?: { helplines: SpaceRow['helplines'] } };

export interface PostWriteOutcome {
  post: Post;
  /** false when an earlier submit with the same key is returned (200). */
  created: boolean;
}

export interface CreateThreadInput {
  title: string;
  body: string;
  anonymous?: boolean;
  intent?: Thread['intent'];
  idempotencyKey: string;
}

class LockedDuringWrite extends Error {}

export interface WritePostInput {
  thread: ThreadRow;
  space: SpaceRow;
  author: MemberActor;
  source: string;
  html: string;
  anonymous: boolean;
  status: PostingStatus;
  idempotencyKey: string | null;
  now: Date;
  /** The opening post of a new thread (also counts the thread on the space). */
  opening: boolean;
  /** Moderators may still reply in a locked thread. */
  allowLocked: boolean;
}

/**
 * Writes one post inside the caller's transaction: the space's counter delta, then the next number under
 * the thread's row lock (held until the commit), the author's alias when anonymous, the row. Nothing else
 * belongs in that transaction: writers on one thread queue for its row lock (hence the after-commit steps).
 */
export async function writePost(tx: Executor, input: WritePostInput): Promise<{ thread: ThreadRow; post: PostRow }> {
  const published = input.status === 'published';
  // The space's counters first: a delta row that waits for nobody, so it stays out of the thread's row lock.
  // A held thread (and a held post) counts nowhere until approved: the status change on approval adds it.
  const counted = published && !input.thread.held;
  await threadsRepository.bumpSpaceCounters(tx, input.space.id, {
    threads: input.opening && counted ? 1 : 0,
    posts: counted ? 1 : 0,
    ...(counted ? { activityAt: input.now } : {}),
  });
  const thread = await threadsRepository.takeNextNumber(tx, input.thread.id, {
    now: input.now,
    published,
    isReply: !input.opening,
    allowLocked: input.allowLocked,
  });
  if (!thread) throw new LockedDuringWrite();
  const aliasLetter = input.anonymous ? await threadsRepository.aliasFor(tx, thread.id, input.author.userId) : null;
  const post = await postsRepository.insert(tx, {
    threadId: thread.id,
    number: thread.postCount,
    authorId: input.author.userId,
    anonymous: input.anonymous,
    aliasLetter,
    source: input.source,
    html: input.html,
    status: input.status,
    idempotencyKey: input.idempotencyKey,
    createdAt: input.now,
  });
  return { thread, post };
}

/**
 * A reply, committed: one statement for a reply under the writer's pseudonym (the thread's row lock lasts
 * only as long as PostgreSQL takes for it), a transaction for an anonymous one (its alias is handed out
 * under the same lock). Throws `LockedDuringWrite` when the thread was locked meanwhile.
 */
async function writeReply(
  db: Executor,
  input: Omit<WritePostInput, 'opening'>,
): Promise<{ thread: ThreadRow; post: PostRow }> {
  if (input.anonymous) return db.transaction((tx) => writePost(tx, { ...input, opening: false }));
  const written = await postsRepository.insertNumberedReply(db, {
    threadId: input.thread.id,
    spaceId: input.space.id,
    authorId: input.author.userId,
    source: input.source,
    html: input.html,
    status: input.status,
    idempotencyKey: input.idempotencyKey,
    now: input.now,
    allowLocked: input.allowLocked,
  });
  if (!written) throw new LockedDuringWrite();
  return written;
}

const statusOf = (post: Post): PostingStatus => (post.status === 'pending' ? 'pending' : 'published');

export interface PostWriterDeps {
  /** Post views as the writer sees them (their own reactions, held posts). */
  posts: Pick<PostsService, 'viewsFor'>;
}

// eslint-disable-next-line max-lines-per-function -- a factory: its length is the sum of the small, separately named functions it returns
export function createPostWriter(ctx: AppContext, deps: PostWriterDeps) {
  const db = ctx.database.db;
  const events = threadEvents(ctx.publisher);

  /** After the commit, outside the write's transaction: follow and notify, then review items and care. */
  async function afterCommit(
    actor: MemberActor,
    space: SpaceRow,
    written: { thread: ThreadRow; post: PostRow },
    decision: GateDecision,
    now: Date,
    title?: string,
  ): Promise<Care> {
    await ctx.notifier.postCommitted({ written, space, writer: actor, now });
    const { crisis } = await ctx.postingGate.afterPosting(space, written.post, decision, title);
    if (!crisis) return {};
    return { care: { helplines: space.helplines.length > 0 ? space.helplines : defaultHelplines } };
  }

  async function viewOf(actor: MemberActor, access: SpaceAccess, record: PostRecord): Promise<Post> {
    const [post] = await deps.posts.viewsFor(actor, access, [record]);
    if (!post) throw new Error('view of the post is missing');
    return post;
  }

  /** The original of a repeated reply, as its author sees it. */
  async function originalReply(actor: MemberActor, record: PostRecord, threadId: string) {
    if (record.post.threadId !== threadId || record.post.number === 1) return keyReused();
    const access = await loadThreadForActor(db, actor, threadId);
    if (!access.ok) return access;
    const post = await viewOf(actor, access.value, record);
    return ok({ post, created: false, status: statusOf(post) });
  }

  /** The original of a repeated new thread, as its author sees it. */
  async function originalThread(actor: MemberActor, access: SpaceAccess, record: PostRecord) {
    if (record.post.number !== 1) return keyReused();
    const thread = await threadsRepository.findById(db, record.post.threadId);
    if (!thread || thread.thread.spaceId !== access.space.id) return keyReused();
    const post = await viewOf(actor, access, record);
    return ok({ thread: toThreadView(thread, access.space.slug), post, created: false, status: statusOf(post) });
  }

  /** Runs `write`; a concurrent repeat of the same key that won the race is answered with its original. */
  async function once<T, R>(
    actor: MemberActor,
    key: string,
    write: () => Promise<T>,
    original: (record: PostRecord) => Promise<R>,
  ): Promise<{ written: T } | { repeat: R }> {
    try {
      return { written: await write() };
    } catch (error) {
      if (isUniqueViolation(error, IDEMPOTENCY_INDEX)) {
        const winner = await postsRepository.findByIdempotencyKey(db, actor.userId, key);
        if (winner) return { repeat: await original(winner) };
      }
      throw error;
    }
  }

  return {
    /** A reply in a thread: 201 published, 202 held, 200 the original of a repeated key. */
    async reply(
      actor: MemberActor,
      threadId: string,
      input: { body: string; anonymous?: boolean; idempotencyKey: string },
    ): Promise<Result<PostWriteOutcome & { status: PostingStatus } & Care>> {
      const loaded = await loadThreadForActor(db, actor, threadId);
      if (!loaded.ok) return loaded;
      const access = loaded.value;
      const denied = postingDenied(actor, access);
      if (denied) return denied;
      if (!canReplyToThread(actor, access.space, access.record.thread, access.membership)) return lockedError();
      const anonymous = input.anonymous ?? false;
      if (anonymous && !access.space.allowAnonymous) return anonymousNotAllowed();

      const repeat = await postsRepository.findByIdempotencyKey(db, actor.userId, input.idempotencyKey);
      if (repeat) return originalReply(actor, repeat, threadId);

      const html = renderMarkdown(input.body);
      const gate = await ctx.postingGate.checkPosting(actor, access.space, { source: input.body });
      if (!gate.ok) return gate;

      const now = ctx.clock.now();
      let outcome;
      try {
        outcome = await once(
          actor,
          input.idempotencyKey,
          () =>
            writeReply(db, {
              thread: access.record.thread,
              space: access.space,
              author: actor,
              source: input.body,
              html,
              anonymous,
              status: gate.value.status,
              idempotencyKey: input.idempotencyKey,
              now,
              allowLocked: access.moderator,
            }),
          (winner) => originalReply(actor, winner, threadId),
        );
      } catch (error) {
        if (error instanceof LockedDuringWrite) return lockedError();
        throw error;
      }
      if ('repeat' in outcome) return outcome.repeat;
      const { written } = outcome;

      const record: PostRecord = { post: written.post, authorUsername: actor.username };
      const post = toPostView(record, { actor, moderator: access.moderator }, []);
      // Readers of the thread first (the live post is what they wait for), then follow and notify.
      if (written.post.status === 'published') {
        events.postCreated(threadId, toPostView(record, publicReader));
        events.threadActivity(
          toThreadView({ thread: written.thread, authorUsername: access.record.authorUsername }, access.space.slug),
          written.thread.held,
        );
      }
      const care = await afterCommit(actor, access.space, written, gate.value, now);
      return ok({ post, created: true, status: gate.value.status, ...care });
    },

    /** A new thread (title + opening post, one transaction): held as a whole when its opening post is held. */
    async startThread(
      actor: MemberActor,
      slug: string,
      input: CreateThreadInput,
    ): Promise<Result<{ thread: Thread; post: Post; created: boolean; status: PostingStatus } & Care>> {
      const loaded = await openSpace(db, actor, { slug });
      if (!loaded.ok) return loaded;
      const access = loaded.value;
      const denied = postingDenied(actor, access);
      if (denied) return denied;
      const anonymous = input.anonymous ?? false;
      if (anonymous && !access.space.allowAnonymous) return anonymousNotAllowed();

      // Titles are plain text: markup is removed, and what is left must still be a title.
      const title = plainTitle(input.title);
      if ([...title].length < TITLE_MIN) {
        return fail('invalid', 'validation_failed', 'The title is too short once markup is removed.', {
          fields: { title: `must be at least ${TITLE_MIN} characters of text` },
        });
      }

      const repeat = await postsRepository.findByIdempotencyKey(db, actor.userId, input.idempotencyKey);
      if (repeat) return originalThread(actor, access, repeat);

      const html = renderMarkdown(input.body);
      const gate = await ctx.postingGate.checkPosting(actor, access.space, { source: input.body, title });
      if (!gate.ok) return gate;

      const now = ctx.clock.now();
      const outcome = await once(
        actor,
        input.idempotencyKey,
        () =>
          db.transaction(async (tx) => {
            const thread = await threadsRepository.insert(tx, {
              spaceId: access.space.id,
              authorId: actor.userId,
              title,
              intent: input.intent ?? null,
              anonymous,
              held: gate.value.status === 'pending',
              lastActivityAt: now,
              createdAt: now,
            });
            return writePost(tx, {
              thread,
              space: access.space,
              author: actor,
              source: input.body,
              html,
              anonymous,
              status: gate.value.status,
              idempotencyKey: input.idempotencyKey,
              now,
              opening: true,
              allowLocked: false,
            });
          }),
        (winner) => originalThread(actor, access, winner),
      );
      if ('repeat' in outcome) return outcome.repeat;
      const { written } = outcome;

      const threadRecord: ThreadRecord = { thread: written.thread, authorUsername: actor.username };
      const thread = toThreadView(threadRecord, access.space.slug);
      if (written.post.status === 'published') events.threadCreated(thread);
      const care = await afterCommit(actor, access.space, written, gate.value, now, title);
      const post = await viewOf(actor, access, { post: written.post, authorUsername: actor.username });
      return ok({ thread, post, created: true, status: gate.value.status, ...care });
    },
  };
}

export type PostWriter = ReturnType<typeof createPostWriter>;
