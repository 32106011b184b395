/** `?a=1&b=2` from the defined entries, in the order given (empty string when there are none). */
export function queryString(params: Record<string, string | number | boolean | null | undefined>): string {
  const parts = Object.entries(params)
    .filter((entry): entry is [string, string | number | boolean] => entry[1] != null && entry[1] !== '')
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
  return parts.length > 0 ? `?${parts.join('&')}` : '';
}

/** One path segment, encoded. */
export const segment = (value: string): string => encodeURIComponent(value);
