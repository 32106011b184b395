/**
 * Friendly generated pseudonyms ("Blauwe_Reiger") offered at sign-up, so nobody is tempted to use
 * their real name. Dutch adjectives with nature words (all "de" words, so the adjective takes -e).
 */
import { randomInt } from 'node:crypto';

const adjectives = [
  'Blauwe',
  'Groene',
  'Zachte',
  'Stille',
  'Warme',
  'Lichte',
  'Heldere',
  'Rustige',
  'Vrolijke',
  'Dappere',
  'Gouden',
  'Zilveren',
  'Kalme',
  'Milde',
  'Trouwe',
  'Wijze',
  'Zonnige',
  'Lieve',
  'Sterke',
  'Frisse',
  'Bonte',
  'Witte',
  'Paarse',
  'Oranje',
  'Geduldige',
  'Nieuwsgierige',
  'Moedige',
  'Vriendelijke',
];

const nouns = [
  'Reiger',
  'Merel',
  'Zwaluw',
  'Uil',
  'Vlinder',
  'Eik',
  'Wilg',
  'Berk',
  'Linde',
  'Roos',
  'Tulp',
  'Lelie',
  'Golf',
  'Rivier',
  'Beek',
  'Wolk',
  'Maan',
  'Ster',
  'Vos',
  'Egel',
  'Otter',
  'Specht',
  'Mus',
  'Meeuw',
  'Eend',
  'Zwaan',
  'Libel',
  'Hommel',
  'Klaproos',
  'Heide',
  'Zon',
  'Kraanvogel',
];

const pick = <T>(list: readonly T[]): T => list[randomInt(list.length)] as T;

/** `count` distinct candidates; with `withNumber` each gets a two-digit suffix (for when plain ones are taken). */
export function pseudonymCandidates(count: number, withNumber = false): string[] {
  const names = new Set<string>();
  while (names.size < count) {
    const base = `${pick(adjectives)}_${pick(nouns)}`;
    names.add(withNumber ? `${base}${randomInt(10, 100)}` : base);
  }
  return [...names];
}
