import type { HandleClientError } from '@sveltejs/kit';

// SvelteKit logs every client-side error, including a visit to a path that does not exist.
// A 404 is an expected answer with its own friendly page, so only real failures are logged.
export const handleError: HandleClientError = ({ error, status, message }) => {
  if (status !== 404) console.error(error);
  return { message };
};
