/**
 * Search, follows and notifications: what the header search box, the search page, the follow buttons and
 * the notification centre exchange. Snippets are plain text plus highlight ranges — never HTML.
 */
import { z } from 'zod';
import { isoDate, limitSchema, spaceRefSchema, text } from './common';
import { threadSchema } from './threads';

export const SEARCH_QUERY_MAX = 200;

export const searchQuerySchema = z.object({
  q: text({ min: 1, max: SEARCH_QUERY_MAX, singleLine: true }),
  /** A space's slug: search only there. */
  space: spaceRefSchema.optional(),
  cursor: z.string().max(300).optional(),
  limit: limitSchema.optional(),
});

/** A highlighted stretch of a snippet: `text.slice(start, end)` (UTF-16 offsets) matched the query. */
export const highlightSchema = z.object({ start: z.number().int(), end: z.number().int() }).meta({ id: 'Highlight' });

export const snippetSchema = z
  .object({ text: z.string(), highlights: z.array(highlightSchema) })
  .meta({ id: 'Snippet' });

export const searchHitSchema = z
  .object({
    thread: threadSchema,
    /** The matching post (the opening post when only the title matched), and when it was written. */
    post: z.object({ id: z.string(), number: z.number().int(), createdAt: isoDate }),
    /** The space the thread is in, for showing where a result comes from. */
    space: z.object({ slug: z.string(), name: z.string() }),
    titleHighlights: z.array(highlightSchema),
    snippet: snippetSchema,
  })
  .meta({ id: 'SearchHit' });

export const searchResultsSchema = z
  .object({ items: z.array(searchHitSchema), nextCursor: z.string().nullable() })
  .meta({ id: 'SearchResults' });

// ---- follows ----

export const followStateSchema = z.object({ following: z.boolean() }).meta({ id: 'FollowState' });

// ---- notifications ----

export const notificationTypeSchema = z
  .enum([
    'reply',
    'new_threads',
    'mention',
    'moderation_decision',
    'appeal_decided',
    'join_request_decided',
    'unanswered_thread',
  ])
  .meta({ id: 'NotificationType' });
export const notificationTypes = notificationTypeSchema.options;

export const notificationSchema = z
  .object({
    id: z.string(),
    type: notificationTypeSchema,
    /** Events folded into this one (e.g. 3 replies in a thread since you last looked). */
    count: z.number().int(),
    threadId: z.string().nullable(),
    spaceSlug: z.string().nullable(),
    threadTitle: z.string().nullable(),
    spaceName: z.string().nullable(),
    postNumber: z.number().int().nullable(),
    /** Only for mentions by a member writing under their pseudonym; never for anonymous posts. */
    actorUsername: z.string().nullable(),
    outcome: z.string().nullable(),
    /** For a `moderation_decision` with outcome `rejected`: the moderator's reason (never who decided). */
    reason: z.string().nullable(),
    read: z.boolean(),
    createdAt: isoDate,
    updatedAt: isoDate,
  })
  .meta({ id: 'Notification' });

export const notificationListQuerySchema = z.object({
  cursor: z.string().max(300).optional(),
  limit: limitSchema.optional(),
  unread: z.enum(['true', 'false']).optional(),
});

export const notificationListSchema = z
  .object({ items: z.array(notificationSchema), nextCursor: z.string().nullable(), unreadCount: z.number().int() })
  .meta({ id: 'NotificationList' });

export const markReadBodySchema = z
  .strictObject({ ids: z.array(z.string().uuid()).min(1).max(100).optional() })
  .meta({ id: 'MarkReadBody' });

export const unreadCountSchema = z.object({ unreadCount: z.number().int() }).meta({ id: 'UnreadCount' });

export const notificationSettingsSchema = z
  .object({
    /** Types that notify (all on by default). */
    enabled: z.record(notificationTypeSchema, z.boolean()),
    /** "Take a break": nothing new arrives before this moment; null when not paused. */
    pausedUntil: isoDate.nullable(),
  })
  .meta({ id: 'NotificationSettings' });

export const notificationSettingsBodySchema = z
  .strictObject({
    enabled: z.partialRecord(notificationTypeSchema, z.boolean()).optional(),
    pausedUntil: z.iso.datetime({ offset: true }).nullable().optional(),
  })
  .meta({ id: 'NotificationSettingsBody' });

export type SearchHit = z.infer<typeof searchHitSchema>;
export type SearchResults = z.infer<typeof searchResultsSchema>;
export type Highlight = z.infer<typeof highlightSchema>;
export type Notification = z.infer<typeof notificationSchema>;
export type NotificationList = z.infer<typeof notificationListSchema>;
export type NotificationTypeName = z.infer<typeof notificationTypeSchema>;
export type NotificationSettings = z.infer<typeof notificationSettingsSchema>;
export type SearchQuery = z.output<typeof searchQuerySchema>;
export type FollowState = z.infer<typeof followStateSchema>;
export type NotificationListQuery = z.output<typeof notificationListQuerySchema>;
export type MarkReadBody = z.infer<typeof markReadBodySchema>;
export type UnreadCount = z.infer<typeof unreadCountSchema>;
export type NotificationSettingsBody = z.infer<typeof notificationSettingsBodySchema>;
