/**
 * Error codes of the public API. Every error body has the shape
 * `{ error: { code, message, fields? } }`; clients switch on `code`, never on `message`.
 */
import { z } from 'zod';

export const errorCodes = [
  'bad_request',
  'validation_failed',
  'invalid_json',
  'payload_too_large',
  'unsupported_media_type',
  'not_found',
  'unauthenticated',
  'forbidden',
  'cross_origin',
  'conflict',
  'rate_limited',
  'request_timeout',
  'service_unavailable',
  'internal_error',
] as const;

/** Later features add their own codes; the list above is the skeleton's base set. */
export type ErrorCode = (typeof errorCodes)[number] | (string & {});

export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      fields: z.record(z.string(), z.string()).optional(),
    }),
  })
  .meta({ id: 'Error' });

export type ErrorBody = z.infer<typeof errorBodySchema>;
