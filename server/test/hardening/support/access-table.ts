/**
 * The access-control table: one entry per registered HTTP route (`METHOD /path` exactly as Fastify has
 * it) and one per client→server socket event. `access-matrix.test.ts` fails when a route or event has
 * no entry, or an entry has no route.
 *
 * An HTTP entry says
 * - `dims`: which states matter — `roles` only (the member's own things), `space` (public / registered /
 *   closed / archived), `thread` (+ locked) or `post` (+ pending / hidden / removed);
 * - `request(w, role, state)`: the one request for that cell (setup and clean-up around it are fine);
 * - `expect(role, state)`: the status (or statuses) allowed, written with the rules in `rules.ts`;
 * - `sample` (optional): a well-formed request without a session for the hostile-input suite, which
 *   rewrites its params, query and body.
 *
 * Adding a route: add `'METHOD /api/path': entry(dims, request, expect)` below, reusing the rules.
 */
import type { ClientToServerEvents } from '@kring/shared';
import type { LightMyRequestResponse } from 'fastify';
import { key } from '../../factories/threads';
import {
  archived,
  guarded,
  isAdmin,
  isGuest,
  isStaff,
  listsPost,
  mayPostIn,
  moderatesWorld,
  readsSpace,
  readsThread,
  sanctionIn,
  seesSpace,
  spaceOf,
  writeStatus,
} from './rules';
import {
  mark,
  reasonTemplateBody,
  type PostState,
  type Role,
  type SpaceState,
  type State,
  type ThreadState,
  type World,
} from './world';

export type Dimension = 'roles' | 'space' | 'thread' | 'post';
export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type Expected = number | number[];

export interface Sample {
  /** Path params by name (the route's `:name`s). */
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
}

export interface RouteEntry {
  dims: Dimension;
  request(w: World, role: Role, state: State): Promise<LightMyRequestResponse>;
  expect(role: Role, state: State): Expected;
  /** Post states whose content this route may return to a role although it is hidden from them elsewhere. */
  mayShow?: (role: Role) => PostState[];
  /** A well-formed example for the hostile-input suite. */
  sample?: (w: World) => Sample;
}

export const statesOf: Record<Dimension, readonly State[]> = {
  roles: ['public'],
  space: ['public', 'registered', 'closed', 'archived'],
  thread: ['public', 'registered', 'closed', 'archived', 'locked', 'held'],
  post: ['public', 'registered', 'closed', 'archived', 'locked', 'held', 'pending', 'hidden', 'removed'],
};

/** The one way cells make requests: the role's cookie, JSON payloads. */
export function send(
  w: World,
  role: Role,
  method: Method,
  url: string,
  payload?: unknown,
  headers: Record<string, string> = w.headers(role),
) {
  return w.app.inject({
    method,
    url,
    headers,
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });
}

/** With a fresh session of the role, for requests that end or replace the session they come with. */
async function sendFresh(w: World, role: Role, method: Method, url: string, payload?: unknown) {
  return send(w, role, method, url, payload, await w.freshCookie(role));
}

const entry = (
  dims: Dimension,
  request: RouteEntry['request'],
  expect: RouteEntry['expect'],
  options: Pick<RouteEntry, 'mayShow' | 'sample'> = {},
): RouteEntry => ({ dims, request, expect, ...options });

// Rules used by several routes.
const anyone = () => 200;
const memberOnly = (success: number) => (role: Role) => (isGuest(role) ? 401 : success);
const staffOnly = (role: Role) => guarded(role, true, isStaff(role), 200);
const adminOnly = (success: number) => (role: Role) => guarded(role, true, isAdmin(role), success);
/** Reading a space's or thread's content (a held thread: its author and moderators only). */
const readable = (role: Role, state: State) => (readsThread(role, state) ? 200 : 404);
const memberReadable = (role: Role, state: State) => (isGuest(role) ? 401 : readable(role, state));
/** Review items and their actions: the space's moderators; everyone else learns nothing (404). */
const itemRule = (success: number) => (role: Role) => (isGuest(role) ? 401 : moderatesWorld(role) ? success : 404);

const slug = (w: World, state: State) => w.targets[spaceOf(state)].space.slug;
const thread = (w: World, state: State) => w.targets[state as ThreadState].threadId;
const post = (w: World, state: State) => w.targets[state].postId;
const item = (w: World, state: State) => w.items[state as SpaceState];

/** Reactions: readers with posting rights, on published posts of others. */
function reactionRule(role: Role, state: State): Expected {
  if (isGuest(role)) return 401;
  if (!listsPost(role, state)) return 404;
  const published = !['pending', 'hidden', 'removed', 'held'].includes(state);
  return mayPostIn(role, state) && !sanctionIn(role) && role !== 'author' && published ? 200 : 403;
}

/** Authors change their own posts; the post must still be there (not removed). */
function ownPostRule(change: 'edit' | 'delete') {
  return (role: Role, state: State): Expected => {
    if (isGuest(role)) return 401;
    if (!listsPost(role, state) || state === 'removed') return 404;
    if (role !== 'author') return 403;
    if (change === 'delete') return 200;
    return state === 'hidden' || state === 'locked' || archived(state) ? 403 : 200;
  };
}

const SIGNUP_PASSWORD = 'zachte regen op het dak 7';
const WRONG_PASSWORD = 'niet het goede wachtwoord';
/** The role's own pseudonym (a bystander's for guests). */
const nameOf = (w: World, role: Role) => (isGuest(role) ? w.bystander.username : w.members[role].username);
const recoverBody = (w: World, role: Role) => ({
  username: nameOf(w, role),
  recoveryCode: 'aaaa-bbbb-cccc',
  newPassword: SIGNUP_PASSWORD,
});

export const httpTable: Record<string, RouteEntry> = {
  // ---------------------------------------------------------------- health and documentation
  'GET /api/health': entry('roles', (w, r) => send(w, r, 'GET', '/api/health'), anyone),
  'GET /api/docs': entry(
    'roles',
    (w, r) => send(w, r, 'GET', '/api/docs'),
    () => [200, 302],
  ),
  'GET /api/docs/json': entry('roles', (w, r) => send(w, r, 'GET', '/api/docs/json'), anyone),
  'GET /api/docs/yaml': entry('roles', (w, r) => send(w, r, 'GET', '/api/docs/yaml'), anyone),
  'GET /api/docs/static/*': entry('roles', (w, r) => send(w, r, 'GET', '/api/docs/static/swagger-ui.css'), anyone),
  'GET /api/docs/static/index.html': entry(
    'roles',
    (w, r) => send(w, r, 'GET', '/api/docs/static/index.html'),
    () => [200, 302],
  ),
  'GET /api/docs/static/swagger-initializer.js': entry(
    'roles',
    (w, r) => send(w, r, 'GET', '/api/docs/static/swagger-initializer.js'),
    anyone,
  ),

  // ---------------------------------------------------------------- accounts
  'POST /api/auth/signup': entry(
    'roles',
    async (w, r) =>
      sendFresh(w, r, 'POST', '/api/auth/signup', {
        username: `nieuw_${mark('').slice(2, 10)}`,
        password: SIGNUP_PASSWORD,
        ageConfirmed: true,
        acceptRules: true,
        consentHealthData: true,
      }),
    () => 201,
    {
      sample: () => ({
        body: {
          username: 'nieuwkomer',
          password: SIGNUP_PASSWORD,
          ageConfirmed: true,
          acceptRules: true,
          consentHealthData: true,
        },
      }),
    },
  ),
  'POST /api/auth/login': entry(
    'roles',
    (w, r) => sendFresh(w, r, 'POST', '/api/auth/login', { username: nameOf(w, r), password: WRONG_PASSWORD }),
    () => 401,
    { sample: (w) => ({ body: { username: nameOf(w, 'guest'), password: WRONG_PASSWORD } }) },
  ),
  'POST /api/auth/logout': entry(
    'roles',
    (w, r) => sendFresh(w, r, 'POST', '/api/auth/logout'),
    () => 204,
  ),
  'POST /api/auth/recover': entry(
    'roles',
    (w, r) => sendFresh(w, r, 'POST', '/api/auth/recover', recoverBody(w, r)),
    () => 401,
    { sample: (w) => ({ body: recoverBody(w, 'guest') }) },
  ),
  'GET /api/auth/username-suggestions': entry(
    'roles',
    (w, r) => send(w, r, 'GET', '/api/auth/username-suggestions'),
    anyone,
  ),
  'GET /api/auth/session': entry('roles', (w, r) => send(w, r, 'GET', '/api/auth/session'), anyone),
  'GET /api/me': entry('roles', (w, r) => send(w, r, 'GET', '/api/me'), memberOnly(200)),
  'PATCH /api/me': entry('roles', (w, r) => send(w, r, 'PATCH', '/api/me', { locale: 'nl' }), memberOnly(200), {
    sample: () => ({ body: { locale: 'nl' } }),
  }),
  // A wrong password: the account stays (the rule is about who gets that far).
  'DELETE /api/me': entry(
    'roles',
    (w, r) => send(w, r, 'DELETE', '/api/me', { password: WRONG_PASSWORD, mode: 'anonymise' }),
    memberOnly(403),
    { sample: () => ({ body: { password: WRONG_PASSWORD, mode: 'anonymise' } }) },
  ),
  'PATCH /api/me/password': entry(
    'roles',
    (w, r) =>
      send(w, r, 'PATCH', '/api/me/password', { currentPassword: WRONG_PASSWORD, newPassword: SIGNUP_PASSWORD }),
    memberOnly(403),
    { sample: () => ({ body: { currentPassword: WRONG_PASSWORD, newPassword: SIGNUP_PASSWORD } }) },
  ),
  'GET /api/me/sessions': entry('roles', (w, r) => send(w, r, 'GET', '/api/me/sessions'), memberOnly(200)),
  'DELETE /api/me/sessions': entry('roles', (w, r) => send(w, r, 'DELETE', '/api/me/sessions'), memberOnly(204)),
  // Another session of `member`: only `member` may end it; for everyone else it does not exist.
  'DELETE /api/me/sessions/:id': entry(
    'roles',
    async (w, r) => {
      const { session } = await w.app.kring.sessions.create(w.members.member.id, 'test');
      return send(w, r, 'DELETE', `/api/me/sessions/${session.id}`);
    },
    (r) => (isGuest(r) ? 401 : r === 'member' ? 204 : 404),
    { sample: () => ({ params: { id: 'a'.repeat(64) } }) },
  ),
  'GET /api/me/recovery-codes': entry('roles', (w, r) => send(w, r, 'GET', '/api/me/recovery-codes'), memberOnly(200)),
  'POST /api/me/recovery-codes': entry(
    'roles',
    (w, r) => send(w, r, 'POST', '/api/me/recovery-codes', { password: WRONG_PASSWORD }),
    memberOnly(403),
    { sample: () => ({ body: { password: WRONG_PASSWORD } }) },
  ),
  'GET /api/me/export': entry('roles', (w, r) => send(w, r, 'GET', '/api/me/export'), memberOnly(200), {
    // Everything stored about the member: the author's own held, hidden and removed posts included.
    mayShow: (r) => (r === 'author' ? ['held', 'pending', 'hidden', 'removed'] : []),
  }),

  // ---------------------------------------------------------------- spaces
  'GET /api/spaces': entry('roles', (w, r) => send(w, r, 'GET', '/api/spaces?limit=100'), anyone, {
    sample: () => ({ query: { limit: '20', q: 'ruimte' } }),
  }),
  'POST /api/spaces': entry(
    'roles',
    (w, r) =>
      send(w, r, 'POST', '/api/spaces', {
        slug: `nieuw-${mark('').slice(2)}`,
        name: 'Nieuwe ruimte',
        visibility: 'public',
      }),
    adminOnly(201),
    { sample: () => ({ body: { slug: 'nieuwe-ruimte', name: 'Nieuwe ruimte', visibility: 'public' } }) },
  ),
  'GET /api/spaces/:slug': entry(
    'space',
    (w, r, s) => send(w, r, 'GET', `/api/spaces/${slug(w, s)}`),
    (r, s) => (seesSpace(r, s) ? 200 : 404),
  ),
  'PATCH /api/spaces/:slug': entry(
    'space',
    (w, r, s) => send(w, r, 'PATCH', `/api/spaces/${slug(w, s)}`, { description: 'Een ruimte voor tests.' }),
    (r, s) => guarded(r, seesSpace(r, s), isAdmin(r), 200),
    { sample: (w) => ({ params: { slug: w.spaces.public.slug }, body: { description: 'Een ruimte voor tests.' } }) },
  ),
  'PUT /api/spaces/:slug/moderators/:username': entry(
    'space',
    (w, r, s) => send(w, r, 'PUT', `/api/spaces/${slug(w, s)}/moderators/${w.bystander.username}`),
    (r, s) => guarded(r, seesSpace(r, s), isAdmin(r), 200),
  ),
  'DELETE /api/spaces/:slug/moderators/:username': entry(
    'space',
    (w, r, s) => send(w, r, 'DELETE', `/api/spaces/${slug(w, s)}/moderators/${w.bystander.username}`),
    (r, s) => guarded(r, seesSpace(r, s), isAdmin(r), 204),
  ),
  'POST /api/spaces/:slug/join': entry(
    'space',
    (w, r, s) => send(w, r, 'POST', `/api/spaces/${slug(w, s)}/join`, { message: 'Mag ik erbij?' }),
    (r, s) => {
      if (isGuest(r)) return 401;
      if (!seesSpace(r, s)) return 404;
      if (s !== 'closed' || readsSpace(r, s)) return 200;
      // A member banned there cannot ask to come back in.
      return sanctionIn(r) === 'banned' ? 403 : 202;
    },
    { sample: (w) => ({ params: { slug: w.spaces.closed.slug }, body: { message: 'Mag ik erbij?' } }) },
  ),
  'GET /api/spaces/:slug/join-requests': entry(
    'space',
    (w, r, s) => send(w, r, 'GET', `/api/spaces/${slug(w, s)}/join-requests`),
    (r, s) => guarded(r, seesSpace(r, s), moderatesWorld(r), 200),
  ),
  // The closed space has a pending request to decide; elsewhere moderators learn there is none.
  'POST /api/spaces/:slug/join-requests/:userId/approve': entry(
    'space',
    (w, r, s) => send(w, r, 'POST', `/api/spaces/${slug(w, s)}/join-requests/${w.requesters.approve.id}/approve`),
    (r, s) => guarded(r, seesSpace(r, s), moderatesWorld(r), s === 'closed' ? 200 : 404),
  ),
  'POST /api/spaces/:slug/join-requests/:userId/reject': entry(
    'space',
    (w, r, s) => send(w, r, 'POST', `/api/spaces/${slug(w, s)}/join-requests/${w.requesters.reject.id}/reject`),
    (r, s) => guarded(r, seesSpace(r, s), moderatesWorld(r), s === 'closed' ? 200 : 404),
  ),

  // ---------------------------------------------------------------- threads and posts
  'GET /api/spaces/:slug/threads': entry(
    'space',
    (w, r, s) => send(w, r, 'GET', `/api/spaces/${slug(w, s)}/threads`),
    readable,
    {
      sample: (w) => ({ params: { slug: w.spaces.public.slug }, query: { limit: '20', filter: 'unanswered' } }),
    },
  ),
  'POST /api/spaces/:slug/threads': entry(
    'space',
    (w, r, s) =>
      send(w, r, 'POST', `/api/spaces/${slug(w, s)}/threads`, {
        title: 'Een nieuwe vraag',
        body: 'Wie herkent dit?',
        idempotencyKey: key(),
      }),
    (r, s) => writeStatus(r, s, 201),
    {
      sample: (w) => ({
        params: { slug: w.spaces.public.slug },
        body: {
          title: 'Een nieuwe vraag',
          body: 'Wie herkent dit?',
          anonymous: false,
          intent: 'question',
          idempotencyKey: key(),
        },
      }),
    },
  ),
  'GET /api/threads/:id': entry('thread', (w, r, s) => send(w, r, 'GET', `/api/threads/${thread(w, s)}`), readable),
  'GET /api/threads/:id/posts': entry(
    'thread',
    (w, r, s) => send(w, r, 'GET', `/api/threads/${thread(w, s)}/posts`),
    readable,
    {
      sample: (w) => ({ params: { id: w.targets.public.threadId }, query: { after: '0', limit: '20' } }),
    },
  ),
  'POST /api/threads/:id/posts': entry(
    'thread',
    (w, r, s) => send(w, r, 'POST', `/api/threads/${thread(w, s)}/posts`, { body: 'Sterkte!', idempotencyKey: key() }),
    (r, s) => writeStatus(r, s, 201, { thread: true }),
    {
      sample: (w) => ({
        params: { id: w.targets.public.threadId },
        body: { body: 'Sterkte!', anonymous: true, idempotencyKey: key() },
      }),
    },
  ),
  'PATCH /api/posts/:id': entry(
    'post',
    async (w, r, s) =>
      send(w, r, 'PATCH', `/api/posts/${r === 'author' ? await w.freshPost(s) : post(w, s)}`, {
        body: 'Bewerkt.',
      }),
    ownPostRule('edit'),
    { sample: (w) => ({ params: { id: w.targets.public.postId }, body: { body: 'Bewerkt.' } }) },
  ),
  'DELETE /api/posts/:id': entry(
    'post',
    async (w, r, s) => send(w, r, 'DELETE', `/api/posts/${r === 'author' ? await w.freshPost(s) : post(w, s)}`),
    ownPostRule('delete'),
  ),
  'POST /api/posts/preview': entry(
    'roles',
    (w, r) => send(w, r, 'POST', '/api/posts/preview', { body: '**Hallo**' }),
    memberOnly(200),
    {
      sample: () => ({ body: { body: '**Hallo**' } }),
    },
  ),
  'PUT /api/posts/:id/reactions/:kind': entry(
    'post',
    (w, r, s) => send(w, r, 'PUT', `/api/posts/${post(w, s)}/reactions/steun`),
    reactionRule,
  ),
  'DELETE /api/posts/:id/reactions/:kind': entry(
    'post',
    (w, r, s) => send(w, r, 'DELETE', `/api/posts/${post(w, s)}/reactions/steun`),
    reactionRule,
  ),

  // ---------------------------------------------------------------- search, follows, notifications
  'GET /api/search': entry(
    'roles',
    (w, r) => send(w, r, 'GET', `/api/search?q=${encodeURIComponent('Draad or Openingsbericht or Reactie')}`),
    anyone,
    { sample: (w) => ({ query: { q: 'Draad', space: w.spaces.public.slug, limit: '20' } }) },
  ),
  // Following: members, on what they may read.
  ...Object.fromEntries(
    (['GET', 'POST', 'DELETE'] as const).flatMap((method) => [
      [
        `${method} /api/threads/:id/follow`,
        entry('thread', (w, r, s) => send(w, r, method, `/api/threads/${thread(w, s)}/follow`), memberReadable),
      ],
      [
        `${method} /api/spaces/:slug/follow`,
        entry('space', (w, r, s) => send(w, r, method, `/api/spaces/${slug(w, s)}/follow`), memberReadable),
      ],
    ]),
  ),
  'GET /api/notifications': entry('roles', (w, r) => send(w, r, 'GET', '/api/notifications'), memberOnly(200), {
    sample: () => ({ query: { unread: 'true', limit: '20' } }),
  }),
  'GET /api/notifications/unread-count': entry(
    'roles',
    (w, r) => send(w, r, 'GET', '/api/notifications/unread-count'),
    memberOnly(200),
  ),
  'POST /api/notifications/read': entry(
    'roles',
    (w, r) => send(w, r, 'POST', '/api/notifications/read', {}),
    memberOnly(200),
    {
      sample: () => ({ body: { ids: ['00000000-0000-4000-8000-000000000000'] } }),
    },
  ),
  'GET /api/notifications/settings': entry(
    'roles',
    (w, r) => send(w, r, 'GET', '/api/notifications/settings'),
    memberOnly(200),
  ),
  'PUT /api/notifications/settings': entry(
    'roles',
    (w, r) => send(w, r, 'PUT', '/api/notifications/settings', { pausedUntil: null }),
    memberOnly(200),
    { sample: () => ({ body: { enabled: { reply: true }, pausedUntil: null } }) },
  ),

  // ---------------------------------------------------------------- reports and moderation
  'POST /api/reports': entry(
    'post',
    (w, r, s) => send(w, r, 'POST', '/api/reports', { targetType: 'post', targetId: post(w, s), reason: 'spam' }),
    (r, s) => {
      if (isGuest(r)) return 401;
      if (!listsPost(r, s) || s === 'removed') return 404;
      if (r === 'author' || r === 'banned' || r === 'suspended') return 403;
      return 201;
    },
    {
      sample: (w) => ({
        body: { targetType: 'post', targetId: w.targets.public.postId, reason: 'other', note: 'Dit klopt niet.' },
      }),
    },
  ),
  'GET /api/moderation/queue': entry('roles', (w, r) => send(w, r, 'GET', '/api/moderation/queue'), staffOnly, {
    sample: (w) => ({ query: { space: w.spaces.public.slug, status: 'open' } }),
  }),
  'GET /api/moderation/queue/:id': entry(
    'space',
    (w, r, s) => send(w, r, 'GET', `/api/moderation/queue/${item(w, s)}`),
    itemRule(200),
  ),
  'POST /api/moderation/queue/:id/claim': entry(
    'space',
    async (w, r, s) => {
      const res = await send(w, r, 'POST', `/api/moderation/queue/${item(w, s)}/claim`);
      if (res.statusCode === 200) await send(w, r, 'POST', `/api/moderation/queue/${item(w, s)}/unclaim`);
      return res;
    },
    itemRule(200),
  ),
  'POST /api/moderation/queue/:id/unclaim': entry(
    'space',
    (w, r, s) => send(w, r, 'POST', `/api/moderation/queue/${item(w, s)}/unclaim`),
    itemRule(200),
  ),
  // An outdated version: moderators get as far as the version check (409) and nothing changes.
  'POST /api/moderation/queue/:id/resolve': entry(
    'space',
    (w, r, s) =>
      send(w, r, 'POST', `/api/moderation/queue/${item(w, s)}/resolve`, { decision: 'ignore', version: 999_999 }),
    itemRule(409),
    { sample: (w) => ({ params: { id: w.items.public }, body: { decision: 'ignore', version: 999_999 } }) },
  ),
  'POST /api/moderation/actions': entry(
    'post',
    (w, r, s) =>
      send(w, r, 'POST', '/api/moderation/actions', {
        action: 'label_post',
        targetType: 'post',
        targetId: post(w, s),
        reason: 'Context toegevoegd.',
        label: 'Context',
      }),
    (r, s) => {
      if (isGuest(r)) return 401;
      if (moderatesWorld(r)) return 200;
      // Members who moderate nowhere are refused before any target is looked at (403, which tells nothing);
      // staff elsewhere learn about posts they can see (403) and nothing about the rest (404).
      if (!isStaff(r)) return 403;
      return listsPost(r, s) ? 403 : 404;
    },
    {
      sample: (w) => ({
        body: {
          action: 'mute_user',
          targetType: 'post',
          targetId: w.targets.public.postId,
          reason: 'Onvriendelijk.',
          durationHours: 24,
          note: 'Eerste keer.',
        },
      }),
    },
  ),
  'GET /api/moderation/log': entry('roles', (w, r) => send(w, r, 'GET', '/api/moderation/log'), staffOnly, {
    sample: (w) => ({ query: { space: w.spaces.public.slug, action: 'mute_user' } }),
  }),
  'GET /api/appeals': entry('roles', (w, r) => send(w, r, 'GET', '/api/appeals'), memberOnly(200)),
  // Only the member an action concerns may appeal it.
  'POST /api/appeals': entry(
    'roles',
    (w, r) => send(w, r, 'POST', '/api/appeals', { actionId: w.muteActionId, message: 'Ik wil dit uitleggen.' }),
    (r) => (isGuest(r) ? 401 : r === 'muted' ? 201 : 404),
    { sample: (w) => ({ body: { actionId: w.muteActionId, message: 'Ik wil dit uitleggen.' } }) },
  ),
  'GET /api/moderation/appeals': entry('roles', (w, r) => send(w, r, 'GET', '/api/moderation/appeals'), staffOnly),
  // An appeal already decided; the moderator who took the action never decides it.
  'POST /api/moderation/appeals/:id/decide': entry(
    'roles',
    (w, r) =>
      send(w, r, 'POST', `/api/moderation/appeals/${w.decidedAppealId}/decide`, {
        decision: 'overturn',
        reason: 'Toch niet.',
      }),
    (r) => (isGuest(r) ? 401 : isAdmin(r) ? 409 : r === 'moderator' ? 403 : 404),
    { sample: (w) => ({ params: { id: w.decidedAppealId }, body: { decision: 'overturn', reason: 'Toch niet.' } }) },
  ),
  'GET /api/admin/watched-words': entry(
    'roles',
    (w, r) => send(w, r, 'GET', '/api/admin/watched-words'),
    adminOnly(200),
  ),
  'POST /api/admin/watched-words': entry(
    'roles',
    (w, r) => send(w, r, 'POST', '/api/admin/watched-words', { pattern: mark('woord'), action: 'flag' }),
    adminOnly(201),
    { sample: (w) => ({ body: { pattern: 'scheldwoord', action: 'hold', space: w.spaces.public.id, regex: false } }) },
  ),
  'DELETE /api/admin/watched-words/:id': entry(
    'roles',
    async (w, r) => {
      const made = await send(w, 'admin', 'POST', '/api/admin/watched-words', {
        pattern: mark('woord'),
        action: 'flag',
      });
      return send(w, r, 'DELETE', `/api/admin/watched-words/${made.json().word.id}`);
    },
    adminOnly(200),
    { sample: (w) => ({ params: { id: w.watchedWordId } }) },
  ),
  'GET /api/moderation/reason-templates': entry(
    'roles',
    (w, r) => send(w, r, 'GET', '/api/moderation/reason-templates'),
    staffOnly,
  ),
  'POST /api/admin/reason-templates': entry(
    'roles',
    (w, r) => send(w, r, 'POST', '/api/admin/reason-templates', reasonTemplateBody(`post_${r.toLowerCase()}`)),
    adminOnly(201),
    { sample: () => ({ body: reasonTemplateBody('sample') }) },
  ),
  'PATCH /api/admin/reason-templates/:id': entry(
    'roles',
    (w, r) =>
      send(w, r, 'PATCH', `/api/admin/reason-templates/${w.reasonTemplateId}`, {
        label: { nl: 'Andere testreden' },
      }),
    adminOnly(200),
    { sample: (w) => ({ params: { id: w.reasonTemplateId }, body: { label: { en: 'Other test reason' } } }) },
  ),
  'DELETE /api/admin/reason-templates/:id': entry(
    'roles',
    async (w, r) => {
      const made = await send(
        w,
        'admin',
        'POST',
        '/api/admin/reason-templates',
        reasonTemplateBody(`delete_${r.toLowerCase()}`),
      );
      return send(w, r, 'DELETE', `/api/admin/reason-templates/${made.json().template.id}`);
    },
    adminOnly(200),
    { sample: (w) => ({ params: { id: w.reasonTemplateId } }) },
  ),
  'POST /api/content/check': entry(
    'roles',
    (w, r) => send(w, r, 'POST', '/api/content/check', { body: 'Hallo allemaal' }),
    anyone,
    {
      sample: (w) => ({ body: { body: 'Bel me op 0612345678', space: w.spaces.public.slug } }),
    },
  ),
};

/** Socket events (client → server): which rooms a role may enter and what it hears there. */
export type SocketDimension = 'thread' | 'space' | 'none';
export interface SocketEntry {
  dims: SocketDimension;
  /** Whether the event's ack is `{ ok: true }` for this role and state. */
  allowed(role: Role, state: State): boolean;
}

export const socketTable = {
  ping: { dims: 'none', allowed: () => true },
  'thread:join': { dims: 'thread', allowed: (r, s) => readsThread(r, s) },
  'thread:leave': { dims: 'thread', allowed: () => true },
  // Only members who joined (so passed the visibility check) can be "someone typing".
  // Muted, banned and suspended members may join and read, but are never "typing" (they cannot post).
  'thread:typing': { dims: 'thread', allowed: (r, s) => !isGuest(r) && readsThread(r, s) && !sanctionIn(r) },
  'space:join': { dims: 'space', allowed: (r, s) => readsSpace(r, s) },
  'space:leave': { dims: 'space', allowed: () => true },
  'moderation:join': { dims: 'space', allowed: (r) => moderatesWorld(r) },
} satisfies Record<keyof ClientToServerEvents, SocketEntry>;
