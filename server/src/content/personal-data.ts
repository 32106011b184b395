/**
 * Detectors for personal data a writer may not mean to publish: e-mail addresses, Dutch phone numbers,
 * BSN (with the 11-proof), IBAN (mod-97) and a postcode with a house number. Used by the composer's
 * `POST /api/content/check` to warn before publishing; never to block.
 */
export type PersonalDataKind = 'email' | 'phone' | 'bsn' | 'iban' | 'address';

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.[\p{L}]{2,}/u;

/** 06-12345678, 06 1234 5678, +31 6 12345678, 0031612345678, 020-1234567, 0512 123456, … */
const PHONE =
  /(?<![\d+])(?:(?:\+|00)31[\s-]?(?:\(0\))?[\s-]?|0)(?:6[\s-]?(?:\d[\s-]?){7}\d|[1-57-9]\d(?:[\s-]?\d){7})(?!\d)/;

/** Nine digits, optionally grouped as 123.456.789, 1234.56.789 or 123 456 789. */
const BSN_CANDIDATE = /(?<![\d.])\d{2,4}[ .]?\d{2,4}[ .]?\d{2,4}(?![\d]|\.\d)/g;

const IBAN_CANDIDATE = /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b/gi;

const POSTCODE = /(?<![\p{L}\p{N}])[1-9]\d{3} ?(?!SA|SD|SS)[A-Z]{2}(?![\p{L}\p{N}])/gu;
const HOUSE_NUMBER = /(?<![\p{L}\p{N}])\d{1,5}(?:[ -]?[a-zA-Z])?(?![\p{N}])/gu;

/** The BSN 11-proof: 9·d1 + 8·d2 + … + 2·d8 − 1·d9 is a multiple of 11 (and not all zeros). */
export function isValidBsn(digits: string): boolean {
  if (!/^\d{9}$/.test(digits) || /^0+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(digits[i]) * (9 - i);
  sum -= Number(digits[8]);
  return sum % 11 === 0;
}

/** ISO 13616 mod-97 check (letters count as 10–35). */
export function isValidIban(value: string): boolean {
  const iban = value.replace(/\s+/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(iban)) return false;
  if (iban.startsWith('NL') && !/^NL\d{2}[A-Z]{4}\d{10}$/.test(iban)) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const char of rearranged) {
    const code = char >= 'A' ? String(char.charCodeAt(0) - 55) : char;
    for (const digit of code) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}

function hasBsn(text: string): boolean {
  for (const match of text.matchAll(BSN_CANDIDATE)) {
    if (isValidBsn(match[0].replace(/[ .]/g, ''))) return true;
  }
  return false;
}

function hasIban(text: string): boolean {
  for (const match of text.matchAll(IBAN_CANDIDATE)) if (isValidIban(match[0])) return true;
  return false;
}

/** A postcode (1234 AB) with a house number within a few words before or after it. */
function hasAddress(text: string): boolean {
  for (const match of text.matchAll(POSTCODE)) {
    const start = match.index;
    const end = start + match[0].length;
    const around = `${text.slice(Math.max(0, start - 40), start)} ${text.slice(end, end + 20)}`;
    if (HOUSE_NUMBER.test(around)) {
      HOUSE_NUMBER.lastIndex = 0;
      return true;
    }
    HOUSE_NUMBER.lastIndex = 0;
  }
  return false;
}

export function detectPersonalData(text: string): PersonalDataKind[] {
  const found: PersonalDataKind[] = [];
  if (EMAIL.test(text)) found.push('email');
  if (PHONE.test(text)) found.push('phone');
  if (hasBsn(text)) found.push('bsn');
  if (hasIban(text)) found.push('iban');
  if (hasAddress(text)) found.push('address');
  return found;
}

/** Links in a post (markdown or bare): new members' posts with links are held under pre-moderation. */
export function hasLink(text: string): boolean {
  return /\bhttps?:\/\/|\bwww\.[\p{L}\p{N}-]+\.|\b[\p{L}\p{N}-]+\.(?:nl|com|org|net|eu|be|info|io)\b/iu.test(text);
}
