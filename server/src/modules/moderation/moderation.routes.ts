/**
 * Reports, the moderation queue, actions, the audit log, appeals, watched words and the composer's
 * content check. Thin: validate with the shared schemas, call the service, send its result.
 */
import {
  actionBodySchema,
  actionResultSchema,
  appealBodySchema,
  appealDecisionBodySchema,
  appealListSchema,
  appealQuerySchema,
  appealResponseSchema,
  auditListSchema,
  auditQuerySchema,
  contentCheckBodySchema,
  contentCheckResponseSchema,
  createReasonTemplateBodySchema,
  createReportBodySchema,
  errorBodySchema,
  myDecisionListSchema,
  queueItemResponseSchema,
  queueListSchema,
  queueParamsSchema,
  queueQuerySchema,
  reasonTemplateListSchema,
  reasonTemplateParamsSchema,
  reasonTemplateResponseSchema,
  reportResponseSchema,
  resolveBodySchema,
  updateReasonTemplateBodySchema,
  watchedWordBodySchema,
  watchedWordListSchema,
  watchedWordResponseSchema,
} from '@kring/shared';
import type { AppContext, ZodApp } from '../../context';
import { ok } from '../../lib/result';
import { sendResult } from '../../plugins/errors';
import { routeRateLimit } from '../../plugins/rate-limit';
import { adminOnly, requireMember, staffOnly } from '../../plugins/session';
import type { ModerationServices } from './moderation.services';

const errors = {
  400: errorBodySchema,
  401: errorBodySchema,
  403: errorBodySchema,
  404: errorBodySchema,
  409: errorBodySchema,
  429: errorBodySchema,
};

// eslint-disable-next-line max-lines-per-function -- a route table: one short registration per endpoint
export function moderationRoutes(app: ZodApp, ctx: AppContext, moderation: ModerationServices): void {
  const { reports, queue, actions, log, appeals, words, gate, reasons } = moderation;

  app.post(
    '/reports',
    {
      schema: {
        tags: ['moderation'],
        summary: 'Report a post, thread or member',
        description:
          '201 for a new report, 200 when this member already has an open report on the target. The reported member never learns who reported.',
        body: createReportBodySchema,
        response: { 200: reportResponseSchema, 201: reportResponseSchema, ...errors },
      },
      config: { ...routeRateLimit(ctx.config, ctx.config.writeLimits.reportsPer10Minutes, '10 minutes') },
    },
    async (request, reply) => {
      const actor = requireMember(request);
      const result = await reports.report(actor, request.body);
      if (!result.ok) return sendResult(reply, result);
      return sendResult(reply, ok({ report: result.value.report }), result.value.created ? 201 : 200);
    },
  );

  app.get(
    '/moderation/queue',
    {
      schema: {
        tags: ['moderation'],
        summary: 'The review queue (at risk first, then weight, then age)',
        querystring: queueQuerySchema,
        response: { 200: queueListSchema, ...errors },
      },
      ...staffOnly,
    },
    async (request, reply) => sendResult(reply, await queue.queue(requireMember(request), request.query)),
  );

  app.get(
    '/moderation/queue/:id',
    {
      schema: {
        tags: ['moderation'],
        summary: 'One review item',
        params: queueParamsSchema,
        response: { 200: queueItemResponseSchema, ...errors },
      },
    },
    async (request, reply) => sendResult(reply, await queue.getItem(requireMember(request), request.params.id)),
  );

  for (const verb of ['claim', 'unclaim'] as const) {
    app.post(
      `/moderation/queue/:id/${verb}`,
      {
        schema: {
          tags: ['moderation'],
          summary: verb === 'claim' ? 'Claim a review item' : 'Release a claimed review item',
          description: '409 `claimed_by_other` when another moderator holds it, `already_resolved`.',
          params: queueParamsSchema,
          response: { 200: queueItemResponseSchema, ...errors },
        },
      },
      async (request, reply) =>
        sendResult(reply, await queue.claim(requireMember(request), request.params.id, verb === 'claim')),
    );
  }

  app.post(
    '/moderation/queue/:id/resolve',
    {
      schema: {
        tags: ['moderation'],
        summary: 'Resolve a review item (agree / disagree / ignore), optionally with an action',
        description:
          '409 `version_conflict` when the item changed since `version`. A held post (`flags` has `held`, `target.status` is `pending`) is settled with `decision: "agree"` and `action: "approve_post"` (publishes it; for an opening post the thread too, with the notifications a published post sends) or `"reject_post"` (removes it; the author is told the reason and may appeal); both 409 `not_pending` when the post is no longer pending.',
        params: queueParamsSchema,
        body: resolveBodySchema,
        response: { 200: queueItemResponseSchema, ...errors },
      },
    },
    async (request, reply) =>
      sendResult(reply, await queue.resolve(requireMember(request), request.params.id, request.body)),
  );

  app.post(
    '/moderation/actions',
    {
      schema: {
        tags: ['moderation'],
        summary: 'Take a moderator action (audited)',
        description:
          'Actions on the account behind an anonymous post take `targetType: "post"`; the account is resolved server side and never returned (except `unmask_author`, admins only). `approve_post` publishes a held (pending) post and `reject_post` removes one (the reason goes to its author, who may appeal); both resolve the post\'s open review item and answer 409 `not_pending` when the post is not pending.',
        body: actionBodySchema,
        response: { 200: actionResultSchema, ...errors },
      },
    },
    async (request, reply) => sendResult(reply, await actions.act(requireMember(request), request.body)),
  );

  app.get(
    '/moderation/log',
    {
      schema: {
        tags: ['moderation'],
        summary: 'The audit log (moderators: their spaces; admins: everything)',
        querystring: auditQuerySchema,
        response: { 200: auditListSchema, ...errors },
      },
      ...staffOnly,
    },
    async (request, reply) => sendResult(reply, await log.log(requireMember(request), request.query)),
  );

  app.get(
    '/appeals',
    {
      schema: {
        tags: ['moderation'],
        summary: 'Moderator decisions about my content or account, with my appeals',
        description:
          'Newest first, `limit` (default 50) per page; pass `nextCursor` back as `cursor`. `status` keeps only ' +
          'decisions whose appeal is open or decided.',
        querystring: appealQuerySchema,
        response: { 200: myDecisionListSchema, ...errors },
      },
    },
    async (request, reply) => sendResult(reply, await appeals.mine(requireMember(request), request.query)),
  );

  app.post(
    '/appeals',
    {
      schema: {
        tags: ['moderation'],
        summary: 'Appeal a decision (once per action)',
        body: appealBodySchema,
        response: { 201: appealResponseSchema, ...errors },
      },
      config: { ...routeRateLimit(ctx.config, 10, '10 minutes') },
    },
    async (request, reply) => sendResult(reply, await appeals.create(requireMember(request), request.body), 201),
  );

  app.get(
    '/moderation/appeals',
    {
      schema: {
        tags: ['moderation'],
        summary: 'Appeals to decide (moderators: their spaces; admins: all)',
        description:
          'Newest first, `limit` (default 50) per page; pass `nextCursor` back as `cursor`; `status=open|decided` ' +
          'filters. `openCount` counts every open appeal the caller may decide, not only this page.',
        querystring: appealQuerySchema,
        response: { 200: appealListSchema, ...errors },
      },
      ...staffOnly,
    },
    async (request, reply) => sendResult(reply, await appeals.list(requireMember(request), request.query)),
  );

  app.post(
    '/moderation/appeals/:id/decide',
    {
      schema: {
        tags: ['moderation'],
        summary: 'Decide an appeal (not by the moderator who acted)',
        params: queueParamsSchema,
        body: appealDecisionBodySchema,
        response: { 200: appealResponseSchema, ...errors },
      },
    },
    async (request, reply) =>
      sendResult(reply, await appeals.decide(requireMember(request), request.params.id, request.body)),
  );

  app.get(
    '/admin/watched-words',
    {
      schema: {
        tags: ['moderation'],
        summary: 'Watched words (admins)',
        response: { 200: watchedWordListSchema, ...errors },
      },
      ...adminOnly,
    },
    async (request, reply) => sendResult(reply, await words.list(requireMember(request))),
  );

  app.post(
    '/admin/watched-words',
    {
      schema: {
        tags: ['moderation'],
        summary: 'Add a watched word (admins)',
        body: watchedWordBodySchema,
        response: { 201: watchedWordResponseSchema, ...errors },
      },
      ...adminOnly,
    },
    async (request, reply) => sendResult(reply, await words.add(requireMember(request), request.body), 201),
  );

  app.delete(
    '/admin/watched-words/:id',
    {
      schema: {
        tags: ['moderation'],
        summary: 'Remove a watched word (admins)',
        params: queueParamsSchema,
        response: { 200: watchedWordResponseSchema, ...errors },
      },
      ...adminOnly,
    },
    async (request, reply) => sendResult(reply, await words.remove(requireMember(request), request.params.id)),
  );

  app.get(
    '/moderation/reason-templates',
    {
      schema: {
        tags: ['moderation'],
        summary: 'Removal-reason templates to pick from (moderators and admins)',
        description:
          "Shape: `{ templates: [{ id, key, label: { nl, en }, text: { nl, en } }] }`, oldest first. The chosen text becomes the action's reason, which the author reads.",
        response: { 200: reasonTemplateListSchema, ...errors },
      },
      ...staffOnly,
    },
    async (request, reply) => sendResult(reply, await reasons.list(requireMember(request))),
  );

  app.post(
    '/admin/reason-templates',
    {
      schema: {
        tags: ['moderation'],
        summary: 'Add a removal-reason template (admins; audited)',
        description: '409 `key_taken` when another template has this key.',
        body: createReasonTemplateBodySchema,
        response: { 201: reasonTemplateResponseSchema, ...errors },
      },
      ...adminOnly,
    },
    async (request, reply) => sendResult(reply, await reasons.add(requireMember(request), request.body), 201),
  );

  app.patch(
    '/admin/reason-templates/:id',
    {
      schema: {
        tags: ['moderation'],
        summary: 'Change a removal-reason template (admins; audited)',
        description: 'Any of key, label.nl/en, text.nl/en. 409 `key_taken` when another template has the key.',
        params: reasonTemplateParamsSchema,
        body: updateReasonTemplateBodySchema,
        response: { 200: reasonTemplateResponseSchema, ...errors },
      },
      ...adminOnly,
    },
    async (request, reply) =>
      sendResult(reply, await reasons.update(requireMember(request), request.params.id, request.body)),
  );

  app.delete(
    '/admin/reason-templates/:id',
    {
      schema: {
        tags: ['moderation'],
        summary: 'Delete a removal-reason template (admins; audited)',
        params: reasonTemplateParamsSchema,
        response: { 200: reasonTemplateResponseSchema, ...errors },
      },
      ...adminOnly,
    },
    async (request, reply) => sendResult(reply, await reasons.remove(requireMember(request), request.params.id)),
  );

  app.post(
    '/content/check',
    {
      schema: {
        tags: ['moderation'],
        summary: "The composer's check before publishing: crisis helplines and personal-data warnings",
        body: contentCheckBodySchema,
        response: { 200: contentCheckResponseSchema, ...errors },
      },
      config: { ...routeRateLimit(ctx.config, 60, '1 minute') },
    },
    async (request, reply) => sendResult(reply, ok(await gate.contentCheck(request.actor, request.body))),
  );
}
