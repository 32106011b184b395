/**
 * Signing up and in through the real API, for e2e files that set up their people without clicking through
 * the forms (the accounts e2e does that). `baseUrl` is read when called, so pass the suite itself:
 *
 *   const { login, signUp, signIn, headers } = e2eApi(suite);
 */
import type { APIRequestContext, BrowserContext } from 'playwright-core';
import { expect } from 'vitest';
import type { E2eSuite } from './suite';

export interface Credentials {
  username: string;
  password: string;
}

export const E2E_PASSWORD = 'een heel sterk wachtwoord voor e2e 42';

export function e2eApi(suite: Pick<E2eSuite, 'baseUrl'>) {
  /** The Origin header the API's CSRF check wants on every write. */
  const headers = () => ({ origin: suite.baseUrl });

  async function login(request: APIRequestContext, who: Credentials): Promise<void> {
    const response = await request.post(`${suite.baseUrl}/api/auth/login`, { data: who, headers: headers() });
    expect(response.status(), `login as ${who.username}`).toBe(200);
  }

  return {
    headers,
    login,
    /** Signs a browser context in (its pages share the session cookie). */
    signIn: (context: BrowserContext, who: Credentials) => login(context.request, who),
    /** Signs up a new member with the e2e password. */
    signUp: async (request: APIRequestContext, username: string): Promise<void> => {
      const response = await request.post(`${suite.baseUrl}/api/auth/signup`, {
        data: {
          username,
          password: E2E_PASSWORD,
          ageConfirmed: true,
          acceptRules: true,
          consentHealthData: true,
        },
        headers: headers(),
      });
      expect(response.status(), await response.text()).toBe(201);
    },
  };
}
