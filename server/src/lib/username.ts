/** The canonical forms of a pseudonym: NFC for display, case-folded for uniqueness. */
export function normaliseUsername(input: string): string {
  return input.normalize('NFC').trim();
}

export function usernameKey(username: string): string {
  return normaliseUsername(username).toLocaleLowerCase('und').normalize('NFC');
}
