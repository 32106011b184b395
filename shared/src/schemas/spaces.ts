/**
 * Condition spaces: what the directory, the space page and the admin screens exchange.
 *
 * Input schemas (`…InputSchema`, `create…`, `update…`, query and params schemas) normalise and check what a
 * client sends; output schemas (`spaceSchema`, `joinRequestSchema`, …) are plain shapes that the server
 * serialises through, so a field they do not list never leaves the server.
 */
import { z } from 'zod';
import { defaultHelplines, reservedSlugs, spaceLimits } from '../limits/spaces';
import { idSchema, isoDate, limitSchema, listOf, spaceRefSchema, text } from './common';

export { defaultHelplines, reservedSlugs, spaceLimits };

export const visibilitySchema = z.enum(['public', 'registered', 'closed']);
export const postingPolicySchema = z.enum(['open', 'new_members_premoderated', 'premoderated']);
export const membershipStatusSchema = z.enum(['none', 'pending', 'approved', 'rejected']);
export const joinRequestStatusSchema = z.enum(['pending', 'approved', 'rejected']);

export const slugSchema = z
  .string()
  .min(2, 'must be at least 2 characters')
  .max(60, 'must be at most 60 characters')
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'use lowercase letters, digits and single hyphens');

const newSlugSchema = slugSchema.refine((slug) => !reservedSlugs.includes(slug), 'this address is reserved');

// Printable characters only: no whitespace, no control characters, nothing that breaks out of an attribute.
const httpUrl = z
  .string()
  .max(spaceLimits.helplineUrl, `must be at most ${spaceLimits.helplineUrl} characters`)
  // eslint-disable-next-line no-control-regex
  .regex(/^https?:\/\/[^\s\u0000-\u001f\u007f<>"]+$/, 'must be an http(s) address');

/** A helpline as an admin enters it: a name plus a phone number and/or a web address. */
export const helplineInputSchema = z
  .strictObject({
    name: text({ min: 1, max: spaceLimits.helplineName, singleLine: true }),
    phone: text({ min: 1, max: spaceLimits.helplinePhone, singleLine: true }).optional(),
    url: httpUrl.optional(),
    description: text({ max: spaceLimits.helplineDescription, singleLine: true }).optional(),
  })
  .refine((line) => line.phone !== undefined || line.url !== undefined, {
    message: 'give a phone number or a web address',
    path: ['phone'],
    // Also when another field (the name) is wrong, so a form can mark every problem at once.
    when: ({ value, issues }) =>
      typeof value === 'object' &&
      value !== null &&
      issues.every((issue) => {
        const [field] = issue.path ?? [];
        return field !== undefined && field !== 'phone' && field !== 'url';
      }),
  })
  .meta({ id: 'HelplineEntry' });

/** A helpline as the API returns it. */
export const helplineSchema = z
  .object({
    name: z.string(),
    phone: z.string().optional(),
    url: z.string().optional(),
    description: z.string().optional(),
  })
  .meta({ id: 'Helpline' });

/** A space in the directory. */
export const spaceSummarySchema = z
  .object({
    id: z.string(),
    slug: z.string(),
    name: z.string(),
    description: z.string(),
    visibility: visibilitySchema,
    threadCount: z.number().int(),
    postCount: z.number().int(),
    lastActivityAt: isoDate.nullable(),
    archived: z.boolean(),
    /**
     * The actor's stored membership request for this space ('none' without one); omitted for guests.
     * Only closed spaces use it to decide access; moderators and admins read without one.
     */
    membership: membershipStatusSchema.optional(),
    /** `read`: the actor may read the space's threads; `join`: the actor may ask to join (closed spaces). */
    can: z.object({ read: z.boolean(), join: z.boolean() }),
  })
  .meta({ id: 'SpaceSummary' });

/** A space with everything its page shows. */
export const spaceSchema = spaceSummarySchema
  .extend({
    rules: z.string(),
    helplines: z.array(helplineSchema),
    postingPolicy: postingPolicySchema,
    allowAnonymous: z.boolean(),
    moderationHours: z.string().nullable(),
    /** Hours after which an opening post without a reply alerts the space's moderators (once). */
    unansweredAfterHours: z.number().int(),
    /** Pseudonyms of the space's moderators (moderators are public in their role). */
    moderators: z.array(z.string()),
    createdAt: isoDate,
    /** What the actor may do here, so the UI can show or hide controls (the server still checks). */
    can: z.object({
      read: z.boolean(),
      post: z.boolean(),
      moderate: z.boolean(),
      manage: z.boolean(),
      join: z.boolean(),
    }),
  })
  .meta({ id: 'Space' });

export const spaceListSchema = listOf(spaceSummarySchema).meta({ id: 'SpaceList' });
export const spaceResponseSchema = z.object({ space: spaceSchema }).meta({ id: 'SpaceResponse' });

const booleanQuery = z
  .enum(['true', 'false'], { error: 'expected true or false' })
  .transform((value) => value === 'true');

export const spaceListQuerySchema = z.object({
  /** Search in name and description (case- and accent-insensitive). */
  q: text({ max: spaceLimits.search, singleLine: true }).optional(),
  /** Admins only: also list archived spaces (ignored for everyone else, who never sees them listed). */
  archived: booleanQuery.optional(),
  cursor: z.string().max(500).optional(),
  limit: limitSchema.default(30),
});

export const spaceSlugParamsSchema = z.object({ slug: spaceRefSchema });

const spaceSettings = {
  name: text({ min: spaceLimits.name.min, max: spaceLimits.name.max, singleLine: true }),
  description: text({ max: spaceLimits.description }),
  rules: text({ max: spaceLimits.rules }),
  helplines: z.array(helplineInputSchema).max(spaceLimits.helplines, `at most ${spaceLimits.helplines} helplines`),
  visibility: visibilitySchema,
  postingPolicy: postingPolicySchema,
  allowAnonymous: z.boolean(),
  /** Free text such as "ma–vr 9–21 uur"; empty or null = not stated. */
  moderationHours: text({ max: spaceLimits.moderationHours, singleLine: true }).nullable(),
  unansweredAfterHours: z
    .number()
    .int('must be a whole number of hours')
    .min(spaceLimits.unansweredAfterHours.min, `must be at least ${spaceLimits.unansweredAfterHours.min} hour`)
    .max(spaceLimits.unansweredAfterHours.max, `must be at most ${spaceLimits.unansweredAfterHours.max} hours`),
};

/** POST /api/spaces. Omitted settings get safe defaults (helplines: the crisis lines). */
export const createSpaceSchema = z
  .strictObject({
    slug: newSlugSchema,
    name: spaceSettings.name,
    description: spaceSettings.description.optional(),
    rules: spaceSettings.rules.optional(),
    helplines: spaceSettings.helplines.optional(),
    visibility: spaceSettings.visibility,
    postingPolicy: spaceSettings.postingPolicy.optional(),
    allowAnonymous: spaceSettings.allowAnonymous.optional(),
    moderationHours: spaceSettings.moderationHours.optional(),
    unansweredAfterHours: spaceSettings.unansweredAfterHours.optional(),
  })
  .meta({ id: 'CreateSpace' });

/** PATCH /api/spaces/:slug: any subset of the settings, plus `archived`. */
export const updateSpaceSchema = z
  .strictObject({
    slug: newSlugSchema.optional(),
    name: spaceSettings.name.optional(),
    description: spaceSettings.description.optional(),
    rules: spaceSettings.rules.optional(),
    helplines: spaceSettings.helplines.optional(),
    visibility: spaceSettings.visibility.optional(),
    postingPolicy: spaceSettings.postingPolicy.optional(),
    allowAnonymous: spaceSettings.allowAnonymous.optional(),
    moderationHours: spaceSettings.moderationHours.optional(),
    unansweredAfterHours: spaceSettings.unansweredAfterHours.optional(),
    archived: z.boolean().optional(),
  })
  .meta({ id: 'UpdateSpace' });

export const moderatorParamsSchema = z.object({
  slug: spaceRefSchema,
  username: text({ min: 1, max: 100, singleLine: true }),
});

export const spaceModeratorsResponseSchema = z
  .object({ moderators: z.array(z.string()) })
  .meta({ id: 'SpaceModerators' });

/** POST /api/spaces/:slug/join: an optional short note to the moderators of a closed space. */
export const joinSpaceSchema = z
  .strictObject({ message: text({ max: spaceLimits.joinMessage }).optional() })
  .meta({ id: 'JoinSpace' });

export const joinSpaceResponseSchema = z.object({ membership: membershipStatusSchema }).meta({ id: 'JoinSpaceResult' });

/** A member's request to join a closed space, as the space's moderators see it. */
export const joinRequestSchema = z
  .object({
    userId: z.string(),
    username: z.string(),
    message: z.string(),
    status: joinRequestStatusSchema,
    requestedAt: isoDate,
    decidedAt: isoDate.nullable(),
  })
  .meta({ id: 'JoinRequest' });

export const joinRequestListSchema = listOf(joinRequestSchema).meta({ id: 'JoinRequestList' });
export const joinRequestResponseSchema = z.object({ request: joinRequestSchema }).meta({ id: 'JoinRequestResult' });

export const joinRequestListQuerySchema = z.object({
  status: joinRequestStatusSchema.default('pending'),
  cursor: z.string().max(500).optional(),
  limit: limitSchema.default(30),
});

export const joinRequestParamsSchema = z.object({
  slug: spaceRefSchema,
  userId: idSchema,
});

export type Helpline = z.infer<typeof helplineSchema>;
export type HelplineInput = z.input<typeof helplineInputSchema>;
export type SpaceSummary = z.infer<typeof spaceSummarySchema>;
export type Space = z.infer<typeof spaceSchema>;
export type SpaceList = z.infer<typeof spaceListSchema>;
export type Visibility = z.infer<typeof visibilitySchema>;
export type PostingPolicy = z.infer<typeof postingPolicySchema>;
export type MembershipStatus = z.infer<typeof membershipStatusSchema>;
export type CreateSpaceInput = z.input<typeof createSpaceSchema>;
export type CreateSpace = z.output<typeof createSpaceSchema>;
export type UpdateSpaceInput = z.input<typeof updateSpaceSchema>;
export type UpdateSpace = z.output<typeof updateSpaceSchema>;
export type JoinRequest = z.infer<typeof joinRequestSchema>;
export type JoinRequestList = z.infer<typeof joinRequestListSchema>;
export type JoinRequestStatus = z.infer<typeof joinRequestStatusSchema>;
export type SpaceResponse = z.infer<typeof spaceResponseSchema>;
/** The query of `GET /api/spaces` as a caller sends it (every part optional). */
export type SpaceListQuery = Partial<z.output<typeof spaceListQuerySchema>>;
export type SpaceModeratorsResponse = z.infer<typeof spaceModeratorsResponseSchema>;
export type JoinSpaceBody = z.infer<typeof joinSpaceSchema>;
export type JoinSpaceResponse = z.infer<typeof joinSpaceResponseSchema>;
export type JoinRequestResponse = z.infer<typeof joinRequestResponseSchema>;
export type JoinRequestListQuery = Partial<z.output<typeof joinRequestListQuerySchema>>;
