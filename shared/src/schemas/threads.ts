/**
 * Threads, posts and reactions: what the space page, the thread page and the composer exchange.
 *
 * Anonymity: an anonymous post's author is `{ kind: 'anonymous', alias }` — a per-thread letter, never an
 * id or pseudonym. The response schemas below are the allow-list serializer: a field not listed here
 * never leaves the server.
 */
import { z } from 'zod';
import { isoDate, limitSchema, text } from './common';
import { visibilitySchema } from './spaces';

export const POST_BODY_MAX = 20_000;
export const TITLE_MIN = 5;
export const TITLE_MAX = 150;

export const intentSchema = z.enum(['support', 'experience', 'question', 'good_news']).meta({ id: 'Intent' });
export const reactionKindSchema = z.enum(['steun', 'herkenning', 'dank']).meta({ id: 'ReactionKind' });
export const postStatusSchema = z.enum(['published', 'pending', 'hidden', 'removed']).meta({ id: 'PostStatus' });

export const reactionKinds = reactionKindSchema.options;

/** Who wrote something, as others may see it. */
export const authorSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('member'), username: z.string() }),
    z.object({ kind: z.literal('anonymous'), alias: z.string() }),
    z.object({ kind: z.literal('former') }),
  ])
  .meta({ id: 'Author' });

export const reactionCountsSchema = z
  .object({ steun: z.number().int(), herkenning: z.number().int(), dank: z.number().int() })
  .meta({ id: 'ReactionCounts' });

/** A post as returned (the `Post` schema at /api/docs). */
export const postSchema = z
  .object({
    id: z.string(),
    threadId: z.string(),
    number: z.number().int(),
    author: authorSchema,
    /** Absent for a hidden, removed or held post that the reader may not see (a stub keeps its place). */
    html: z.string().optional(),
    /** The markdown source: only for its author and the space's moderators. */
    source: z.string().optional(),
    createdAt: isoDate,
    editedAt: isoDate.nullable(),
    status: postStatusSchema,
    reactions: reactionCountsSchema,
    myReactions: z.array(reactionKindSchema),
    label: z.string().optional(),
    /** True when the reader wrote this post (so the page can offer edit and delete). Always false in live events. */
    mine: z.boolean(),
  })
  .meta({ id: 'Post' });

export const threadSchema = z
  .object({
    id: z.string(),
    spaceId: z.string(),
    spaceSlug: z.string(),
    title: z.string(),
    intent: intentSchema.nullable(),
    author: authorSchema,
    /** Published replies (the opening post not counted); 0 means unanswered. */
    replyCount: z.number().int(),
    /** The number of the newest post in the thread (posts are numbered 1, 2, 3, … per thread). */
    lastPostNumber: z.number().int(),
    lastActivityAt: isoDate,
    pinned: z.boolean(),
    locked: z.boolean(),
    createdAt: isoDate,
  })
  .meta({ id: 'Thread' });

export const threadListSchema = z
  .object({ items: z.array(threadSchema), nextCursor: z.string().nullable() })
  .meta({ id: 'ThreadList' });

/** GET /api/threads/:id — the thread, the space it lives in and what the reader may do. */
export const threadDetailSchema = z
  .object({
    thread: threadSchema,
    space: z.object({
      id: z.string(),
      slug: z.string(),
      name: z.string(),
      visibility: visibilitySchema,
      allowAnonymous: z.boolean(),
      archived: z.boolean(),
    }),
    can: z.object({ reply: z.boolean(), react: z.boolean(), moderate: z.boolean() }),
    viewer: z.object({ signedIn: z.boolean() }),
  })
  .meta({ id: 'ThreadDetail' });

/**
 * A page of posts in ascending number order. `prevCursor` (pass as `before`) is set when older posts
 * exist, `nextCursor` (pass as `after`) when newer ones exist at the time of the request.
 */
export const postPageSchema = z
  .object({ items: z.array(postSchema), nextCursor: z.string().nullable(), prevCursor: z.string().nullable() })
  .meta({ id: 'PostPage' });

/** Crisis care for the writer only: present when their text matched the crisis lexicon. */
export const careSchema = z
  .object({
    helplines: z.array(
      z.object({
        name: z.string(),
        phone: z.string().optional(),
        url: z.string().optional(),
        description: z.string().optional(),
      }),
    ),
  })
  .meta({ id: 'Care' });
export const postResponseSchema = z
  .object({ post: postSchema, care: careSchema.optional() })
  .meta({ id: 'PostResponse' });
export const createThreadResponseSchema = z
  .object({ thread: threadSchema, post: postSchema, care: careSchema.optional() })
  .meta({ id: 'CreateThreadResponse' });
export const reactionsResponseSchema = z
  .object({ reactions: reactionCountsSchema, myReactions: z.array(reactionKindSchema) })
  .meta({ id: 'ReactionsResponse' });
export const previewResponseSchema = z.object({ html: z.string() }).meta({ id: 'PreviewResponse' });

// ---- requests ----

/** A client-chosen key per submit: a repeat with the same key returns the original instead of a duplicate. */
export const idempotencyKeySchema = z
  .string()
  .min(8, 'must be at least 8 characters')
  .max(100, 'must be at most 100 characters')
  .regex(/^[A-Za-z0-9_.:-]+$/, 'use letters, digits and - _ . : only');

export const postBodyText = text({ min: 1, max: POST_BODY_MAX });
export const titleText = text({ min: TITLE_MIN, max: TITLE_MAX, singleLine: true });

export const createThreadBodySchema = z
  .strictObject({
    title: titleText,
    body: postBodyText,
    anonymous: z.boolean().optional(),
    intent: intentSchema.nullable().optional(),
    idempotencyKey: idempotencyKeySchema,
  })
  .meta({ id: 'CreateThreadBody' });

export const createPostBodySchema = z
  .strictObject({
    body: postBodyText,
    anonymous: z.boolean().optional(),
    idempotencyKey: idempotencyKeySchema,
  })
  .meta({ id: 'CreatePostBody' });

export const editPostBodySchema = z.strictObject({ body: postBodyText }).meta({ id: 'EditPostBody' });

export const previewBodySchema = z.strictObject({ body: text({ max: POST_BODY_MAX }) }).meta({ id: 'PreviewBody' });

/** A post number in a query string: digits only ("abc", "-1", "1.5" are refused with 400). */
const postNumberParam = z
  .string()
  .regex(/^\d{1,9}$/, 'must be a whole number')
  .transform(Number);

export const postPageQuerySchema = z
  .object({
    after: postNumberParam.optional(),
    before: postNumberParam.optional(),
    around: postNumberParam.optional(),
    /** Same as `after` (the generic list convention: pass `nextCursor` back as `cursor`). */
    cursor: postNumberParam.optional(),
    limit: limitSchema.optional(),
  })
  .refine(
    (q) => [q.after, q.before, q.around, q.cursor].filter((value) => value !== undefined).length <= 1,
    'use only one of after, before, around and cursor',
  );

export const threadListQuerySchema = z.object({
  cursor: z.string().max(300).optional(),
  limit: limitSchema.optional(),
  filter: z.enum(['unanswered']).optional(),
});

/** Path parameters are opaque strings; an id that does not exist (or is malformed) is a 404. */
export const opaqueIdParam = z.string().min(1).max(100);
export const threadParamsSchema = z.object({ id: opaqueIdParam });
export const postParamsSchema = z.object({ id: opaqueIdParam });
export const reactionParamsSchema = z.object({ id: opaqueIdParam, kind: reactionKindSchema });

export type Intent = z.infer<typeof intentSchema>;
export type ReactionKind = z.infer<typeof reactionKindSchema>;
export type PostStatus = z.infer<typeof postStatusSchema>;
export type Author = z.infer<typeof authorSchema>;
export type ReactionCounts = z.infer<typeof reactionCountsSchema>;
export type Post = z.infer<typeof postSchema>;
export type Thread = z.infer<typeof threadSchema>;
export type ThreadList = z.infer<typeof threadListSchema>;
export type ThreadDetail = z.infer<typeof threadDetailSchema>;
export type PostPage = z.infer<typeof postPageSchema>;
export type CreateThreadBody = z.input<typeof createThreadBodySchema>;
export type CreatePostBody = z.input<typeof createPostBodySchema>;
export type ReactionsResponse = z.infer<typeof reactionsResponseSchema>;
export type Care = z.infer<typeof careSchema>;
export type PostResponse = z.infer<typeof postResponseSchema>;
export type CreateThreadResponse = z.infer<typeof createThreadResponseSchema>;
export type EditPostBody = z.infer<typeof editPostBodySchema>;
export type PreviewBody = z.infer<typeof previewBodySchema>;
export type PreviewResponse = z.infer<typeof previewResponseSchema>;
export type PostPageQuery = z.output<typeof postPageQuerySchema>;
export type ThreadListQuery = z.output<typeof threadListQuerySchema>;
