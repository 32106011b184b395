/**
 * Plain values about removal-reason templates (no zod), so the admin page can import them:
 * `import { reasonTemplateLimits } from '@kring/shared/limits/reasons'`. schemas/moderation.ts uses the same.
 */
export const reasonTemplateLimits = {
  /** A stable snake_case name, e.g. `personal_data`. */
  key: { max: 40, pattern: '^[a-z][a-z0-9_]{0,39}$' },
  /** The short name a moderator picks from. */
  label: 60,
  /** What the author reads (it becomes the action's reason, so at most a reason's length). */
  text: 500,
} as const;
