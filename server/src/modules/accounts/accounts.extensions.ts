/**
 * How other features take part in deleting and exporting an account, without the accounts module
 * knowing them. A feature registers, once at start (in its routes function):
 *
 *   ctx.accountExtensions.onDelete('posts', async (tx, userId, mode) => { …; return () => publishAfterCommit() });
 *   ctx.accountExtensions.exportSection('posts', async (db, userId) => [...rows]);
 *
 * Deletion hooks run in registration order inside the deletion transaction, before the account row
 * is deleted (so foreign keys to it can still be detached); a hook that throws rolls everything back.
 * A hook may return a function to run after the commit (realtime events). Export sections appear in
 * the export under `sections.<name>`; they must return plain JSON.
 */
import type { DeletionMode } from '@kring/shared';
import type { Executor, Tx } from '../../db/client';

export type AccountDeletionHook = (
  tx: Tx,
  userId: string,
  mode: DeletionMode,
) => Promise<void | (() => void | Promise<void>)>;
export type AccountExportSection = (db: Executor, userId: string) => Promise<unknown>;

export interface AccountExtensions {
  onDelete(name: string, hook: AccountDeletionHook): void;
  exportSection(name: string, section: AccountExportSection): void;
  readonly deletionHooks: readonly { name: string; hook: AccountDeletionHook }[];
  readonly exportSections: readonly { name: string; section: AccountExportSection }[];
}

export function createAccountExtensions(): AccountExtensions {
  const deletionHooks: { name: string; hook: AccountDeletionHook }[] = [];
  const exportSections: { name: string; section: AccountExportSection }[] = [];
  return {
    onDelete(name, hook) {
      if (deletionHooks.some((h) => h.name === name)) throw new Error(`account deletion hook "${name}" exists`);
      deletionHooks.push({ name, hook });
    },
    exportSection(name, section) {
      if (exportSections.some((s) => s.name === name)) throw new Error(`account export section "${name}" exists`);
      exportSections.push({ name, section });
    },
    deletionHooks,
    exportSections,
  };
}
