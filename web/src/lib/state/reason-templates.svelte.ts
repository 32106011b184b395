/**
 * The editable reason templates moderators pick from (`GET /api/moderation/reason-templates`), loaded
 * once per page load. When the server has none to offer (an older server answers 404) the app falls
 * back to the built-in list, and a moderator can always write a reason of their own.
 */
import { reasonTemplates as builtIn, type ReasonTemplate } from '@kring/shared';
import { moderationApi, type ModerationApi } from '$lib/api/moderation';

function fallback(): ReasonTemplate[] {
  return builtIn.nl.map((nl, index) => {
    const en = builtIn.en[index] ?? nl;
    return { id: `builtin-${index}`, key: `builtin-${index}`, label: { nl, en }, text: { nl, en } };
  });
}

/** An older or odd server may answer with something else: only complete templates are offered. */
function isTemplate(value: unknown): value is ReasonTemplate {
  if (typeof value !== 'object' || value === null) return false;
  const t = value as Partial<ReasonTemplate>;
  return (
    typeof t.id === 'string' &&
    typeof t.label?.nl === 'string' &&
    typeof t.label.en === 'string' &&
    typeof t.text?.nl === 'string' &&
    typeof t.text.en === 'string'
  );
}

export class ReasonTemplates {
  items = $state<ReasonTemplate[]>([]);
  /** `builtin` when the server's list could not be loaded and the fixed list is shown. */
  source = $state<'loading' | 'server' | 'builtin'>('loading');
  #loading: Promise<void> | undefined;

  constructor(private readonly moderation: ModerationApi = moderationApi) {}

  ensure(): Promise<void> {
    this.#loading ??= this.#load();
    return this.#loading;
  }

  async #load(): Promise<void> {
    try {
      const { templates } = await this.moderation.reasonTemplates();
      const valid = Array.isArray(templates) ? (templates as unknown[]).filter(isTemplate) : [];
      if (valid.length === 0) throw new Error('no templates');
      this.items = valid;
      this.source = 'server';
    } catch {
      this.items = fallback();
      this.source = 'builtin';
    }
  }
}

export const reasonTemplateStore = new ReasonTemplates();
