/** How Kring shows a moment, the same on every screen ("3 dec. 2026 14:05"), in the current language. */
import { derived } from 'svelte/store';
import { date, time } from 'svelte-i18n';

/** `$dateTime(iso)`: date (medium) and time (short), following the language switch. */
export const dateTime = derived([date, time], ([formatDate, formatTime]) => (value: string | Date): string => {
  const moment = new Date(value);
  return `${formatDate(moment, { format: 'medium' })} ${formatTime(moment, { format: 'short' })}`;
});
