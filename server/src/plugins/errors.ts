/**
 * One error shape for everything: `{ error: { code, message, fields? } }`.
 * Framework errors (bad JSON, oversize body, schema validation) become clear 4xx answers; a lost
 * database becomes 503; anything unexpected is a 500 whose message never reveals internals.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { errorBodySchema } from '@kring/shared';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { HttpError } from '../lib/http-error';
import { statusFor, type Result } from '../lib/result';

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 503;

/**
 * The error answers a route documents, for its schema's `response`: `{ 200: x, ...errorResponses(400, 404) }`.
 * Every one has the one error shape.
 */
export function errorResponses<const S extends ErrorStatus>(...statuses: S[]): Record<S, typeof errorBodySchema> {
  return Object.fromEntries(statuses.map((status) => [status, errorBodySchema])) as Record<S, typeof errorBodySchema>;
}

interface ErrorPayload {
  statusCode: number;
  code: string;
  message: string;
  fields?: Record<string, string>;
  retryAfter?: number;
}

const frameworkErrors: Record<string, Omit<ErrorPayload, 'statusCode'> & { statusCode?: number }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'invalid_json', message: 'The request body is not valid JSON.' },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    code: 'invalid_json',
    message: 'The request body is empty but says it is JSON.',
  },
  FST_ERR_CTP_BODY_TOO_LARGE: {
    statusCode: 413,
    code: 'payload_too_large',
    message: 'The request body is larger than 64 KiB.',
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    statusCode: 415,
    code: 'unsupported_media_type',
    message: 'Send JSON with Content-Type: application/json.',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    code: 'bad_request',
    message: 'The Content-Length header does not match the body.',
  },
};

/** Errors that mean "the database is not reachable right now", for both drivers. */
const unavailableCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '53300', // too_many_connections
  '08000',
  '08003',
  '08006',
  '08001',
  '08004',
]);

export function isDatabaseUnavailable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    const candidate = current as { code?: unknown; message?: unknown; cause?: unknown };
    if (typeof candidate.code === 'string' && unavailableCodes.has(candidate.code)) return true;
    if (
      typeof candidate.message === 'string' &&
      /Connection terminated|timeout exceeded when trying to connect|Query read timeout|Client has encountered a connection error|connection is closed|PGlite is closed|Cannot use a pool after calling end/i.test(
        candidate.message,
      )
    )
      return true;
    current = candidate.cause;
  }
  return false;
}

/** What each validation context is called in an error message. */
const validationParts: Record<string, string> = {
  body: 'The request body',
  querystring: 'The query string',
  params: 'The address',
  headers: 'A request header',
};

function toPayload(error: FastifyError | Error): ErrorPayload & { internal: boolean } {
  if (error instanceof HttpError) {
    return {
      statusCode: error.statusCode,
      code: error.code,
      message: error.message,
      fields: error.fields,
      retryAfter: error.retryAfter,
      internal: false,
    };
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const fields: Record<string, string> = {};
    for (const issue of error.validation) {
      const where = issue.instancePath.replace(/^\//, '').replaceAll('/', '.');
      const key = where || (error.validationContext ?? 'body');
      fields[key] ??= issue.message ?? 'invalid';
    }
    const where = error.validationContext ?? 'body';
    const [field, problem] = Object.entries(fields)[0] ?? [];
    const part = validationParts[where] ?? 'The request';
    return {
      statusCode: 400,
      code: 'validation_failed',
      // One readable sentence; every field's problem is in `fields`.
      message: field && problem ? `${part} is not valid: ${field} ${problem}.` : `${part} is not valid.`,
      fields,
      internal: false,
    };
  }
  const fastifyError = error as FastifyError;
  const known = fastifyError.code ? frameworkErrors[fastifyError.code] : undefined;
  if (known) return { statusCode: known.statusCode ?? 400, ...known, internal: false };
  if (isDatabaseUnavailable(error)) {
    return {
      statusCode: 503,
      code: 'service_unavailable',
      message: 'Kring cannot reach its database right now. Please try again in a moment.',
      internal: true,
    };
  }
  const status = fastifyError.statusCode;
  if (status === 429) {
    return { statusCode: 429, code: 'rate_limited', message: 'Too many requests. Please slow down.', internal: false };
  }
  if (typeof status === 'number' && status >= 400 && status < 500 && !isResponseSerializationError(error)) {
    return { statusCode: status, code: 'bad_request', message: fastifyError.message, internal: false };
  }
  return {
    statusCode: 500,
    code: 'internal_error',
    message: 'Something went wrong on our side. Nothing you sent was lost; please try again.',
    internal: true,
  };
}

/**
 * What may be logged of an error. A failed query (drizzle's DrizzleQueryError) carries its parameters —
 * post bodies, password hashes — in its message: log the SQL text and the database's error code instead.
 */
export function loggableError(error: unknown): unknown {
  if (!error || typeof error !== 'object' || !('query' in error) || !('params' in error)) return error;
  const { query, cause } = error as { query: unknown; cause?: Record<string, unknown> };
  const safe = new Error(`database query failed${typeof cause?.code === 'string' ? ` (${cause.code})` : ''}`);
  safe.name = 'DatabaseQueryError';
  return Object.assign(safe, {
    query: typeof query === 'string' ? query : undefined,
    code: cause?.code,
    constraint: cause?.constraint,
    routine: cause?.routine,
  });
}

export function sendError(reply: FastifyReply, payload: ErrorPayload): FastifyReply {
  if (payload.retryAfter !== undefined) reply.header('retry-after', String(Math.max(1, Math.ceil(payload.retryAfter))));
  const body = {
    error: { code: payload.code, message: payload.message, ...(payload.fields ? { fields: payload.fields } : {}) },
  };
  // Bypass the route's response schema: an error body is never one of the route's success shapes.
  return reply.code(payload.statusCode).type('application/json; charset=utf-8').serializer(JSON.stringify).send(body);
}

/** Maps a service outcome to HTTP: success with `status`, failure with the error's status. */
export function sendResult<T>(reply: FastifyReply, result: Result<T>, status = 200): FastifyReply {
  if (result.ok) return reply.code(status).send(result.value);
  const { kind, ...rest } = result.error;
  return sendError(reply, { statusCode: statusFor[kind], ...rest });
}

/**
 * Errors the router raises before any route or hook runs (Fastify's `frameworkErrors` option), in the one
 * error shape: a malformed percent-encoding is a 400; a path segment longer than any id or slug can be is
 * a 404 like any other address that does not exist.
 */
export function frameworkErrorHandler(error: FastifyError, _request: FastifyRequest, reply: FastifyReply) {
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH')
    return sendError(reply, { statusCode: 404, code: 'not_found', message: 'Nothing here.' });
  if (error.code === 'FST_ERR_BAD_URL')
    return sendError(reply, { statusCode: 400, code: 'bad_url', message: 'This address is not valid.' });
  return sendError(reply, toPayload(error));
}

export default fp(
  async function errorsPlugin(app: FastifyInstance) {
    app.setErrorHandler((error: FastifyError, request, reply) => {
      const payload = toPayload(error);
      if (payload.statusCode >= 500) {
        request.log.error({ err: loggableError(error) }, 'request failed');
      } else if (payload.internal) {
        request.log.warn({ err: loggableError(error) }, 'request failed');
      }
      return sendError(reply, payload);
    });
  },
  { name: 'kring-errors' },
);
