/**
 * The member's own data: the export (everything Kring holds about the account, with every feature's
 * section from accounts.extensions.ts) and the deletion (every feature's hook first, in one transaction;
 * then sessions, recovery codes, throttle state and the account row). Nothing deleted can be restored.
 */
import { rooms, type AccountExport, type DeletionMode } from '@kring/shared';
import type { AppContext } from '../../context';
import type { MemberActor } from '../../lib/actor';
import { fail, ok, type Result } from '../../lib/result';
import { accountsRepository, recoveryCodesRepository, throttleRepository } from './accounts.repository';
import type { AccountsService } from './accounts.service';
import { accountSubject } from './accounts.throttle';

const signedOut = () => fail('unauthenticated', 'unauthenticated', 'Sign in to do this.');

export interface AccountDataDeps {
  accounts: Pick<AccountsService, 'confirmPassword' | 'listSessions' | 'recoveryCodesStatus'>;
}

export function createAccountDataService(ctx: AppContext, deps: AccountDataDeps) {
  const db = ctx.database.db;
  const { clock, publisher, accountExtensions, log } = ctx;

  return {
    async exportAccount(actor: MemberActor): Promise<Result<AccountExport>> {
      const user = await accountsRepository.findById(db, actor.userId);
      if (!user) return signedOut();
      const iso = (date: Date | null) => date?.toISOString() ?? null;
      const sectionEntries: [string, unknown][] = [];
      for (const { name, section } of accountExtensions.exportSections) {
        sectionEntries.push([name, await section(db, user.id)]);
      }
      const sessionList = (await deps.accounts.listSessions(actor)).map(({ current: _current, ...rest }) => rest);
      return ok({
        format: 'kring-account-export/1',
        exportedAt: clock.now().toISOString(),
        account: {
          id: user.id,
          username: user.username,
          role: user.role,
          locale: user.locale,
          createdAt: user.createdAt.toISOString(),
          updatedAt: user.updatedAt.toISOString(),
          passwordChangedAt: user.passwordChangedAt.toISOString(),
          consent: {
            version: user.consentVersion,
            ageConfirmedAt: iso(user.ageConfirmedAt),
            rulesAcceptedAt: iso(user.rulesAcceptedAt),
            healthDataConsentAt: iso(user.healthDataConsentAt),
          },
        },
        sessions: sessionList,
        recoveryCodes: await deps.accounts.recoveryCodesStatus(actor),
        sections: Object.fromEntries(sectionEntries),
      });
    },

    /**
     * Deletes the account. Other features' hooks (accounts.extensions.ts) first erase or anonymise
     * what they hold, in the same transaction; then sessions, recovery codes, throttle state and the
     * account row go. Nothing of it can be restored.
     */
    async deleteAccount(actor: MemberActor, password: string, mode: DeletionMode): Promise<Result<void>> {
      const confirmed = await deps.accounts.confirmPassword(actor, password);
      if (!confirmed.ok) return confirmed;
      const user = confirmed.value;
      const afterCommit: (() => void | Promise<void>)[] = [];
      await db.transaction(async (tx) => {
        for (const { hook } of accountExtensions.deletionHooks) {
          const after = await hook(tx, user.id, mode);
          if (after) afterCommit.push(after);
        }
        await recoveryCodesRepository.deleteAll(tx, user.id);
        await accountsRepository.deleteSessions(tx, user.id);
        await throttleRepository.clear(tx, ['login_account', 'recover_account'], accountSubject(user.usernameKey));
        await throttleRepository.clear(tx, ['reauth_account'], user.id);
        await accountsRepository.delete(tx, user.id);
      });
      publisher.disconnect(rooms.member(user.id));
      for (const run of afterCommit) {
        try {
          await run();
        } catch (error) {
          log.error({ err: error }, 'an after-commit step of an account deletion failed');
        }
      }
      return ok(undefined);
    },
  };
}

export type AccountDataService = ReturnType<typeof createAccountDataService>;
