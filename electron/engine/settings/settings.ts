/**
 * Plant settings stored in the database itself, so the CLI and the app
 * agree: the plant's time zone (for date-times written without an offset),
 * the site code, the lot-number pattern, and the company name printed at the
 * top of every report, how far ahead of today an imported date may lie
 * before the import warns, the recall letters' instructions and the
 * predefined hold/quarantine/reject reasons (shared/reason-codes.ts).
 */
import type { Db } from '../db/database';
import { isValidTimeZone } from '../domain/dates';
import { validateLotPattern } from '../domain/lot-code';
import type { PlantSettings } from '../../contract/dto/settings';
import { EngineError } from '../errors';
import { appendAudit } from '../audit/audit-trail';
import { validateLetterInstructions } from '../recall/letter-template';
import { osUser } from '../domain/os-user';
import { DEFAULT_REASON_CODES, reasonCodesProblem } from '../../shared/reason-codes';

export const SETTING_KEYS = ['timezone', 'site', 'lotPattern', 'company', 'futureDays', 'recallLetterInstructions', 'reasonCodes'] as const;
export type SettingKey = (typeof SETTING_KEYS)[number];
/** Settings that mean "the built-in text" while unset: never written by ensureSettings, so opening a database still writes nothing. */
const OPTIONAL_KEYS: readonly SettingKey[] = ['recallLetterInstructions', 'reasonCodes'];

export function defaultSettings(): PlantSettings {
  return {
    timezone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
    site: 'P1',
    lotPattern: '{SITE}-{YY}{JJJ}-{SEQ:3}',
    company: '',
    futureDays: '2',
    recallLetterInstructions: '',
    // Unset means the built-in list; a stored '' means the plant keeps none.
    reasonCodes: DEFAULT_REASON_CODES,
  };
}

export class SettingError extends EngineError {
  readonly code = 'rejected';
}

export function validateSetting(key: string, value: string): asserts key is SettingKey {
  if (!(SETTING_KEYS as readonly string[]).includes(key)) {
    throw new SettingError(`unknown setting "${key}" (known: ${SETTING_KEYS.join(', ')})`);
  }
  if (key === 'timezone' && !isValidTimeZone(value)) throw new SettingError(`unknown time zone "${value}" (use an IANA name such as America/Chicago)`);
  if (key === 'site' && !/^[A-Za-z0-9_-]{1,16}$/.test(value)) throw new SettingError('site must be 1-16 letters, digits, - or _');
  if (key === 'lotPattern') validateLotPattern(value);
  if (key === 'company' && value.length > 200) throw new SettingError('company name is limited to 200 characters');
  if (key === 'futureDays' && !/^\d{1,4}$/.test(value)) throw new SettingError('futureDays must be a whole number of days (0–9999)');
  if (key === 'recallLetterInstructions') validateLetterInstructions(value);
  if (key === 'reasonCodes') {
    const problem = reasonCodesProblem(value);
    if (problem) throw new SettingError(`reason codes: ${problem}`);
  }
}

export function readSettings(db: Db): PlantSettings {
  const rows = db.prepare('SELECT key, value FROM setting').all() as { key: string; value: string }[];
  const settings = defaultSettings();
  for (const { key, value } of rows) {
    if ((SETTING_KEYS as readonly string[]).includes(key)) settings[key as SettingKey] = value;
  }
  return settings;
}

/**
 * Whether the plant time zone is part of stored records: once lots exist,
 * their plant-calendar dates (received on, produced on, the report periods)
 * were read in that zone, so changing it moves them.
 */
export function timezoneInUse(db: Db): boolean {
  return db.prepare('SELECT EXISTS (SELECT 1 FROM lot)').pluck().get() === 1;
}

/**
 * Changes one setting and records who changed it from what, and why (an
 * unchanged value records nothing). The time zone cannot change silently
 * once data exists (issue 15): that change needs a reason, kept in the
 * audit entry with the before and after.
 */
export function writeSetting(db: Db, key: string, value: string, user: string = osUser(), reason = ''): void {
  validateSetting(key, value);
  if (!user.trim()) throw new SettingError('changing a setting needs a user');
  db.transaction(() => {
    const before = db.prepare('SELECT value FROM setting WHERE key = ?').pluck().get(key) as string | undefined;
    if (before === value) return;
    if (key === 'timezone' && before !== undefined && !reason.trim() && timezoneInUse(db)) {
      throw new SettingError(
        `changing the plant time zone from ${before} to ${value} moves the plant-local dates of the lots on record (and every report's); give a reason (CLI: --reason TEXT) — the change is logged in the audit trail`,
      );
    }
    db.prepare('INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
    appendAudit(db, { user, action: 'settings.change', entity: 'setting', key, before: before === undefined ? '' : { value: before }, after: { value }, ...(reason.trim() ? { reason: reason.trim() } : {}) });
  })();
}

/**
 * Changes several settings at once, all or none (the app's settings form):
 * every value is checked before anything is written, then each change is
 * recorded as writeSetting records it, with the one reason. Returns the
 * keys whose value changed.
 */
export function writeSettings(db: Db, changes: Readonly<Partial<Record<SettingKey, string>>>, user: string = osUser(), reason = ''): SettingKey[] {
  const entries = Object.entries(changes).filter((e): e is [SettingKey, string] => e[1] !== undefined);
  for (const [key, value] of entries) validateSetting(key, value);
  const stored = db.prepare('SELECT value FROM setting WHERE key = ?').pluck();
  const changed = entries.filter(([key, value]) => stored.get(key) !== value).map(([key]) => key);
  db.transaction(() => {
    for (const [key, value] of entries) writeSetting(db, key, value, user, reason);
  })();
  return changed;
}

/**
 * Fixes the defaults into a new database so they do not drift with the PC's
 * zone later. Writes only when a key is missing: opening a database that
 * has them all writes nothing, so it never waits for (or fails on) another
 * program's write lock.
 */
export function ensureSettings(db: Db): void {
  const present = new Set(db.prepare('SELECT key FROM setting').pluck().all() as string[]);
  const missing = SETTING_KEYS.filter((key) => !present.has(key) && !OPTIONAL_KEYS.includes(key));
  if (missing.length === 0) return;
  const defaults = defaultSettings();
  const insert = db.prepare('INSERT OR IGNORE INTO setting (key, value) VALUES (?, ?)');
  db.transaction(() => {
    for (const key of missing) insert.run(key, defaults[key]);
  })();
}
