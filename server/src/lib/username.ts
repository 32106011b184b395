/** The canonical forms of a pseudonym (NFC for display, case-folded key for uniqueness), defined once in shared. */
export { normaliseUsername, usernameKey } from '@kring/shared';
