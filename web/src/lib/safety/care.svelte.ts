/**
 * Crisis care the server sent with the writer's own new post or thread (`care` in the create response),
 * kept in memory on this device only — never stored, never sent on — so the thread page can show the
 * helplines next to that post for its writer. A reload or "Snel weg" forgets it.
 */
import { SvelteMap } from 'svelte/reactivity';
import type { Helplines } from './content-check.svelte';

const careByPost = new SvelteMap<string, Helplines>();

export function rememberCare(postId: string, care: { helplines: Helplines } | undefined): void {
  if (care) careByPost.set(postId, care.helplines);
}

/** The helplines to show beside this post for its writer, if its text was crisis text. */
export function careFor(postId: string): Helplines | undefined {
  return careByPost.get(postId);
}

export function forgetCare(postId: string): void {
  careByPost.delete(postId);
}
