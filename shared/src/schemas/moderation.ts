/**
 * Reports, the moderation queue, moderator actions, the audit log, appeals, watched words and the
 * composer's content check. Responses to moderators never carry the account behind an anonymous post.
 */
import { z } from 'zod';
import { reasonTemplateLimits } from '../limits/reasons';
import { idSchema, isoDate, limitSchema, spaceRefSchema, text } from './common';
import { authorSchema } from './threads';

export const reportReasonSchema = z
  .enum(['spam', 'unkind', 'misinformation', 'personal_info', 'at_risk', 'other'])
  .meta({ id: 'ReportReason' });
export const reportTargetTypeSchema = z.enum(['post', 'thread', 'user']).meta({ id: 'ReportTargetType' });
export const queueStatusSchema = z.enum(['open', 'claimed', 'resolved']).meta({ id: 'QueueStatus' });
export const moderationActionSchema = z
  .enum([
    'hide_post',
    'remove_post',
    'restore_post',
    /** Publishes a held (`pending`) post; 409 `not_pending` when it is not pending. */
    'approve_post',
    /** Removes a held (`pending`) post, with a reason its author sees and can appeal; 409 `not_pending`. */
    'reject_post',
    'edit_post',
    'label_post',
    'lock_thread',
    'unlock_thread',
    'pin_thread',
    'unpin_thread',
    'move_thread',
    'warn_user',
    'mute_user',
    'ban_user',
    'unban_user',
    'suspend_user',
    'unmask_author',
  ])
  .meta({ id: 'ModerationAction' });
export type ModerationActionName = z.infer<typeof moderationActionSchema>;

export const REPORT_NOTE_MAX = 500;
export const REASON_MAX = 500;

export const createReportBodySchema = z
  .strictObject({
    targetType: reportTargetTypeSchema,
    targetId: idSchema,
    reason: reportReasonSchema,
    note: text({ max: REPORT_NOTE_MAX }).optional(),
  })
  .meta({ id: 'CreateReportBody' });

export const reportResponseSchema = z
  .object({ report: z.object({ id: z.string(), targetType: reportTargetTypeSchema, reason: reportReasonSchema }) })
  .meta({ id: 'ReportResponse' });

export const queueTargetSchema = z
  .object({
    type: reportTargetTypeSchema,
    id: z.string(),
    /** For posts and threads: where it is, and what it says (the moderator's context). */
    threadId: z.string().nullable(),
    threadTitle: z.string().nullable(),
    postNumber: z.number().int().nullable(),
    html: z.string().nullable(),
    status: z.string().nullable(),
    /**
     * Who wrote the post or thread (for a member: that member), as posts show it — an anonymous author only
     * by their alias, never the account behind it. Null when the target no longer exists.
     */
    author: authorSchema.nullable(),
  })
  .meta({ id: 'QueueTarget' });

export const queueItemSchema = z
  .object({
    id: z.string(),
    target: queueTargetSchema,
    space: z.object({ id: z.string(), slug: z.string(), name: z.string() }).nullable(),
    reasons: z.record(z.string(), z.number().int()),
    notes: z.array(z.string()),
    flags: z.array(z.string()),
    priority: z.enum(['at_risk', 'normal']),
    weight: z.number().int(),
    status: queueStatusSchema,
    claimedBy: z.object({ id: z.string(), username: z.string() }).nullable(),
    decision: z.string().nullable(),
    version: z.number().int(),
    createdAt: isoDate,
  })
  .meta({ id: 'QueueItem' });
export type QueueItem = z.infer<typeof queueItemSchema>;

export const queueQuerySchema = z.object({
  space: spaceRefSchema.optional(),
  status: queueStatusSchema.optional(),
  cursor: z.string().max(200).optional(),
});
export const queueListSchema = z
  .object({ items: z.array(queueItemSchema), nextCursor: z.string().nullable(), openCount: z.number().int() })
  .meta({ id: 'QueueList' });
export type QueueList = z.infer<typeof queueListSchema>;
export const queueItemResponseSchema = z.object({ item: queueItemSchema }).meta({ id: 'QueueItemResponse' });
export const queueParamsSchema = z.object({ id: z.string().min(1).max(100) });

/** How long a mute (or a ban or suspension that ends) lasts, in hours. */
export const muteDurationSchema = z.literal([24, 72, 168, 720], {
  error: (issue) => (issue.input === undefined ? 'is required' : undefined),
});

const actionBase = {
  targetType: reportTargetTypeSchema,
  targetId: idSchema,
  reason: text({ min: 1, max: REASON_MAX }),
  /** Space of a mute/ban/unban on a member (for a post or thread target it is that one's space). */
  space: idSchema.optional(),
  note: text({ max: REASON_MAX }).optional(),
};
const actionBody = <A extends ModerationActionName, S extends z.core.$ZodLooseShape>(actions: readonly A[], shape: S) =>
  z.strictObject({ action: z.enum(actions as unknown as [A, ...A[]]), ...actionBase, ...shape });

/**
 * A moderator action: one shape per action (discriminated on `action`), so what an action needs is
 * checked here — a mute needs `durationHours` (24, 72, 168 or 720), an edit `body`, a move `toSpace`;
 * a label takes `label` (the default label otherwise), bans and suspensions an optional duration.
 */
export const actionBodySchema = z
  .discriminatedUnion('action', [
    actionBody(
      [
        'hide_post',
        'remove_post',
        'restore_post',
        'approve_post',
        'reject_post',
        'lock_thread',
        'unlock_thread',
        'pin_thread',
        'unpin_thread',
        'warn_user',
        'unban_user',
        'unmask_author',
      ],
      {},
    ),
    actionBody(['edit_post'], { body: text({ min: 1, max: 20_000 }) }),
    actionBody(['label_post'], { label: text({ min: 1, max: 120, singleLine: true }).optional() }),
    actionBody(['move_thread'], { toSpace: idSchema }),
    actionBody(['mute_user'], { durationHours: muteDurationSchema }),
    actionBody(['ban_user', 'suspend_user'], { durationHours: muteDurationSchema.optional() }),
  ])
  .meta({ id: 'ModerationActionBody' });
export type ActionBody = z.infer<typeof actionBodySchema>;

export const resolveBodySchema = z
  .strictObject({
    decision: z.enum(['agree', 'disagree', 'ignore']),
    action: moderationActionSchema.optional(),
    reason: text({ min: 1, max: REASON_MAX }).optional(),
    durationHours: muteDurationSchema.optional(),
    version: z.number().int().min(1),
  })
  .meta({ id: 'ResolveBody' });

export const actionResultSchema = z
  .object({
    action: z.object({
      id: z.string(),
      action: moderationActionSchema,
      targetType: reportTargetTypeSchema,
      targetId: z.string(),
      createdAt: isoDate,
    }),
    /** Only for `unmask_author`, only to the admin who asked. */
    author: z.object({ id: z.string(), username: z.string() }).optional(),
  })
  .meta({ id: 'ModerationActionResult' });

/** Every action the server writes to the audit log (moderator actions, the queue, appeals and admin changes). */
export const auditActionSchema = z
  .enum([
    ...moderationActionSchema.options,
    'auto_hide_post',
    'queue_resolved',
    'appeal_upheld',
    'appeal_overturned',
    'watched_word_added',
    'watched_word_removed',
    'reason_template_added',
    'reason_template_changed',
    'reason_template_removed',
    'space_created',
    'space_updated',
    'space_archived',
    'space_unarchived',
    'moderator_appointed',
    'moderator_removed',
    'join_request_approved',
    'join_request_rejected',
  ])
  .meta({ id: 'AuditAction' });
export type AuditAction = z.infer<typeof auditActionSchema>;

export const auditEntrySchema = z
  .object({
    id: z.string(),
    actor: z.object({ id: z.string(), username: z.string() }).nullable(),
    action: z.string(),
    spaceId: z.string().nullable(),
    target: z.object({ type: z.string(), id: z.string() }),
    reason: z.string().nullable(),
    createdAt: isoDate,
    details: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'AuditEntry' });
export type AuditEntry = z.infer<typeof auditEntrySchema>;
export const auditQuerySchema = z.object({
  space: spaceRefSchema.optional(),
  actor: text({ min: 1, max: 100, singleLine: true }).optional(),
  action: auditActionSchema.optional(),
  cursor: z.string().max(200).optional(),
});
export const auditListSchema = z
  .object({ items: z.array(auditEntrySchema), nextCursor: z.string().nullable() })
  .meta({ id: 'AuditList' });

export const appealBodySchema = z
  .strictObject({ actionId: idSchema, message: text({ min: 1, max: 2000 }) })
  .meta({ id: 'AppealBody' });
export const appealDecisionBodySchema = z
  .strictObject({ decision: z.enum(['uphold', 'overturn']), reason: text({ min: 1, max: REASON_MAX }) })
  .meta({ id: 'AppealDecisionBody' });
export const appealSchema = z
  .object({
    id: z.string(),
    actionId: z.string(),
    action: z.string(),
    spaceId: z.string().nullable(),
    target: z.object({ type: z.string(), id: z.string() }),
    actionReason: z.string().nullable(),
    /** The moderator who took the action (for moderators deciding the appeal; null for the member). */
    actedBy: z.object({ id: z.string(), username: z.string() }).nullable(),
    message: z.string(),
    status: z.enum(['open', 'decided']),
    decision: z.enum(['uphold', 'overturn']).nullable(),
    decisionReason: z.string().nullable(),
    createdAt: isoDate,
    decidedAt: isoDate.nullable(),
  })
  .meta({ id: 'Appeal' });
export type Appeal = z.infer<typeof appealSchema>;
export const appealResponseSchema = z.object({ appeal: appealSchema }).meta({ id: 'AppealResponse' });
export const appealStatusSchema = z.enum(['open', 'decided']).meta({ id: 'AppealStatus' });
/** Paging for both appeal lists: newest first; pass `nextCursor` back as `cursor`. */
export const appealQuerySchema = z.object({
  status: appealStatusSchema.optional(),
  cursor: z.string().max(300).optional(),
  limit: limitSchema.optional(),
});
export type AppealQuery = z.infer<typeof appealQuerySchema>;
export const appealListSchema = z
  .object({
    items: z.array(appealSchema),
    nextCursor: z.string().nullable(),
    /** Open appeals in all the spaces the moderator may decide for (not only this page). */
    openCount: z.number().int(),
  })
  .meta({ id: 'AppealList' });
export type AppealList = z.infer<typeof appealListSchema>;

/** What a member sees of the moderator decisions about their content or account, and whether they appealed. */
export const myDecisionSchema = z
  .object({
    id: z.string(),
    action: z.string(),
    spaceId: z.string().nullable(),
    target: z.object({ type: z.string(), id: z.string() }),
    reason: z.string().nullable(),
    createdAt: isoDate,
    appealable: z.boolean(),
    appeal: appealSchema.nullable(),
  })
  .meta({ id: 'MyModerationDecision' });
export const myDecisionListSchema = z
  .object({ items: z.array(myDecisionSchema), nextCursor: z.string().nullable() })
  .meta({ id: 'MyDecisionList' });
export type MyDecisionList = z.infer<typeof myDecisionListSchema>;

export const watchedWordActionSchema = z.enum(['block', 'hold', 'flag']).meta({ id: 'WatchedWordAction' });
export const watchedWordBodySchema = z
  .strictObject({
    pattern: text({ min: 1, max: 100, singleLine: true }),
    action: watchedWordActionSchema,
    space: idSchema.optional(),
  })
  .meta({ id: 'WatchedWordBody' });
export const watchedWordSchema = z
  .object({
    id: z.string(),
    pattern: z.string(),
    action: watchedWordActionSchema,
    spaceId: z.string().nullable(),
    createdAt: isoDate,
  })
  .meta({ id: 'WatchedWord' });
export const watchedWordResponseSchema = z.object({ word: watchedWordSchema }).meta({ id: 'WatchedWordResponse' });
export const watchedWordListSchema = z.object({ items: z.array(watchedWordSchema) }).meta({ id: 'WatchedWordList' });

export const contentCheckBodySchema = z
  .strictObject({ body: text({ max: 20_000 }), space: spaceRefSchema.optional() })
  .meta({ id: 'ContentCheckBody' });
export const personalDataKindSchema = z
  .enum(['email', 'phone', 'bsn', 'iban', 'address'])
  .meta({ id: 'PersonalDataKind' });
export const helplineViewSchema = z.object({
  name: z.string(),
  phone: z.string().optional(),
  url: z.string().optional(),
  description: z.string().optional(),
});
export const contentCheckResponseSchema = z
  .object({
    /** Present when the text matches the crisis lexicon: the helplines to show the writer, calmly. */
    crisis: z.object({ helplines: z.array(helplineViewSchema) }).nullable(),
    personalData: z.array(personalDataKindSchema),
  })
  .meta({ id: 'ContentCheckResponse' });
export type ContentCheckResponse = z.infer<typeof contentCheckResponseSchema>;
export type PersonalDataKind = z.infer<typeof personalDataKindSchema>;

/**
 * Removal-reason templates (admin-editable, `reason_templates`): moderators and admins fetch them with
 * `GET /api/moderation/reason-templates` → `{ templates: [{ id, key, label: { nl, en }, text: { nl, en } }] }`.
 */
export const reasonTemplateKeySchema = z
  .string()
  .regex(
    new RegExp(reasonTemplateLimits.key.pattern),
    'use 1-40 lowercase letters, digits or _, starting with a letter',
  );
const templateLabel = text({ min: 1, max: reasonTemplateLimits.label, singleLine: true });
const templateText = text({ min: 1, max: reasonTemplateLimits.text });
export const reasonTemplateSchema = z
  .object({
    id: z.string(),
    key: z.string(),
    label: z.object({ nl: z.string(), en: z.string() }),
    text: z.object({ nl: z.string(), en: z.string() }),
  })
  .meta({ id: 'ReasonTemplate' });
export type ReasonTemplate = z.infer<typeof reasonTemplateSchema>;
export const reasonTemplateListSchema = z
  .object({ templates: z.array(reasonTemplateSchema) })
  .meta({ id: 'ReasonTemplateList' });
export type ReasonTemplateList = z.infer<typeof reasonTemplateListSchema>;
export const reasonTemplateResponseSchema = z
  .object({ template: reasonTemplateSchema })
  .meta({ id: 'ReasonTemplateResponse' });
export const createReasonTemplateBodySchema = z
  .strictObject({
    key: reasonTemplateKeySchema,
    label: z.strictObject({ nl: templateLabel, en: templateLabel }),
    text: z.strictObject({ nl: templateText, en: templateText }),
  })
  .meta({ id: 'CreateReasonTemplateBody' });
export const updateReasonTemplateBodySchema = z
  .strictObject({
    key: reasonTemplateKeySchema.optional(),
    label: z.strictObject({ nl: templateLabel.optional(), en: templateLabel.optional() }).optional(),
    text: z.strictObject({ nl: templateText.optional(), en: templateText.optional() }).optional(),
  })
  .meta({ id: 'UpdateReasonTemplateBody' });
export const reasonTemplateParamsSchema = z.object({ id: z.string().min(1).max(100) });

/**
 * The original fixed list, kept only as a fallback for web code that does not fetch the templates yet;
 * the same texts seed `reason_templates` (migration 0006). Prefer `GET /api/moderation/reason-templates`.
 */
export const reasonTemplates = {
  nl: [
    'Dit bericht bevat persoonlijke gegevens; die hebben we voor je veiligheid verborgen.',
    'Dit bericht is niet vriendelijk naar anderen en past niet bij de huisregels.',
    'Dit bericht geeft medisch advies dat niet klopt of gevaarlijk kan zijn.',
    'Dit bericht is reclame of spam.',
    'Dit bericht hoort niet in deze ruimte.',
  ],
  en: [
    'This post contains personal data; we hid it for your safety.',
    'This post is unkind to others and does not fit the house rules.',
    'This post gives medical advice that is wrong or could be dangerous.',
    'This post is advertising or spam.',
    'This post does not belong in this space.',
  ],
} as const;

/** Request and response types of the moderation endpoints (the web's typed API uses them). */
export type ActionResult = z.infer<typeof actionResultSchema>;
export type AppealResponse = z.infer<typeof appealResponseSchema>;
export type QueueItemResponse = z.infer<typeof queueItemResponseSchema>;
export type ResolveBody = z.input<typeof resolveBodySchema>;
export type AuditList = z.infer<typeof auditListSchema>;
export type AuditQuery = Partial<z.input<typeof auditQuerySchema>>;
export type QueueQuery = Partial<z.input<typeof queueQuerySchema>>;
export type ReportBody = z.input<typeof createReportBodySchema>;
export type ReportResponse = z.infer<typeof reportResponseSchema>;
export type AppealDecisionBody = z.input<typeof appealDecisionBodySchema>;
export type WatchedWordBody = z.input<typeof watchedWordBodySchema>;
export type WatchedWordList = z.infer<typeof watchedWordListSchema>;
export type WatchedWordResponse = z.infer<typeof watchedWordResponseSchema>;
export type WatchedWord = WatchedWordResponse['word'];
export type ReasonTemplateResponse = z.infer<typeof reasonTemplateResponseSchema>;
export type CreateReasonTemplateBody = z.input<typeof createReasonTemplateBodySchema>;
export type UpdateReasonTemplateBody = z.input<typeof updateReasonTemplateBodySchema>;
export type ContentCheckBody = z.input<typeof contentCheckBodySchema>;
