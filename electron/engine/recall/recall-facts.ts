/**
 * The 21 CFR 7.46(a) facts of a recall that its row does not hold
 * (migration 12): the recall contact, the date of discovery, the health
 * hazard evaluation and the strategy's public warning and effectiveness
 * check level. Checked here once for every host: a real recall cannot be
 * opened while one is missing (the error names each, nothing is stored); a
 * mock recall may leave out what an exercise does not have. A change is a
 * new version row carrying the whole set, audited, so earlier versions stay.
 */
import type { Db } from '../db/database';
import { DateError, localDate, parseCalendarDate, toIso } from '../domain/dates';
import { appendAudit } from '../audit/audit-trail';
import { recallFactsHash } from '../audit/row-hashes';
import { RecallInputError } from './scope';
import type { EffectivenessLevel, PublicWarning, RecallFacts } from '../../contract/dto/recall';

export const PUBLIC_WARNINGS = ['none', 'general', 'local'] as const satisfies readonly PublicWarning[];
export const EFFECTIVENESS_LEVELS = ['A', 'B', 'C', 'D', 'E'] as const satisfies readonly EffectivenessLevel[];

/** 21 CFR 7.42(b)(3): the share of consignees each level contacts; B is chosen case by case (over 10, under 100). */
export const EFFECTIVENESS_PCT: Record<EffectivenessLevel, number | null> = { A: 100, B: null, C: 10, D: 2, E: 0 };

export interface RecallFactsInput {
  contact_name?: string;
  contact_title?: string;
  contact_phone?: string;
  contact_email?: string;
  discovered_on?: string;
  hazard?: string;
  hazard_by?: string;
  hazard_on?: string;
  public_warning?: string;
  effectiveness_level?: string;
  effectiveness_pct?: number;
}

type FactFields = Omit<RecallFacts, 'version' | 'recorded_by' | 'recorded_at'>;

/** Each required fact with the words an error message uses for it. */
export const REQUIRED_FACTS: readonly { field: keyof FactFields | 'discovered'; label: string }[] = [
  { field: 'contact_name', label: 'recall contact name' },
  { field: 'contact_title', label: 'recall contact title' },
  { field: 'contact_phone', label: 'recall contact phone' },
  { field: 'discovered_on', label: 'date of discovery' },
  { field: 'discovered', label: 'circumstances of discovery' },
  { field: 'hazard', label: 'health hazard evaluation' },
  { field: 'hazard_by', label: 'who made the health hazard evaluation' },
  { field: 'hazard_on', label: 'date of the health hazard evaluation' },
  { field: 'public_warning', label: 'public warning (none, general or local)' },
  { field: 'effectiveness_level', label: 'effectiveness check level (A-E)' },
];

export class RecallFactsMissingError extends RecallInputError {
  constructor(readonly missing: readonly { field: string; label: string }[]) {
    super(`a recall cannot be opened without these 21 CFR 7.46(a) facts: ${missing.map((m) => m.label).join('; ')}. Nothing was stored.`);
  }
}

function date(value: string | undefined, label: string, problems: string[]): string {
  const v = value?.trim() ?? '';
  if (!v) return '';
  try {
    return parseCalendarDate(v);
  } catch (e) {
    if (e instanceof DateError) {
      problems.push(`${label} must be a date YYYY-MM-DD, not "${v}"`);
      return '';
    }
    throw e;
  }
}

/**
 * The facts trimmed and checked for form (dates, lists, phone, e-mail,
 * level and share); every problem is reported at once. `today` is the
 * plant-local date a discovery or evaluation cannot be later than.
 */
export function normalizeFacts(input: RecallFactsInput, today: string): FactFields {
  const problems: string[] = [];
  const t = (s: string | undefined): string => s?.trim() ?? '';
  const f: FactFields = {
    contact_name: t(input.contact_name), contact_title: t(input.contact_title), contact_phone: t(input.contact_phone), contact_email: t(input.contact_email),
    discovered_on: date(input.discovered_on, 'the date of discovery', problems), hazard: t(input.hazard), hazard_by: t(input.hazard_by),
    hazard_on: date(input.hazard_on, 'the date of the health hazard evaluation', problems), public_warning: '', effectiveness_level: '', effectiveness_pct: null,
  };
  if (f.contact_phone && (f.contact_phone.replace(/\D/g, '').length < 7 || !/^[0-9+()\-./ x]+$/i.test(f.contact_phone))) {
    problems.push(`the recall contact phone "${f.contact_phone}" is not a phone number (digits, spaces, + ( ) - . / x; at least 7 digits)`);
  }
  if (f.contact_email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(f.contact_email)) problems.push(`the recall contact e-mail "${f.contact_email}" is not an e-mail address`);
  for (const [d, label] of [[f.discovered_on, 'the date of discovery'], [f.hazard_on, 'the date of the health hazard evaluation']] as const) {
    if (d && d > today) problems.push(`${label} (${d}) is later than today (${today})`);
  }
  if (f.discovered_on && f.hazard_on && f.hazard_on < f.discovered_on) problems.push(`the health hazard evaluation (${f.hazard_on}) cannot precede the discovery (${f.discovered_on})`);
  const warning = t(input.public_warning);
  if (warning) {
    if ((PUBLIC_WARNINGS as readonly string[]).includes(warning)) f.public_warning = warning as PublicWarning;
    else problems.push(`the public warning must be none, general or local, not "${warning}"`);
  }
  const level = t(input.effectiveness_level).toUpperCase();
  if (level) {
    if ((EFFECTIVENESS_LEVELS as readonly string[]).includes(level)) f.effectiveness_level = level as EffectivenessLevel;
    else problems.push(`the effectiveness check level must be A, B, C, D or E, not "${level}"`);
  }
  const pct = input.effectiveness_pct;
  if (pct !== undefined && (!Number.isFinite(pct) || pct < 0 || pct > 100)) problems.push(`the share of consignees to check must be 0 to 100 %, not ${pct}`);
  else if (f.effectiveness_level) {
    const fixed = EFFECTIVENESS_PCT[f.effectiveness_level];
    if (fixed === null) {
      if (pct === undefined) problems.push('effectiveness level B needs the share of consignees to check (over 10 and under 100 %)');
      else if (pct <= 10 || pct >= 100) problems.push(`effectiveness level B checks over 10 and under 100 % of consignees, not ${pct} %`);
      else f.effectiveness_pct = pct;
    } else if (pct !== undefined && pct !== fixed) problems.push(`effectiveness level ${f.effectiveness_level} checks ${fixed} % of consignees, not ${pct} %`);
    else f.effectiveness_pct = fixed;
  } else if (pct !== undefined) problems.push('a share of consignees to check needs an effectiveness check level');
  if (problems.length) throw new RecallInputError(problems.join('; '));
  return f;
}

/** The required facts a real recall still lacks (`discovered` is the circumstances text on the recall row). */
export function missingFacts(f: FactFields, discovered: string): { field: string; label: string }[] {
  return REQUIRED_FACTS.filter((r) => (r.field === 'discovered' ? !discovered.trim() : !f[r.field]));
}

export function hasAnyFact(f: FactFields): boolean {
  return Object.values(f).some((v) => v !== '' && v !== null);
}

/** The plant-local date of an instant, for the "not later than today" checks. */
export function plantToday(zone: string, at = Date.now()): string {
  return localDate(zone, at);
}

interface FactsRow extends FactFields {
  id: number;
  version: number;
  user: string;
  at: number;
}

/** The latest version of a recall's facts, or null when none were recorded. */
export function latestFacts(db: Db, recallId: number): RecallFacts | null {
  const r = db
    .prepare(`SELECT id, version, contact_name, contact_title, contact_phone, contact_email, discovered_on, hazard, hazard_by, hazard_on, public_warning,
        effectiveness_level, effectiveness_pct, user, at FROM recall_facts WHERE recall_id = ? ORDER BY version DESC LIMIT 1`)
    .get(recallId) as FactsRow | undefined;
  if (!r) return null;
  const { id: _id, user, at, ...facts } = r;
  return { ...facts, recorded_by: user, recorded_at: toIso(at)! };
}

/**
 * Appends the next version of a recall's facts with its audit entry; must
 * run inside the caller's transaction (opening) or opens its own (a later
 * correction). `facts` is the whole set, already normalized.
 */
export function insertFacts(db: Db, recallId: number, code: string, facts: FactFields, user: string, at: number, note = ''): RecallFacts {
  const write = (): RecallFacts => {
    const before = latestFacts(db, recallId);
    const version = (before?.version ?? 0) + 1;
    const id = Number(
      db.prepare(`INSERT INTO recall_facts (recall_id, version, contact_name, contact_title, contact_phone, contact_email, discovered_on, hazard, hazard_by, hazard_on,
          public_warning, effectiveness_level, effectiveness_pct, user, at, note) VALUES (@recall_id, @version, @contact_name, @contact_title, @contact_phone, @contact_email,
          @discovered_on, @hazard, @hazard_by, @hazard_on, @public_warning, @effectiveness_level, @effectiveness_pct, @user, @at, @note)`)
        .run({ ...facts, recall_id: recallId, version, user: user.trim(), at, note: note.trim() }).lastInsertRowid,
    );
    const { version: _v, recorded_by: _b, recorded_at: _a, ...beforeFields } = before ?? { version: 0, recorded_by: '', recorded_at: '' };
    appendAudit(db, {
      user, action: 'recall.facts', entity: 'recall', key: code, at, reason: note,
      ...(before ? { before: beforeFields } : {}),
      after: { recall_id: recallId, facts_id: id, version, ...facts }, rowHash: recallFactsHash(db, id),
    });
    return latestFacts(db, recallId)!;
  };
  return db.inTransaction ? write() : db.transaction(write)();
}

/**
 * A correction of a stored recall's facts: the given fields replace the
 * latest version's, the others are kept; a real recall's facts must stay
 * complete. Earlier versions are kept (append-only table).
 */
export function updateRecallFacts(
  db: Db, recall: { id: number; code: string; mock: boolean; discovered: string }, changes: RecallFactsInput, user: string, zone: string, note = '', at = Date.now(),
): RecallFacts {
  if (!user.trim()) throw new RecallInputError('changing a recall\u2019s facts needs a user');
  const current = latestFacts(db, recall.id);
  const merged: RecallFactsInput = {};
  const base = current ?? null;
  for (const k of ['contact_name', 'contact_title', 'contact_phone', 'contact_email', 'discovered_on', 'hazard', 'hazard_by', 'hazard_on', 'public_warning', 'effectiveness_level'] as const) {
    const v = changes[k] ?? base?.[k];
    if (v !== undefined) merged[k] = v;
  }
  // A new level brings its own share unless one is given; level B keeps its share.
  const pct = changes.effectiveness_pct ?? (changes.effectiveness_level === undefined ? base?.effectiveness_pct ?? undefined : undefined);
  if (pct !== undefined && pct !== null) merged.effectiveness_pct = pct;
  const facts = normalizeFacts(merged, plantToday(zone, at));
  if (!recall.mock) {
    const missing = missingFacts(facts, recall.discovered);
    if (missing.length) throw new RecallFactsMissingError(missing);
  }
  return insertFacts(db, recall.id, recall.code, facts, user, at, note);
}
