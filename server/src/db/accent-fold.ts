/**
 * Accent folding for search's substring fallback, the same in SQL (`foldedSql`, which the trigram indexes are
 * built on) and in TypeScript (`foldAccents`, for the query's terms): lower case, then each accented letter to
 * its base letter, one for one — so "patienten" finds "borstkankerpatiënten" and "creme" finds "crème".
 * (Unlike `content/text-match.ts`'s NFD fold, one-for-one keeps the offsets of highlights in the original text.)
 */
import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';

export const FOLD_FROM = 'àáâãäåāèéêëēėęìíîïīįòóôõöøōùúûüūýÿçćčñńšśžźżł';
export const FOLD_TO = 'aaaaaaaeeeeeeeiiiiiiooooooouuuuuyycccnnsszzzl';

const foldMap = new Map([...FOLD_FROM].map((from, i) => [from, FOLD_TO.charAt(i)]));

/** For each base letter, the letters that fold to it, itself included ("e" → "eèéêëēėę"). */
export const foldVariants: ReadonlyMap<string, string> = (() => {
  const variants = new Map<string, string>();
  for (const [from, to] of foldMap) variants.set(to, (variants.get(to) ?? to) + from);
  return variants;
})();

/** Lower case without accents, letter for letter. */
export function foldAccents(value: string): string {
  let out = '';
  for (const char of value.toLowerCase()) out += foldMap.get(char) ?? char;
  return out;
}

/**
 * A column folded as `foldAccents` folds text. The constants are inlined (not parameters), so the expression is
 * exactly the one the trigram indexes are built on and the planner can use them.
 */
export function foldedSql(column: SQLWrapper): SQL {
  return sql`translate(lower(${column}), ${sql.raw(`'${FOLD_FROM}'`)}, ${sql.raw(`'${FOLD_TO}'`)})`;
}
