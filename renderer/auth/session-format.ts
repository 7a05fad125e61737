/**
 * Words and times the sign-in flow shows: how long the idle time is
 * ("15 minutes", or seconds when a test shortens it) and a signature's
 * date-time in the zone it was signed in, with the zone's abbreviation and
 * name (21 CFR 11.50: date and time of signing).
 */

export function idleText(minutes: number): string {
  if (minutes >= 1) {
    const m = Math.round(minutes * 10) / 10;
    return `${m} minute${m === 1 ? '' : 's'}`;
  }
  const s = Math.max(1, Math.round(minutes * 60));
  return `${s} second${s === 1 ? '' : 's'}`;
}

export function idleSignOutMessage(minutes: number): string {
  return `Signed out after ${idleText(minutes)} without activity`;
}

/** "2026-03-20 10:04:05 CDT (America/Chicago)": a signature's or audit entry's time in its own zone. */
export function signedAt(iso: string, zone: string): string {
  return `${zonedTime(iso, zone)} (${zone})`;
}

/** "2026-03-20 10:04:05 CDT"; the UTC time when the zone is unknown to this browser. */
export function zonedTime(iso: string, zone: string): string {
  try {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', timeZoneName: 'short',
    }).formatToParts(new Date(iso));
    const p = (t: string): string => parts.find((x) => x.type === t)?.value ?? '';
    return `${p('year')}-${p('month')}-${p('day')} ${p('hour')}:${p('minute')}:${p('second')} ${p('timeZoneName')}`;
  } catch {
    return `${iso.replace('T', ' ').replace(/(\.\d+)?Z$/, '')} UTC`;
  }
}
