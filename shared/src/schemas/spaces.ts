/** Condition spaces: what the directory, the space page and the admin screens exchange. */
import { z } from 'zod';
import { isoDate, text } from './common';

export const visibilitySchema = z.enum(['public', 'registered', 'closed']);
export const postingPolicySchema = z.enum(['open', 'new_members_premoderated', 'premoderated']);
export const membershipStatusSchema = z.enum(['none', 'pending', 'approved', 'rejected']);

export const helplineSchema = z
  .strictObject({
    name: text({ min: 1, max: 100, singleLine: true }),
    phone: text({ max: 30, singleLine: true }).optional(),
    url: z
      .string()
      .max(300)
      .regex(/^https?:\/\/[^\s]+$/, 'must be an http(s) address')
      .optional(),
    description: text({ max: 300, singleLine: true }).optional(),
  })
  .meta({ id: 'Helpline' });

export const slugSchema = z
  .string()
  .min(2)
  .max(60)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'use lowercase letters, digits and single hyphens');

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
    /** The actor's membership, for closed spaces (omitted for guests). */
    membership: membershipStatusSchema.optional(),
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
    /** Pseudonyms of the space's moderators (moderators are public in their role). */
    moderators: z.array(z.string()),
    /** What the actor may do here, so the UI can show or hide controls (the server still checks). */
    can: z.object({ post: z.boolean(), moderate: z.boolean(), manage: z.boolean(), join: z.boolean() }),
  })
  .meta({ id: 'Space' });

export type Helpline = z.infer<typeof helplineSchema>;
export type SpaceSummary = z.infer<typeof spaceSummarySchema>;
export type Space = z.infer<typeof spaceSchema>;
export type Visibility = z.infer<typeof visibilitySchema>;
