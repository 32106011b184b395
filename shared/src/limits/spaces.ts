/**
 * Plain values about spaces (no zod), so the web app can import them without bundling the schema library:
 * `import { spaceLimits } from '@kring/shared/limits/spaces'`. The schemas in schemas/spaces.ts use the same values.
 */
/** Length limits, shared so the admin form can show them (`maxlength`) and the server enforces them. */
export const spaceLimits = {
  name: { min: 2, max: 80 },
  description: 500,
  rules: 5000,
  moderationHours: 200,
  helplines: 10,
  helplineName: 100,
  helplinePhone: 30,
  helplineUrl: 300,
  helplineDescription: 300,
  joinMessage: 500,
  search: 100,
  /** "Nobody left alone": hours before an unanswered first post alerts the space's moderators. */
  unansweredAfterHours: { min: 1, max: 168, default: 12 },
} as const;

/** Paths the web app uses under /beheer/ruimtes/…, so no space may take them as its slug. */
export const reservedSlugs: readonly string[] = ['nieuw', 'new'];

/** The crisis lines every new space starts with (PRODUCT: 113 and 112, configurable per space). */
export const defaultHelplines: { name: string; phone?: string; url?: string; description?: string }[] = [
  { name: '113 Zelfmoordpreventie', phone: '0800-0113', url: 'https://www.113.nl' },
  { name: 'Alarmnummer', phone: '112', description: 'Bij direct gevaar' },
];
