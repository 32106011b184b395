/**
 * The admin form for a space (create and edit), plus the admin actions on an existing space: archive or
 * unarchive, appoint or remove moderators. Checks the same limits as the server before sending, so the
 * server's (English) field messages are rarely needed; field errors are i18n keys under `spaceAdmin.errors`.
 */
import type {
  CreateSpaceInput,
  HelplineInput,
  PostingPolicy,
  Space,
  UpdateSpaceInput,
  Visibility,
} from '@kring/shared';
import { defaultHelplines, spaceLimits } from '@kring/shared/limits/spaces';
import { ApiError } from '$lib/api/client';
import { spacesApi, type SpacesApi } from '$lib/api/spaces';
import { slugFromName } from '$lib/spaces/slug';
import { checkSpaceSettings } from '$lib/spaces/space-form';

export interface HelplineDraft {
  /** A stable key for the list editor (not sent). */
  key: number;
  name: string;
  phone: string;
  url: string;
  description: string;
}

export type FieldErrors = Record<string, string>;

let nextKey = 1;
const draft = (line: Partial<HelplineInput> = {}): HelplineDraft => ({
  key: nextKey++,
  name: line.name ?? '',
  phone: line.phone ?? '',
  url: line.url ?? '',
  description: line.description ?? '',
});

export class SpaceEditor {
  slug = $state('');
  name = $state('');
  description = $state('');
  rules = $state('');
  visibility = $state<Visibility>('public');
  postingPolicy = $state<PostingPolicy>('open');
  allowAnonymous = $state(true);
  moderationHours = $state('');
  unansweredAfterHours = $state<number>(spaceLimits.unansweredAfterHours.default);
  helplines = $state<HelplineDraft[]>([]);

  errors = $state<FieldErrors>({});
  saving = $state(false);
  /** The space as the server last returned it; null while creating. */
  space = $state<Space | null>(null);
  busy = $state(false);

  /** While creating, the address follows the name until the admin edits it. */
  #slugEdited = false;

  constructor(
    space: Space | null = null,
    private readonly spaces: SpacesApi = spacesApi,
  ) {
    if (space) this.reset(space);
    else this.helplines = defaultHelplines.map((line) => draft(line));
  }

  get creating(): boolean {
    return this.space === null;
  }

  reset(space: Space): void {
    this.space = space;
    this.slug = space.slug;
    this.name = space.name;
    this.description = space.description;
    this.rules = space.rules;
    this.visibility = space.visibility;
    this.postingPolicy = space.postingPolicy;
    this.allowAnonymous = space.allowAnonymous;
    this.moderationHours = space.moderationHours ?? '';
    this.unansweredAfterHours = space.unansweredAfterHours;
    this.helplines = space.helplines.map((line) => draft(line));
    this.errors = {};
  }

  setName(name: string): void {
    this.name = name;
    if (this.creating && !this.#slugEdited) this.slug = slugFromName(name);
  }

  setSlug(slug: string): void {
    this.#slugEdited = true;
    this.slug = slug;
  }

  addHelpline(): void {
    if (this.helplines.length < spaceLimits.helplines) this.helplines = [...this.helplines, draft()];
  }

  removeHelpline(key: number): void {
    this.helplines = this.helplines.filter((line) => line.key !== key);
  }

  #helplineValues(): HelplineInput[] {
    return this.helplines.map((line) => ({
      name: line.name.trim(),
      ...(line.phone.trim() ? { phone: line.phone.trim() } : {}),
      ...(line.url.trim() ? { url: line.url.trim() } : {}),
      ...(line.description.trim() ? { description: line.description.trim() } : {}),
    }));
  }

  /** Client-side checks with the server's own schema (`createSpaceSchema`); true when the form can be sent. */
  validate(): boolean {
    this.errors = checkSpaceSettings(this.#settings());
    return Object.keys(this.errors).length === 0;
  }

  #settings() {
    return {
      slug: this.slug.trim(),
      name: this.name,
      description: this.description,
      rules: this.rules,
      helplines: this.#helplineValues(),
      visibility: this.visibility,
      postingPolicy: this.postingPolicy,
      allowAnonymous: this.allowAnonymous,
      moderationHours: this.moderationHours.trim() ? this.moderationHours : null,
      unansweredAfterHours: this.unansweredAfterHours,
    };
  }

  /** What a save sends: everything when creating, only what changed when editing. */
  body(): CreateSpaceInput | UpdateSpaceInput {
    const settings = this.#settings();
    const space = this.space;
    if (!space) return settings;
    const current: Record<string, unknown> = {
      slug: space.slug,
      name: space.name,
      description: space.description,
      rules: space.rules,
      helplines: space.helplines,
      visibility: space.visibility,
      postingPolicy: space.postingPolicy,
      allowAnonymous: space.allowAnonymous,
      moderationHours: space.moderationHours,
      unansweredAfterHours: space.unansweredAfterHours,
    };
    const changed: UpdateSpaceInput = Object.fromEntries(
      Object.entries(settings).filter(([key, value]) => JSON.stringify(value) !== JSON.stringify(current[key])),
    );
    return changed;
  }

  #serverErrors(error: ApiError): void {
    if (error.code === 'slug_taken') {
      this.errors = { slug: 'slugTaken' };
      return;
    }
    const errors: FieldErrors = {};
    for (const field of Object.keys(error.fields ?? {})) errors[field] = 'invalid';
    this.errors = errors;
  }

  /** Creates or saves the space. Returns null when the form has errors (shown in `errors`). */
  async save(): Promise<Space | null> {
    if (!this.validate()) return null;
    this.saving = true;
    try {
      const space = this.space;
      const { space: saved } = space
        ? await this.spaces.update(space.slug, this.body())
        : await this.spaces.create(this.#settings());
      this.reset(saved);
      return saved;
    } catch (error) {
      if (error instanceof ApiError && error.status === 400) {
        this.#serverErrors(error);
        return null;
      }
      if (error instanceof ApiError && error.code === 'slug_taken') {
        this.#serverErrors(error);
        return null;
      }
      throw error;
    } finally {
      this.saving = false;
    }
  }

  async setArchived(archived: boolean): Promise<void> {
    const space = this.space;
    if (!space) return;
    this.busy = true;
    try {
      const { space: saved } = await this.spaces.update(space.slug, { archived });
      this.space = saved;
    } finally {
      this.busy = false;
    }
  }

  async appointModerator(username: string): Promise<void> {
    await this.#moderator('PUT', username);
  }

  async removeModerator(username: string): Promise<void> {
    await this.#moderator('DELETE', username);
  }

  async #moderator(method: 'PUT' | 'DELETE', username: string): Promise<void> {
    const space = this.space;
    if (!space) return;
    this.busy = true;
    try {
      if (method === 'PUT') {
        const { moderators } = await this.spaces.addModerator(space.slug, username.trim());
        this.space = { ...space, moderators };
      } else {
        await this.spaces.removeModerator(space.slug, username.trim());
        this.space = { ...space, moderators: space.moderators.filter((name) => name !== username) };
      }
    } finally {
      this.busy = false;
    }
  }
}
