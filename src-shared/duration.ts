// Go durations ("30m", "168h") as people read them: whole days from two on, in
// the locale's words. Prune's "older than", a policy's "not used for": the
// renderer and the CLI say them alike.

export type Duration = { amount: number; unit: 'minute' | 'hour' | 'day' };

/** A Go duration as Barnacle writes them ("30m", "168h"); null for anything else. */
export function durationOf(until: string): Duration | null {
  const match = /^(\d+)([mh])$/.exec(until);
  if (!match) return null;
  const amount = Number(match[1]);
  if (match[2] === 'm') return { amount, unit: 'minute' };
  return amount >= 48 && amount % 24 === 0 ? { amount: amount / 24, unit: 'day' } : { amount, unit: 'hour' };
}

/** "7 days", "30 minutes"; a timestamp or an odd duration as given. */
export function durationInWords(until: string, intlLocale: string): string {
  const d = durationOf(until);
  if (!d) return until;
  return new Intl.NumberFormat(intlLocale, { style: 'unit', unit: d.unit, unitDisplay: 'long' }).format(d.amount);
}
