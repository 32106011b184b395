/**
 * Writes audit entries. Call it with the transaction of the action being audited, so the action and
 * its entry are committed together or not at all. Entries are never updated or deleted.
 */
import type { AuditAction } from '@kring/shared';
import type { Executor } from '../../db/client';
import { auditEntries } from '../../db/schema';

export interface AuditEntryInput {
  actorId: string;
  action: AuditAction;
  spaceId: string | null;
  targetType: 'space' | 'user' | (string & {});
  targetId: string;
  reason?: string | null;
  details?: Record<string, unknown>;
  createdAt: Date;
}

export const auditRepository = {
  async record(db: Executor, entry: AuditEntryInput): Promise<void> {
    await db.insert(auditEntries).values({
      actorId: entry.actorId,
      action: entry.action,
      spaceId: entry.spaceId,
      targetType: entry.targetType,
      targetId: entry.targetId,
      reason: entry.reason ?? null,
      details: entry.details ?? {},
      createdAt: entry.createdAt,
    });
  },
};
