/**
 * Accounts: a pseudonym and a password, nothing else. Sign-up, login, recovery with one-time codes,
 * the member's own settings, sessions, export and deletion.
 */
import { z } from 'zod';
import { PASSWORD_MAX_LENGTH, USERNAME_MAX_LENGTH, usernameProblem, usernameProblemMessages } from '../usernames';
import { isoDate, listOf, text } from './common';

export const roleSchema = z.enum(['member', 'admin']);
export const localeSchema = z.enum(['nl', 'en']);
export const deletionModeSchema = z.enum(['erase', 'anonymise']).meta({
  id: 'DeletionMode',
  description:
    '`erase`: the bodies of all own posts are replaced by a removal notice and detached from the account. ' +
    '`anonymise`: posts stay, their author is shown as "voormalig lid". In both modes the account, its sessions, ' +
    'recovery codes and memberships are deleted.',
});

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
/** Who this browser is signed in as, for the app's start: a guest is `null`, not an error. */
export const sessionStateSchema = z.object({ user: meSchema.nullable() }).meta({ id: 'SessionState' });
export type SessionStateResponse = z.infer<typeof sessionStateSchema>;

/** A pseudonym as chosen at sign-up or when renaming: every rule of `usernameProblem`. */
export const usernameSchema = text({
  min: 1,
  max: USERNAME_MAX_LENGTH * 4,
  singleLine: true,
  maxMessage: usernameProblemMessages.too_long,
})
  .check((ctx) => {
    const problem = usernameProblem(ctx.value);
    if (problem) ctx.issues.push({ code: 'custom', message: usernameProblemMessages[problem], input: ctx.value });
  })
  .meta({
    description:
      '3–30 characters after NFC normalisation: letters, digits, `_ - .`; at least one letter; one alphabet; ' +
      'not a reserved name. Unique regardless of case and Unicode form.',
  });

/** A pseudonym as typed at login or recovery: any rule-conforming or older name; never reveals whether it exists. */
const loginUsernameSchema = text({
  min: 1,
  max: USERNAME_MAX_LENGTH * 4,
  singleLine: true,
  maxMessage: usernameProblemMessages.too_long,
});

/**
 * A password: NFC-normalised, never trimmed. Length and commonness are checked by the service
 * (400 `weak_password` with `fields.password` = `too_short` | `too_long` | `too_common`).
 */
export const passwordSchema = text({ min: 1, max: PASSWORD_MAX_LENGTH * 4, trim: false });

export const signupBodySchema = z
  .strictObject({
    username: usernameSchema,
    password: passwordSchema,
    ageConfirmed: z.literal(true, { error: 'you must be 16 or older' }),
    acceptRules: z.literal(true, { error: 'the house rules must be accepted' }),
    consentHealthData: z.literal(true, { error: 'explicit consent for health information is required' }).meta({
      description:
        'Explicit consent to process health information (GDPR art. 9). Its version and time are stored with the account.',
    }),
    /** The interface language at sign-up; defaults to Dutch. */
    locale: localeSchema.optional(),
  })
  .meta({ id: 'SignupBody' });

export const recoveryCodesSchema = z
  .array(z.string())
  .length(10)
  .meta({ description: 'Ten one-time codes like `abcde-fghij`, shown only once.' });

export const signupResponseSchema = z
  .object({ user: meSchema, recoveryCodes: recoveryCodesSchema })
  .meta({ id: 'SignupResponse' });

export const loginBodySchema = z
  .strictObject({ username: loginUsernameSchema, password: passwordSchema })
  .meta({ id: 'LoginBody' });

export const recoverBodySchema = z
  .strictObject({
    username: loginUsernameSchema,
    recoveryCode: text({ min: 1, max: 64, singleLine: true }),
    newPassword: passwordSchema,
  })
  .meta({ id: 'RecoverBody' });

export const recoverResponseSchema = z
  .object({ user: meSchema, remainingRecoveryCodes: z.number().int().min(0) })
  .meta({ id: 'RecoverResponse' });

export const updateMeBodySchema = z
  .strictObject({ username: usernameSchema.optional(), locale: localeSchema.optional() })
  .meta({ id: 'UpdateMeBody' });

export const changePasswordBodySchema = z
  .strictObject({ currentPassword: passwordSchema, newPassword: passwordSchema })
  .meta({ id: 'ChangePasswordBody' });

export const passwordConfirmationBodySchema = z
  .strictObject({ password: passwordSchema })
  .meta({ id: 'PasswordConfirmation' });

export const recoveryCodesResponseSchema = z
  .object({ recoveryCodes: recoveryCodesSchema })
  .meta({ id: 'RecoveryCodesResponse' });

export const recoveryCodesStatusSchema = z
  .object({ remaining: z.number().int().min(0), createdAt: isoDate.nullable() })
  .meta({ id: 'RecoveryCodesStatus' });

export const deleteMeBodySchema = z
  .strictObject({ password: passwordSchema, mode: deletionModeSchema })
  .meta({ id: 'DeleteAccountBody' });

export const sessionSchema = z
  .object({
    id: z.string(),
    /** A coarse description such as "Firefox · Linux"; empty when unknown. */
    label: z.string(),
    createdAt: isoDate,
    lastUsedAt: isoDate,
    expiresAt: isoDate,
    /** True for the session this request came with. */
    current: z.boolean(),
  })
  .meta({ id: 'Session' });

export const sessionListSchema = listOf(sessionSchema).meta({ id: 'SessionList' });

export const sessionIdParamsSchema = z.strictObject({
  id: z.string().regex(/^[0-9a-f]{64}$/, 'not a valid session id'),
});

export const usernameSuggestionsSchema = z
  .object({ usernames: z.array(z.string()) })
  .meta({ id: 'UsernameSuggestions' });

/**
 * Everything stored about the member. `sections` holds what other features add (posts, reactions,
 * follows, …), each under its own name.
 */
export const accountExportSchema = z
  .object({
    format: z.literal('kring-account-export/1'),
    exportedAt: isoDate,
    account: z.object({
      id: z.string(),
      username: z.string(),
      role: roleSchema,
      locale: localeSchema,
      createdAt: isoDate,
      updatedAt: isoDate,
      passwordChangedAt: isoDate,
      consent: z.object({
        version: z.string().nullable(),
        ageConfirmedAt: isoDate.nullable(),
        rulesAcceptedAt: isoDate.nullable(),
        healthDataConsentAt: isoDate.nullable(),
      }),
    }),
    sessions: z.array(sessionSchema.omit({ current: true })),
    recoveryCodes: recoveryCodesStatusSchema,
    sections: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'AccountExport' });

export type Me = z.infer<typeof meSchema>;
export type Locale = z.infer<typeof localeSchema>;
export type DeletionMode = z.infer<typeof deletionModeSchema>;
export type SignupBody = z.infer<typeof signupBodySchema>;
export type SignupResponse = z.infer<typeof signupResponseSchema>;
export type LoginBody = z.infer<typeof loginBodySchema>;
export type RecoverBody = z.infer<typeof recoverBodySchema>;
export type RecoverResponse = z.infer<typeof recoverResponseSchema>;
export type UpdateMeBody = z.infer<typeof updateMeBodySchema>;
export type SessionInfo = z.infer<typeof sessionSchema>;
export type SessionList = z.infer<typeof sessionListSchema>;
export type RecoveryCodesStatus = z.infer<typeof recoveryCodesStatusSchema>;
export type AccountExport = z.infer<typeof accountExportSchema>;
export type MeResponse = z.infer<typeof meResponseSchema>;
export type ChangePasswordBody = z.infer<typeof changePasswordBodySchema>;
export type PasswordConfirmationBody = z.infer<typeof passwordConfirmationBodySchema>;
export type RecoveryCodesResponse = z.infer<typeof recoveryCodesResponseSchema>;
export type DeleteMeBody = z.infer<typeof deleteMeBodySchema>;
export type UsernameSuggestions = z.infer<typeof usernameSuggestionsSchema>;
