/**
 * One thread as its page shows it. HTTP pages (by post number) and live socket events are merged by post
 * number, so a post that arrives twice (a page and an event, or a catch-up and an event) is shown once.
 * After a reconnect the thread is joined again with the newest number seen, and the server sends what was
 * missed: no gaps, no duplicates.
 */
import type {
  Author,
  Post,
  ReactionCounts,
  ReactionKind,
  ServerToClientEvents,
  Thread,
  ThreadDetail,
} from '@kring/shared';
import { ApiError } from '$lib/api/client';
import { postsApi, type PostsApi } from '$lib/api/posts';
import { reactionsApi, type ReactionsApi } from '$lib/api/reactions';
import { threadsApi, type ThreadsApi } from '$lib/api/threads';
import { joinSpace, joinThread, leaveSpace, leaveThread } from '$lib/realtime/rooms';
import { rememberCare } from '$lib/safety/care.svelte';
import type { KringSocket } from '$lib/realtime/socket';
import type { ComposerInput } from './composer.svelte';
import { mergePosts } from './thread-posts';

export type ThreadStatus = 'loading' | 'ready' | 'not_found' | 'unavailable';

/** What the polite live region should say (the page words it in the reader's language). */
type AnnouncementBody =
  | { kind: 'reply'; author: Author }
  | { kind: 'replies'; count: number }
  | { kind: 'below'; count: number }
  | { kind: 'reconnected' };
export type Announcement = AnnouncementBody & { id: number };

export const PAGE_SIZE = 30;
const TYPING_VISIBLE_MS = 5_000;
const TYPING_SEND_INTERVAL_MS = 2_000;
const ANNOUNCE_GATHER_MS = 800;

export class ThreadState {
  status = $state<ThreadStatus>('loading');
  detail = $state<ThreadDetail | null>(null);
  posts = $state<Post[]>([]);
  hasOlder = $state(false);
  hasNewer = $state(false);
  /** New replies that arrived live while the reader is looking at an older part of the thread. */
  unseenNewer = $state(0);
  readers = $state(0);
  someoneTyping = $state(false);
  online = $state(true);
  loadingMore = $state<'older' | 'newer' | null>(null);
  announcement = $state<Announcement | null>(null);

  readonly thread = $derived<Thread | null>(this.detail?.thread ?? null);
  readonly latestNumber = $derived(this.posts.at(-1)?.number ?? 0);

  #threadId = '';
  #socket: KringSocket | null = null;
  /** The space whose room this thread joined (for `thread:updated`), left with the thread. */
  #spaceRoom: string | null = null;
  #wasOffline = false;
  #typingTimer: ReturnType<typeof setTimeout> | undefined;
  #lastTypingSent = 0;
  #announceTimer: ReturnType<typeof setTimeout> | undefined;
  #gathered: number[] = [];
  #announcementId = 0;
  #reconnectHooks: (() => void)[] = [];

  constructor(
    private readonly remote: { threads: ThreadsApi; posts: PostsApi; reactions: ReactionsApi } = {
      threads: threadsApi,
      posts: postsApi,
      reactions: reactionsApi,
    },
  ) {}

  /** Loads the thread and its first page, or the page around post `around` (a permalink). */
  async load(threadId: string, around?: number, signal?: AbortSignal): Promise<void> {
    this.#threadId = threadId;
    this.status = 'loading';
    const options = signal ? { signal } : {};
    const position = around ? { around } : {};
    try {
      const [detail, page] = await Promise.all([
        this.remote.threads.get(threadId, options),
        this.remote.threads.posts(threadId, { ...position, limit: PAGE_SIZE }, options),
      ]);
      this.detail = detail;
      this.posts = mergePosts([], page.items, true);
      this.hasOlder = page.prevCursor !== null;
      this.hasNewer = page.nextCursor !== null;
      this.unseenNewer = 0;
      this.status = 'ready';
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') return;
      this.detail = null;
      this.posts = [];
      this.status = error instanceof ApiError && error.status === 404 ? 'not_found' : 'unavailable';
    }
  }

  async loadOlder(): Promise<void> {
    const first = this.posts[0];
    if (!first || this.loadingMore) return;
    this.loadingMore = 'older';
    try {
      const page = await this.remote.threads.posts(this.#threadId, { before: first.number, limit: PAGE_SIZE });
      this.posts = mergePosts(this.posts, page.items, true);
      this.hasOlder = page.prevCursor !== null;
    } finally {
      this.loadingMore = null;
    }
  }

  async loadNewer(): Promise<void> {
    if (this.loadingMore) return;
    this.loadingMore = 'newer';
    try {
      const page = await this.remote.threads.posts(this.#threadId, { after: this.latestNumber, limit: PAGE_SIZE });
      this.posts = mergePosts(this.posts, page.items, true);
      this.hasNewer = page.nextCursor !== null;
      if (!this.hasNewer) this.unseenNewer = 0;
    } finally {
      this.loadingMore = null;
    }
  }

  // ---- live ----

  /** Follows the thread on the socket until the returned function is called. */
  connect(socket: KringSocket): () => void {
    this.#socket = socket;
    const id = this.#threadId;
    const handlers: Partial<ServerToClientEvents> = {
      'post:created': ({ threadId, post }) => {
        if (threadId === id) this.#onPostCreated(post);
      },
      'post:updated': ({ threadId, post }) => {
        if (threadId !== id) return;
        if (this.posts.some((p) => p.number === post.number)) {
          this.posts = mergePosts(this.posts, [post], false);
        } else if (post.status === 'published' && !(this.hasOlder && post.number < (this.posts[0]?.number ?? 0))) {
          // A post this page never had (held for review, or hidden before it loaded) was published by a
          // moderator: it arrives like a new one, unless it belongs above the part of the thread on screen.
          this.#onPostCreated(post);
        }
      },
      'post:removed': ({ threadId, postId, status }) => {
        if (threadId !== id) return;
        const before = this.posts.find((p) => p.id === postId);
        this.posts = this.posts.map((p) => {
          if (p.id !== postId) return p;
          const { html: _html, source: _source, ...stub } = p;
          return { ...stub, status };
        });
        // Its author and the space's moderators still see a hidden post (with a notice): fetch their view.
        if (before && (before.mine || this.detail?.can.moderate)) void this.#refetch(before.number);
      },
      'reactions:updated': ({ threadId, postId, reactions }) => {
        if (threadId === id) this.#setReactions(postId, reactions);
      },
      'thread:updated': ({ thread }) => {
        if (thread.id === id && this.detail) this.detail = { ...this.detail, thread };
      },
      'thread:presence': ({ threadId, readers }) => {
        if (threadId === id) this.readers = readers;
      },
      'thread:typing': ({ threadId }) => {
        if (threadId !== id) return;
        this.someoneTyping = true;
        clearTimeout(this.#typingTimer);
        this.#typingTimer = setTimeout(() => (this.someoneTyping = false), TYPING_VISIBLE_MS);
      },
    };
    const onConnect = () => {
      this.online = true;
      void this.#join();
      if (this.#wasOffline) {
        this.#wasOffline = false;
        this.#announce({ kind: 'reconnected' });
        for (const hook of this.#reconnectHooks) hook();
      }
    };
    const onDisconnect = () => {
      this.online = false;
      this.#wasOffline = true;
      this.readers = 0;
      this.someoneTyping = false;
    };

    for (const [event, handler] of Object.entries(handlers)) socket.on(event as 'post:created', handler as never);
    socket.on('connect', onConnect);
    socket.on('disconnect', onDisconnect);
    if (socket.connected) void this.#join();

    return () => {
      for (const [event, handler] of Object.entries(handlers)) socket.off(event as 'post:created', handler as never);
      socket.off('connect', onConnect);
      socket.off('disconnect', onDisconnect);
      leaveThread(socket, id);
      if (this.#spaceRoom) leaveSpace(socket, this.#spaceRoom, this);
      this.#spaceRoom = null;
      clearTimeout(this.#typingTimer);
      clearTimeout(this.#announceTimer);
      this.#socket = null;
    };
  }

  /** Runs after every reconnect (composers retry an unconfirmed submit). */
  onReconnect(hook: () => void): () => void {
    this.#reconnectHooks.push(hook);
    return () => {
      this.#reconnectHooks = this.#reconnectHooks.filter((h) => h !== hook);
    };
  }

  /** Tells the others that someone is writing (at most every two seconds; never who). */
  typing(): void {
    const now = Date.now();
    if (!this.#socket?.connected || now - this.#lastTypingSent < TYPING_SEND_INTERVAL_MS) return;
    this.#lastTypingSent = now;
    this.#socket.emit('thread:typing', { threadId: this.#threadId });
  }

  async #join(): Promise<void> {
    const socket = this.#socket;
    if (!socket) return;
    // Ask for what was missed only when the newest page is loaded (otherwise "load newer" fetches it).
    const lastSeen = this.hasNewer ? undefined : this.latestNumber;
    const result = await joinThread(socket, this.#threadId, lastSeen);
    if (result.ok && !result.complete) this.hasNewer = true;
    // The page closed while the join was under way: nothing more to join.
    if (this.#socket !== socket) return;
    // `thread:updated` (locked, pinned, moved by a moderator) is sent to the space's room, not the thread's.
    const slug = this.detail?.space.slug;
    if (this.#spaceRoom && this.#spaceRoom !== slug) leaveSpace(socket, this.#spaceRoom, this);
    this.#spaceRoom = slug ?? null;
    if (slug) void joinSpace(socket, slug, this);
  }

  #onPostCreated(post: Post): void {
    const known = this.posts.some((p) => p.number === post.number);
    if (this.hasNewer && post.number > this.latestNumber) {
      if (!known) {
        this.unseenNewer += 1;
        this.#announce({ kind: 'below', count: this.unseenNewer });
      }
      return;
    }
    this.posts = mergePosts(this.posts, [post], false);
    if (!known) this.#gather(post.number);
  }

  #setReactions(postId: string, reactions: ReactionCounts, myReactions?: ReactionKind[]): void {
    this.posts = this.posts.map((p) =>
      p.id === postId ? { ...p, reactions, myReactions: myReactions ?? p.myReactions } : p,
    );
  }

  /**
   * New replies that arrive together are announced together ("3 nieuwe reacties"). One's own posts are
   * not announced: a live event can arrive before the answer that marks the post as one's own, so the
   * check happens when the announcement is made.
   */
  #gather(number: number): void {
    this.#gathered.push(number);
    clearTimeout(this.#announceTimer);
    this.#announceTimer = setTimeout(() => {
      const numbers = this.#gathered;
      this.#gathered = [];
      const others = this.posts.filter((p) => numbers.includes(p.number) && !p.mine);
      const [only] = others;
      if (others.length === 1 && only) this.#announce({ kind: 'reply', author: only.author });
      else if (others.length > 1) this.#announce({ kind: 'replies', count: others.length });
    }, ANNOUNCE_GATHER_MS);
  }

  #announce(body: AnnouncementBody): void {
    this.announcement = { ...body, id: ++this.#announcementId };
  }

  // ---- writing ----

  async reply(input: ComposerInput): Promise<Post> {
    const { post, care } = await this.remote.posts.reply(this.#threadId, {
      body: input.body,
      anonymous: input.anonymous,
      idempotencyKey: input.idempotencyKey,
    });
    // Crisis care for the writer, shown beside their new post (kept in memory on this device only).
    rememberCare(post.id, care);
    if (this.hasNewer) {
      // The reader was looking at an older part: show the conversation around their new post.
      await this.load(this.#threadId, post.number);
    } else {
      this.posts = mergePosts(this.posts, [post], true);
    }
    return post;
  }

  async react(post: Post, kind: ReactionKind): Promise<void> {
    const on = !post.myReactions.includes(kind);
    const result = await this.remote.reactions.set(post.id, kind, on);
    this.#setReactions(post.id, result.reactions, result.myReactions);
  }

  async edit(post: Post, body: string): Promise<Post> {
    const { post: updated } = await this.remote.posts.edit(post.id, { body });
    this.posts = mergePosts(this.posts, [updated], true);
    return updated;
  }

  async remove(post: Post): Promise<Post> {
    const { post: removed } = await this.remote.posts.remove(post.id);
    this.posts = mergePosts(this.posts, [removed], true);
    return removed;
  }

  /** The markdown source of an own post (a live edit event may have replaced the text without it). */
  async #refetch(number: number): Promise<void> {
    try {
      const page = await this.remote.threads.posts(this.#threadId, { around: number, limit: 1 });
      this.posts = mergePosts(this.posts, page.items, true);
    } catch {
      // The stub stays; a reload shows the full view.
    }
  }

  async sourceOf(post: Post): Promise<string> {
    if (post.source !== undefined) return post.source;
    const page = await this.remote.threads.posts(this.#threadId, { around: post.number, limit: 1 });
    this.posts = mergePosts(this.posts, page.items, true);
    return page.items.find((p) => p.number === post.number)?.source ?? '';
  }
}
