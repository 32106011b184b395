/**
 * Reports, the moderation queue, moderator actions, the audit log, appeals, watched words and the
 * composer's content check. Responses to moderators never carry the account behind an anonymous post.
 */
import { z } from 'zod';
import { reasonTemplateLimits } from '../limits/reasons';
import { idSchema, isoDate, spaceRefSchema, text } from './common';

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
    /** The pseudonym, or "Anoniem A" for an anonymous post: never the account behind it. */
    authorName: z.string().nullable(),
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

export const actionBodySchema = z
  .strictObject({
    action: moderationActionSchema,
    targetType: reportTargetTypeSchema,
    targetId: idSchema,
    reason: text({ min: 1, max: REASON_MAX }),
    /** For mutes: 24, 72, 168 or 720 hours. */
    durationHours: z.union([z.literal(24), z.literal(72), z.literal(168), z.literal(720)]).optional(),
    /** Space of a mute/ban/unban on a member (for a post or thread target it is that one's space). */
    space: idSchema.optional(),
    note: text({ max: REASON_MAX }).optional(),
    body: text({ min: 1, max: 20_000 }).optional(),
    label: text({ min: 1, max: 120, singleLine: true }).optional(),
    toSpace: idSchema.optional(),
  })
  .meta({ id: 'ModerationActionBody' });

export const resolveBodySchema = z
  .strictObject({
    decision: z.enum(['agree', 'disagree', 'ignore']),
    action: moderationActionSchema.optional(),
    reason: text({ min: 1, max: REASON_MAX }).optional(),
    durationHours: z.union([z.literal(24), z.literal(72), z.literal(168), z.literal(720)]).optional(),
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
  action: text({ min: 1, max: 60, singleLine: true }).optional(),
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
export const appealListSchema = z.object({ items: z.array(appealSchema) }).meta({ id: 'AppealList' });

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
export const myDecisionListSchema = z.object({ items: z.array(myDecisionSchema) }).meta({ id: 'MyDecisionList' });

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
