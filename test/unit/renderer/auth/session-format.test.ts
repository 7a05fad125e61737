/** The sign-in flow's words and times (renderer/auth/session-format.ts): the idle message and a signature's date-time in its own zone. */
import { describe, expect, it } from 'vitest';
import { idleSignOutMessage, idleText, signedAt, zonedTime } from '../../../../renderer/auth/session-format';

describe('session words and times', () => {
  it('says the idle time in minutes, or in seconds when a test shortens it', () => {
    expect(idleSignOutMessage(15)).toBe('Signed out after 15 minutes without activity');
    expect(idleText(1)).toBe('1 minute');
    expect(idleText(2.5)).toBe('2.5 minutes');
    expect(idleText(0.05)).toBe('3 seconds');
    expect(idleText(1 / 60)).toBe('1 second');
  });

  it('prints a signing time in the zone it was signed in, with the abbreviation and the zone name', () => {
    expect(signedAt('2026-03-20T15:04:05.123Z', 'America/Chicago')).toBe('2026-03-20 10:04:05 CDT (America/Chicago)');
    expect(signedAt('2026-01-20T15:04:05Z', 'America/Chicago')).toBe('2026-01-20 09:04:05 CST (America/Chicago)');
    expect(zonedTime('2026-03-20T15:04:05Z', 'UTC')).toBe('2026-03-20 15:04:05 UTC');
    // A zone this runtime does not know: the UTC time, said to be UTC.
    expect(zonedTime('2026-03-20T15:04:05.000Z', 'Mars/Olympus')).toBe('2026-03-20 15:04:05 UTC');
  });
});
