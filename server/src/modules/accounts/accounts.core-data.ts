/**
 * The space memberships and moderator appointments of an account, registered through the same
 * extension points other features use (accounts.extensions.ts). They belong to the spaces domain;
 * the spaces module may take this registration over.
 */
import { accountSpacesRepository } from './accounts.repository';
import type { AccountExtensions } from './accounts.extensions';

export function registerSpaceMembershipData(extensions: AccountExtensions): void {
  extensions.onDelete('space-memberships', async (tx, userId) => {
    await accountSpacesRepository.deleteAll(tx, userId);
  });

  extensions.exportSection('spaceMemberships', async (db, userId) =>
    (await accountSpacesRepository.memberships(db, userId)).map((m) => ({
      space: m.space,
      status: m.status,
      message: m.message,
      requestedAt: m.requestedAt.toISOString(),
      decidedAt: m.decidedAt?.toISOString() ?? null,
    })),
  );

  extensions.exportSection('moderatorOf', async (db, userId) =>
    (await accountSpacesRepository.moderatorAppointments(db, userId)).map((m) => ({
      space: m.space,
      appointedAt: m.appointedAt.toISOString(),
    })),
  );
}
