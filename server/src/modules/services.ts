/**
 * The composition root: every domain's service is built here, once per app, in layer order (lower domains
 * first; see server/README.md), with the one factory shape `create<Name>Service(ctx, deps)`. Routes and
 * socket handlers receive the built services; no domain builds another domain's service.
 *
 * The hooks lower domains call upward are registered on the context here: `ctx.notifier` (notifications)
 * and `ctx.postingGate` (moderation).
 */
import type { AppContext } from '../context';
import { createAccountDataService } from './accounts/accounts.data';
import { createAccountsService } from './accounts/accounts.service';
import { createFollowsService } from './follows/follows.service';
import { createModerationServices } from './moderation/moderation.services';
import { createNotificationsService, createNotifier } from './notifications/notifications.service';
import { createPostsService } from './posts/posts.service';
import { createPostWriter } from './posts/posts.write';
import { createReactionsService } from './reactions/reactions.service';
import { createSearchService } from './search/search.service';
import { createSpaceMembersService } from './spaces/spaces.members';
import { createSpacesService } from './spaces/spaces.service';
import { createThreadsService } from './threads/threads.service';

export function buildServices(ctx: AppContext) {
  // Layer 1: accounts.
  const accounts = createAccountsService(ctx, {});
  const accountData = createAccountDataService(ctx, { accounts });
  // Layer 2: spaces.
  const spaces = createSpacesService(ctx, {});
  const spaceMembers = createSpaceMembersService(ctx, {});
  // Layer 3: threads; layer 4: posts and the posting pipeline.
  const threads = createThreadsService(ctx, {});
  const posts = createPostsService(ctx, {});
  const postWriter = createPostWriter(ctx, { posts });
  // Layer 5: what readers do with posts.
  const reactions = createReactionsService(ctx, { posts });
  const search = createSearchService(ctx, {});
  const follows = createFollowsService(ctx, {});
  // Layer 6: moderation; layer 7: notifications.
  const moderation = createModerationServices(ctx, {});
  const notifier = createNotifier(ctx, {});
  const notifications = createNotificationsService(ctx, {});

  ctx.postingGate = moderation.gate;
  ctx.notifier = notifier;

  return {
    accounts,
    accountData,
    spaces,
    spaceMembers,
    threads,
    posts,
    postWriter,
    reactions,
    search,
    follows,
    moderation,
    notifications,
  };
}

export type Services = ReturnType<typeof buildServices>;
