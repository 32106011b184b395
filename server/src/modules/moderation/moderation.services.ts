/**
 * The moderation rooms, each built once per app with the one factory shape `(ctx, deps)`: reports, the
 * queue, actions, the log, appeals, reason templates, watched words and the posting gate. Routes and
 * socket handlers receive this object instead of building services themselves.
 */
import type { AppContext, NoDeps } from '../../context';
import { createActionsService } from './moderation.actions';
import { createAppealsService } from './moderation.appeals';
import { createModerationGate } from './moderation.gate';
import { createLogService } from './moderation.log';
import { createQueueService } from './moderation.queue';
import { createReasonTemplatesService } from './moderation.reasons';
import { createReportsService } from './moderation.reports';
import { createWatchedWordsService } from './moderation.words';

/** Builds the moderation rooms of an app, once (from the composition root, modules/services.ts). */
export function createModerationServices(ctx: AppContext, _deps: NoDeps) {
  const reports = createReportsService(ctx, {});
  const actions = createActionsService(ctx, { reports });
  return {
    reports,
    queue: createQueueService(ctx, { actions }),
    actions,
    log: createLogService(ctx, {}),
    appeals: createAppealsService(ctx, {}),
    reasons: createReasonTemplatesService(ctx, {}),
    words: createWatchedWordsService(ctx, {}),
    gate: createModerationGate(ctx, { reports }),
  };
}

export type ModerationServices = ReturnType<typeof createModerationServices>;
