/** Accounts: sign-up, sign-in, recovery, the member's own settings and sessions (`/api/auth`, `/api/me`). */
import type {
  AccountExport,
  ChangePasswordBody,
  DeleteMeBody,
  LoginBody,
  MeResponse,
  PasswordConfirmationBody,
  RecoverBody,
  RecoverResponse,
  RecoveryCodesResponse,
  RecoveryCodesStatus,
  SessionList,
  SessionStateResponse,
  SignupBody,
  SignupResponse,
  UpdateMeBody,
  UsernameSuggestions,
} from '@kring/shared';
import { api, type ApiClient } from './client';
import { segment } from './query';

export function createAccountsApi(client: ApiClient = api) {
  return {
    /** Who this browser is signed in as (a guest is `user: null`, not a 401). */
    session: () => client.get<SessionStateResponse>('/api/auth/session'),
    signup: (body: SignupBody) => client.post<SignupResponse>('/api/auth/signup', body),
    login: (body: LoginBody) => client.post<MeResponse>('/api/auth/login', body),
    logout: () => client.post<void>('/api/auth/logout'),
    recover: (body: RecoverBody) => client.post<RecoverResponse>('/api/auth/recover', body),
    usernameSuggestions: () => client.get<UsernameSuggestions>('/api/auth/username-suggestions'),
    updateMe: (body: UpdateMeBody) => client.patch<MeResponse>('/api/me', body),
    changePassword: (body: ChangePasswordBody) => client.patch<void>('/api/me/password', body),
    deleteMe: (body: DeleteMeBody) => client.delete('/api/me', { body }),
    exportData: () => client.get<AccountExport>('/api/me/export'),
    recoveryCodesStatus: () => client.get<RecoveryCodesStatus>('/api/me/recovery-codes'),
    newRecoveryCodes: (body: PasswordConfirmationBody) =>
      client.post<RecoveryCodesResponse>('/api/me/recovery-codes', body),
    sessions: () => client.get<SessionList>('/api/me/sessions'),
    endSession: (id: string) => client.delete(`/api/me/sessions/${segment(id)}`),
    endOtherSessions: () => client.delete('/api/me/sessions'),
  };
}

export type AccountsApi = ReturnType<typeof createAccountsApi>;
export const accountsApi: AccountsApi = createAccountsApi();
