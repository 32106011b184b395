/**
 * Account deletion and export for follows and notifications. Rows of the member go with the account
 * (foreign keys cascade); what names the member in *others'* notifications (a mention's pseudonym) is
 * removed in the deletion transaction. The export lists follows, notifications and settings.
 */
import type { Executor } from '../../db/client';
import type { AccountExtensions } from '../accounts/accounts.extensions';
import { followsRepository } from '../follows/follows.repository';
import { notificationsRepository } from './notifications.repository';
import { toNotificationView } from './notifications.view';

export function registerNotificationAccountHooks(extensions: AccountExtensions): void {
  extensions.onDelete('notifications', async (tx, userId) => {
    await notificationsRepository.forgetActor(tx, userId);
  });

  extensions.exportSection('follows', async (db: Executor, userId: string) => {
    const follows = await followsRepository.listForUser(db, userId);
    return {
      threads: follows.threads.map((row) => ({ threadId: row.threadId, since: row.since.toISOString() })),
      spaces: follows.spaces.map((row) => ({ slug: row.slug, since: row.since.toISOString() })),
    };
  });

  extensions.exportSection('notifications', async (db: Executor, userId: string) => {
    const [rows, settings] = await Promise.all([
      notificationsRepository.listAllForUser(db, userId),
      notificationsRepository.settings(db, userId),
    ]);
    return {
      items: rows.map(toNotificationView),
      settings: settings
        ? { disabledTypes: settings.disabledTypes, pausedUntil: settings.pausedUntil?.toISOString() ?? null }
        : null,
    };
  });
}
