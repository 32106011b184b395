/**
 * The accounts API (docs/architecture.md, Accounts): sign-up, login, logout and recovery under /api/auth, the
 * member's own account under /api/me. Every answer about the member is `Cache-Control: no-store`.
 */
import {
  accountExportSchema,
  changePasswordBodySchema,
  deleteMeBodySchema,
  loginBodySchema,
  meResponseSchema,
  passwordConfirmationBodySchema,
  recoverBodySchema,
  recoverResponseSchema,
  recoveryCodesResponseSchema,
  recoveryCodesStatusSchema,
  sessionIdParamsSchema,
  sessionStateSchema,
  sessionListSchema,
  signupBodySchema,
  signupResponseSchema,
  updateMeBodySchema,
  usernameSuggestionsSchema,
} from '@kring/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext, ZodApp } from '../../context';
import { errorResponses, sendResult } from '../../plugins/errors';
import { clearSessionCookie, requireMember, setSessionCookie } from '../../plugins/session';
import { registerSpaceMembershipData } from './accounts.core-data';
import type { AccountDataService } from './accounts.data';
import type { AccountsService, ClientInfo } from './accounts.service';

const noContent = z.null().meta({ description: 'No content' });

const client = (request: FastifyRequest): ClientInfo => ({
  ip: request.ip,
  userAgent: request.headers['user-agent'],
});

const noStore = (reply: FastifyReply) => reply.header('cache-control', 'no-store');

// eslint-disable-next-line max-lines-per-function -- a route table: one short registration per endpoint
export function accountsRoutes(
  app: ZodApp,
  ctx: AppContext,
  { accounts, accountData }: { accounts: AccountsService; accountData: AccountDataService },
): void {
  registerSpaceMembershipData(ctx.accountExtensions);

  app.post(
    '/auth/signup',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Create an account with a pseudonym and a password',
        description:
          'Confirms 16+, the house rules and the explicit consent for health information (version and time are ' +
          'stored). Answers with the ten recovery codes, shown only this once, and sets the session cookie. ' +
          '400 `weak_password` (`fields.password`: `too_short` | `too_long` | `too_common`) or `validation_failed`; ' +
          '409 `username_taken` (also for names differing only in case or Unicode form); 429 per address.',
        body: signupBodySchema,
        response: { 201: signupResponseSchema, ...errorResponses(400, 403, 409, 429) },
      },
    },
    async (request, reply) => {
      const actor = request.actor.kind === 'member' ? request.actor : null;
      const result = await accounts.signup(request.body, client(request), actor);
      noStore(reply);
      if (!result.ok) return sendResult(reply, result);
      const { session, ...value } = result.value;
      setSessionCookie(request, reply, session.token, session.expiresAt);
      return reply.code(201).send(value);
    },
  );

  app.post(
    '/auth/login',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Sign in',
        description:
          'Sets a fresh session cookie (any previous session of this browser ends). 401 `invalid_credentials` is ' +
          'the same for an unknown pseudonym and a wrong password; 429 with `Retry-After` when throttled.',
        body: loginBodySchema,
        response: { 200: meResponseSchema, ...errorResponses(400, 401, 403, 429) },
      },
    },
    async (request, reply) => {
      const actor = request.actor.kind === 'member' ? request.actor : null;
      const result = await accounts.login(request.body, client(request), actor);
      noStore(reply);
      if (!result.ok) return sendResult(reply, result);
      setSessionCookie(request, reply, result.value.session.token, result.value.session.expiresAt);
      return reply.code(200).send({ user: result.value.user });
    },
  );

  app.post(
    '/auth/logout',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Sign out (this session)',
        response: { 204: noContent, ...errorResponses(403) },
      },
    },
    async (request, reply) => {
      if (request.actor.kind === 'member') await accounts.logout(request.actor);
      clearSessionCookie(request, reply);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/auth/recover',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Set a new password with a recovery code',
        description:
          'Uses up the code, ends every session of the account and signs this browser in. 401 ' +
          '`invalid_credentials` for an unknown pseudonym, a wrong or already used code alike.',
        body: recoverBodySchema,
        response: { 200: recoverResponseSchema, ...errorResponses(400, 401, 403, 429) },
      },
    },
    async (request, reply) => {
      const result = await accounts.recover(request.body, client(request));
      noStore(reply);
      if (!result.ok) return sendResult(reply, result);
      const { session, ...value } = result.value;
      setSessionCookie(request, reply, session.token, session.expiresAt);
      return reply.code(200).send(value);
    },
  );

  app.get(
    '/auth/username-suggestions',
    {
      schema: {
        tags: ['accounts'],
        summary: 'A few free, friendly pseudonyms to choose from at sign-up',
        response: { 200: usernameSuggestionsSchema },
      },
    },
    async (_request, reply) => {
      noStore(reply);
      return { usernames: await accounts.suggestUsernames() };
    },
  );

  app.get(
    '/auth/session',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Who this browser is signed in as (`user: null` for a guest)',
        description:
          'The web app asks this when it starts. Unlike `GET /api/me` a guest is not an error (200 with ' +
          "`user: null`), so a guest's browser console stays clean.",
        response: { 200: sessionStateSchema },
      },
    },
    async (request, reply) => {
      noStore(reply);
      const actor = request.actor;
      return { user: actor.kind === 'member' ? await accounts.me(actor) : null };
    },
  );

  app.get(
    '/me',
    {
      schema: {
        tags: ['accounts'],
        summary: 'The signed-in member',
        response: { 200: meResponseSchema, ...errorResponses(401) },
      },
    },
    async (request, reply) => {
      const actor = requireMember(request);
      noStore(reply);
      return { user: await accounts.me(actor) };
    },
  );

  app.patch(
    '/me',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Change pseudonym and/or language',
        body: updateMeBodySchema,
        response: { 200: meResponseSchema, ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      const actor = requireMember(request);
      noStore(reply);
      const result = await accounts.updateMe(actor, request.body);
      if (!result.ok) return sendResult(reply, result);
      return { user: result.value };
    },
  );

  app.delete(
    '/me',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Delete the account',
        description:
          'Needs the password. `mode` decides what happens to the posts (see DeletionMode). The session cookie stops ' +
          'working at once. 403 `wrong_password`.',
        body: deleteMeBodySchema,
        response: { 204: noContent, ...errorResponses(400, 401, 403, 429) },
      },
    },
    async (request, reply) => {
      const actor = requireMember(request);
      const result = await accountData.deleteAccount(actor, request.body.password, request.body.mode);
      if (!result.ok) return sendResult(reply, result);
      clearSessionCookie(request, reply);
      return reply.code(204).send(null);
    },
  );

  app.patch(
    '/me/password',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Change the password',
        description:
          'Ends every session of the account, including this one, and sets a fresh session cookie. 403 ' +
          '`wrong_password`; 400 `weak_password` (`fields.newPassword`).',
        body: changePasswordBodySchema,
        response: { 204: noContent, ...errorResponses(400, 401, 403, 429) },
      },
    },
    async (request, reply) => {
      const actor = requireMember(request);
      const result = await accounts.changePassword(actor, request.body, client(request));
      if (!result.ok) return sendResult(reply, result);
      setSessionCookie(request, reply, result.value.token, result.value.expiresAt);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/me/sessions',
    {
      schema: {
        tags: ['accounts'],
        summary: "The member's active sessions, the current one first",
        response: { 200: sessionListSchema, ...errorResponses(401) },
      },
    },
    async (request, reply) => {
      const actor = requireMember(request);
      noStore(reply);
      return { items: await accounts.listSessions(actor), nextCursor: null };
    },
  );

  app.delete(
    '/me/sessions',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Sign out everywhere else (all sessions but this one)',
        response: { 204: noContent, ...errorResponses(401, 403) },
      },
    },
    async (request, reply) => {
      const actor = requireMember(request);
      await accounts.revokeOtherSessions(actor);
      return reply.code(204).send(null);
    },
  );

  app.delete(
    '/me/sessions/:id',
    {
      schema: {
        tags: ['accounts'],
        summary: 'End one of your sessions',
        params: sessionIdParamsSchema,
        response: { 204: noContent, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const actor = requireMember(request);
      const result = await accounts.revokeSession(actor, request.params.id);
      if (!result.ok) return sendResult(reply, result);
      if (result.value.current) clearSessionCookie(request, reply);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/me/recovery-codes',
    {
      schema: {
        tags: ['accounts'],
        summary: 'How many unused recovery codes are left (never the codes themselves)',
        response: { 200: recoveryCodesStatusSchema, ...errorResponses(401) },
      },
    },
    async (request, reply) => {
      const actor = requireMember(request);
      noStore(reply);
      return accounts.recoveryCodesStatus(actor);
    },
  );

  app.post(
    '/me/recovery-codes',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Replace the recovery codes (the old ones stop working)',
        body: passwordConfirmationBodySchema,
        response: { 200: recoveryCodesResponseSchema, ...errorResponses(400, 401, 403, 429) },
      },
    },
    async (request, reply) => {
      const actor = requireMember(request);
      noStore(reply);
      const result = await accounts.regenerateRecoveryCodes(actor, request.body.password);
      if (!result.ok) return sendResult(reply, result);
      return { recoveryCodes: result.value };
    },
  );

  app.get(
    '/me/export',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Everything stored about the member, as a JSON download',
        response: { 200: accountExportSchema, ...errorResponses(401) },
      },
    },
    async (request, reply) => {
      const actor = requireMember(request);
      const result = await accountData.exportAccount(actor);
      noStore(reply);
      if (!result.ok) return sendResult(reply, result);
      reply.header('content-disposition', 'attachment; filename="kring-export.json"');
      return result.value;
    },
  );
}
