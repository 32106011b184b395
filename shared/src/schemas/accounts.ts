/** Accounts: the signed-in member as the API returns them. Bodies for sign-up etc. are added by the accounts feature. */
import { z } from 'zod';
import { isoDate } from './common';

export const roleSchema = z.enum(['member', 'admin']);
export const localeSchema = z.enum(['nl', 'en']);

export const meSchema = z
  .object({
    id: z.string(),
    username: z.string(),
    role: roleSchema,
    /** Slugs of the spaces this member moderates. */
    moderatorOf: z.array(z.string()),
    locale: localeSchema,
    createdAt: isoDate,
  })
  .meta({ id: 'Me' });

export const meResponseSchema = z.object({ user: meSchema }).meta({ id: 'MeResponse' });

export type Me = z.infer<typeof meSchema>;
