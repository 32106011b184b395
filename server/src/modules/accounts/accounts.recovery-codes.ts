/**
 * Recovery codes: ten one-time codes of ten base32 characters (50 random bits each), shown once as
 * `abcde-fghij`. Only their SHA-256 is stored: with this much entropy and throttled attempts a slow
 * password hash adds nothing, and a fast one lets a code be found with a single indexed lookup.
 */
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';

export const RECOVERY_CODE_COUNT = 10;

function randomCode(): string {
  const bytes = new Uint8Array(7); // 56 bits, of which the first 50 make the ten characters
  crypto.getRandomValues(bytes);
  const raw = encodeBase32LowerCaseNoPadding(bytes).slice(0, 10);
  return `${raw.slice(0, 5)}-${raw.slice(5)}`;
}

/** As typed: any case, with or without the hyphen or spaces; 0, 1 and 8 read as o, l and b. */
export function normaliseRecoveryCode(input: string): string {
  return input
    .toLowerCase()
    .replace(/[\s-]/g, '')
    .replace(/[018]/g, (d) => ({ '0': 'o', '1': 'l', '8': 'b' })[d] ?? d);
}

export function hashRecoveryCode(input: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(normaliseRecoveryCode(input))));
}

export function generateRecoveryCodes(): { codes: string[]; hashes: string[] } {
  const codes = new Set<string>();
  while (codes.size < RECOVERY_CODE_COUNT) codes.add(randomCode());
  const list = [...codes];
  return { codes: list, hashes: list.map(hashRecoveryCode) };
}
