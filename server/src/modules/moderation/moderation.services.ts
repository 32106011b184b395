/**
 * The moderation rooms, each built once per app with the one factory shape `(ctx, deps)`: reports, the
 * queue, actions, the log, appeals, reason templates, watched words and the posting gate. Routes and
 * socket handlers receive this object instead of building services themselves.
 */
import type { AppContext } from '../../context';
import { createActionsService } from './moderation.actions';
import { createAppealsService } from './moderation.appeals';
import type { ModerationLogger } from './moderation.errors';
import { createModerationGate } from './moderation.gate';
import { createLogService } from './moderation.log';
import { createQueueService } from './moderation.queue';
import { createReasonTemplatesService } from './moderation.reasons';
import { createReportsService } from './moderation.reports';
import { createWatchedWordsService } from './moderation.words';

export interface ModerationDeps {
  /** Where failing after-commit hooks are logged (until the context carries `ctx.log`). */
  logger?: ModerationLogger;
}

const built = new WeakMap<AppContext, { services: ModerationServices; deps: ModerationDeps }>();

function build(ctx: AppContext, deps: ModerationDeps) {
  // Read at the time of logging: a later call may bring the app's logger (sockets are wired before routes).
  const logger = { logger: { error: (obj: object, msg: string) => deps.logger?.error(obj, msg) } };
  const reports = createReportsService(ctx, logger);
  const actions = createActionsService(ctx, { reports, ...logger });
  return {
    reports,
    queue: createQueueService(ctx, { actions }),
    actions,
    log: createLogService(ctx, {}),
    appeals: createAppealsService(ctx, logger),
    reasons: createReasonTemplatesService(ctx, {}),
    words: createWatchedWordsService(ctx, {}),
    gate: createModerationGate(ctx, { reports }),
  };
}

export type ModerationServices = ReturnType<typeof build>;

/** Builds the moderation rooms of an app (once: a second call for the same context returns the first). */
export function createModerationServices(ctx: AppContext, deps: ModerationDeps): ModerationServices {
  const existing = built.get(ctx);
  if (existing) {
    existing.deps.logger ??= deps.logger;
    return existing.services;
  }
  const kept: ModerationDeps = { ...deps };
  const services = build(ctx, kept);
  built.set(ctx, { services, deps: kept });
  return services;
}

/**
 * The posting gate of an app, for posts and threads until the context carries it (`ctx.postingGate`): the
 * gate `createModerationServices` built, so the posting path shares its rooms.
 */
export function postingGateOf(ctx: AppContext): ModerationServices['gate'] {
  return createModerationServices(ctx, {}).gate;
}
