/** Helpers for tests that go through the real accounts API (sign-up, login) rather than the factory. */
import type { LightMyRequestResponse } from 'fastify';
import type { ZodApp } from '../../src/context';
import { PLAIN_COOKIE } from '../../src/plugins/session';

export const STRONG_PASSWORD = 'zachte regen op het dak 7';

export interface CallOptions {
  cookie?: string;
  /** The client address the server sees (each throttle test uses its own). */
  ip?: string;
  headers?: Record<string, string>;
}

export function call(
  app: ZodApp,
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  url: string,
  body?: unknown,
  options: CallOptions = {},
): Promise<LightMyRequestResponse> {
  return app.inject({
    method,
    url,
    remoteAddress: options.ip ?? '192.0.2.1',
    headers: {
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(options.cookie ? { cookie: options.cookie } : {}),
      ...options.headers,
    },
    ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
  });
}

/** The `Cookie` header value for the session cookie a response set, or null. */
export function sessionCookie(res: LightMyRequestResponse): string | null {
  const cookie = res.cookies.find((c) => c.name === PLAIN_COOKIE || c.name === `__Host-${PLAIN_COOKIE}`);
  if (!cookie || cookie.value === '') return null;
  return `${cookie.name}=${cookie.value}`;
}

export function signupBody(username: string, password = STRONG_PASSWORD) {
  return { username, password, ageConfirmed: true, acceptRules: true, consentHealthData: true };
}

export interface SignedUp {
  id: string;
  username: string;
  cookie: string;
  recoveryCodes: string[];
}

export async function signUp(
  app: ZodApp,
  username: string,
  options: { password?: string; ip?: string } = {},
): Promise<SignedUp> {
  const res = await call(app, 'POST', '/api/auth/signup', signupBody(username, options.password), {
    ip: options.ip ?? `198.51.100.${Math.floor(Math.random() * 250) + 1}`,
  });
  if (res.statusCode !== 201) throw new Error(`sign-up failed: ${res.statusCode} ${res.body}`);
  const body = res.json();
  const cookie = sessionCookie(res);
  if (!cookie) throw new Error('sign-up set no cookie');
  return { id: body.user.id, username: body.user.username, cookie, recoveryCodes: body.recoveryCodes };
}
