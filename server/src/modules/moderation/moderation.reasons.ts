/**
 * Removal-reason templates: moderators and admins read them (to pick a reason for a hide or removal,
 * which the author then reads); admins add, change and delete them, each change audited in the same
 * transaction. Shape: `{ id, key, label: { nl, en }, text: { nl, en } }`.
 */
import type { ReasonTemplate } from '@kring/shared';
import type { AppContext } from '../../context';
import type { Executor } from '../../db/client';
import { isUniqueViolation } from '../../db/errors';
import { isAdmin, type MemberActor } from '../../lib/actor';
import { isUuid } from '../../lib/ids';
import { fail, ok, type Result } from '../../lib/result';
import { isStaff } from './moderation.policy';
import { auditLogRepository } from './moderation.log.repository';
import { reasonTemplatesRepository as repo, type ReasonTemplateRow } from './moderation.reasons.repository';

export const REASON_TEMPLATE_KEY_INDEX = 'reason_templates_key_unique';

const adminOnly = () => fail('forbidden', 'forbidden', 'Only admins manage reason templates.');
const notFound = () => fail('not_found', 'not_found', 'This reason template does not exist.');
const keyTaken = () =>
  fail('conflict', 'key_taken', 'Another reason template already uses this key.', { fields: { key: 'taken' } });

export function reasonTemplateView(row: ReasonTemplateRow): ReasonTemplate {
  return {
    id: row.id,
    key: row.key,
    label: { nl: row.labelNl, en: row.labelEn },
    text: { nl: row.textNl, en: row.textEn },
  };
}

type Localized = { nl: string; en: string };

export type ReasonTemplatesDeps = Record<string, never>;

// eslint-disable-next-line max-lines-per-function -- a factory: its length is the sum of the small, separately named functions it returns
export function createReasonTemplatesService(ctx: AppContext, _deps: ReasonTemplatesDeps) {
  const db = ctx.database.db;

  /** The audit entry of a change, in the same transaction (site-wide: no space). */
  async function audit(
    tx: Executor,
    actor: MemberActor,
    action: 'reason_template_added' | 'reason_template_changed' | 'reason_template_removed',
    row: ReasonTemplateRow,
    details: Record<string, unknown>,
    now: Date,
  ): Promise<void> {
    await auditLogRepository.insertAudit(tx, {
      actorId: actor.userId,
      action,
      spaceId: null,
      targetType: 'reason_template',
      targetId: row.id,
      details,
      createdAt: now,
    });
  }

  /** Runs an audited write; a duplicate key becomes 409 `key_taken`. */
  async function write(
    work: (tx: Executor) => Promise<ReasonTemplateRow | null>,
  ): Promise<Result<{ template: ReasonTemplate }>> {
    try {
      const row = await db.transaction(work);
      return row ? ok({ template: reasonTemplateView(row) }) : notFound();
    } catch (error) {
      if (isUniqueViolation(error, REASON_TEMPLATE_KEY_INDEX)) return keyTaken();
      throw error;
    }
  }

  return {
    async list(actor: MemberActor): Promise<Result<{ templates: ReasonTemplate[] }>> {
      if (!isStaff(actor)) return fail('forbidden', 'forbidden', 'Only moderators and admins see reason templates.');
      return ok({ templates: (await repo.listReasonTemplates(db)).map(reasonTemplateView) });
    },

    async add(
      actor: MemberActor,
      input: { key: string; label: Localized; text: Localized },
    ): Promise<Result<{ template: ReasonTemplate }>> {
      if (!isAdmin(actor)) return adminOnly();
      const now = ctx.clock.now();
      return write(async (tx) => {
        const row = await repo.insertReasonTemplate(tx, {
          key: input.key,
          labelNl: input.label.nl,
          labelEn: input.label.en,
          textNl: input.text.nl,
          textEn: input.text.en,
          createdAt: now,
          updatedAt: now,
        });
        await audit(tx, actor, 'reason_template_added', row, { after: reasonTemplateView(row) }, now);
        return row;
      });
    },

    async update(
      actor: MemberActor,
      id: string,
      input: { key?: string; label?: Partial<Localized>; text?: Partial<Localized> },
    ): Promise<Result<{ template: ReasonTemplate }>> {
      if (!isAdmin(actor)) return adminOnly();
      if (!isUuid(id)) return notFound();
      const values = {
        ...(input.key !== undefined ? { key: input.key } : {}),
        ...(input.label?.nl !== undefined ? { labelNl: input.label.nl } : {}),
        ...(input.label?.en !== undefined ? { labelEn: input.label.en } : {}),
        ...(input.text?.nl !== undefined ? { textNl: input.text.nl } : {}),
        ...(input.text?.en !== undefined ? { textEn: input.text.en } : {}),
      };
      if (Object.keys(values).length === 0)
        return fail('invalid', 'validation_failed', 'Name at least one field to change.', {
          fields: { key: 'nothing to change' },
        });
      const now = ctx.clock.now();
      return write(async (tx) => {
        const current = await repo.lockReasonTemplate(tx, id);
        if (!current) return null;
        const row = await repo.updateReasonTemplate(tx, id, { ...values, updatedAt: now });
        await audit(
          tx,
          actor,
          'reason_template_changed',
          row,
          { before: reasonTemplateView(current), after: reasonTemplateView(row) },
          now,
        );
        return row;
      });
    },

    async remove(actor: MemberActor, id: string): Promise<Result<{ template: ReasonTemplate }>> {
      if (!isAdmin(actor)) return adminOnly();
      if (!isUuid(id)) return notFound();
      const now = ctx.clock.now();
      return write(async (tx) => {
        const row = await repo.deleteReasonTemplate(tx, id);
        if (!row) return null;
        await audit(tx, actor, 'reason_template_removed', row, { before: reasonTemplateView(row) }, now);
        return row;
      });
    },
  };
}
