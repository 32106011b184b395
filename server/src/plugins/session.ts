/**
 * Reads the session cookie on every request and sets `request.actor` (a guest or a member).
 * Also owns how the cookie is written and cleared, so its attributes live in one place.
 */
import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { guest, isAdmin, type Actor } from '../lib/actor';
import { HttpError } from '../lib/http-error';
import type { SessionService } from '../modules/sessions/sessions.service';

export const SECURE_COOKIE = '__Host-kring_session';
export const PLAIN_COOKIE = 'kring_session';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
  }
}

export function readSessionToken(cookies: Record<string, string | undefined>): string | null {
  return cookies[SECURE_COOKIE] ?? cookies[PLAIN_COOKIE] ?? null;
}

export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string, expiresAt: Date): void {
  const secure = request.protocol === 'https';
  reply.setCookie(secure ? SECURE_COOKIE : PLAIN_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: '/',
    expires: expiresAt,
  });
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  const secure = request.protocol === 'https';
  reply.clearCookie(secure ? SECURE_COOKIE : PLAIN_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure });
}

/** Route guard: the actor must be signed in. */
export function requireMember(request: FastifyRequest) {
  if (request.actor.kind !== 'member') throw new HttpError(401, 'unauthenticated', 'Sign in to do this.');
  return request.actor;
}

/**
 * Route guards that run before validation (`preValidation`), so a caller who may not use a route learns nothing
 * about its input: a guest gets 401, a member without the role 403 — never field errors (issue 21).
 */
export const memberOnly = { preValidation: async (request: FastifyRequest) => void requireMember(request) };

/** Admins only (a member: 403 before their body is looked at). */
export const adminOnly = {
  preValidation: async (request: FastifyRequest) => {
    if (!isAdmin(requireMember(request))) throw new HttpError(403, 'forbidden', 'You cannot do this here.');
  },
};

/** Moderators of some space and admins (the queue, the log, appeals, reason templates). */
export const staffOnly = {
  preValidation: async (request: FastifyRequest) => {
    const actor = requireMember(request);
    if (!isAdmin(actor) && actor.moderatorOf.length === 0)
      throw new HttpError(403, 'forbidden', 'You cannot do this here.');
  },
};

export default fp(
  async function session(app: FastifyInstance, options: { sessions: SessionService }) {
    await app.register(cookie);
    app.decorateRequest<Actor>('actor', null as unknown as Actor);
    app.addHook('onRequest', async (request, reply) => {
      request.actor = guest;
      const token = readSessionToken(request.cookies);
      if (!token) return;
      const validated = await options.sessions.validate(token);
      if (!validated) {
        clearSessionCookie(request, reply);
        return;
      }
      request.actor = validated.actor;
      if (validated.renewed) setSessionCookie(request, reply, token, validated.session.expiresAt);
    });
  },
  { name: 'kring-session', dependencies: [] },
);
