/**
 * The recall follow-up commands: `recall-letters` writes the 21 CFR 7.49
 * letters (one PDF, a letter per consignee, and with --each one file per
 * consignee), `consignee-response` records a notification or a consignee's
 * response (again: a correction), and `recall-status` prints the 7.53
 * status, writes its PDF and CSV. Letters and the status PDF are issued
 * reports (recorded for `lottrace report verify`), so they pass the write
 * gate like every report. Exit codes: 0 ok, 1 rejected input (a unit the
 * consignee never received, a quantity above what it received...), 2 usage.
 *
 * Quantities are two words on the command line (`--returned 12 cs`);
 * parseArgs takes one value per option, so joinQuantityArgs puts the unit
 * back with its number before parsing.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Engine } from '../../engine/engine';
import { DateError } from '../../engine/domain/dates';
import { followUpInstant, notifyMethod, recordNotification } from '../../engine/recall/consignees';
import { NOTIFY_METHODS, recordConsigneeResponse, type ConsigneeResponseInput } from '../../engine/recall/consignee-responses';
import { recallStatus, statusJson } from '../../engine/recall/recall-status';
import { findRecall, loadRecall, recallInfo } from '../../engine/recall/recall-store';
import { formatQuantities } from '../../engine/recall/unit-totals';
import { issueRecallLetters, issueRecallStatusReport } from '../../engine/reports/report-issuer';
import { writeRecallStatusCsv } from '../../engine/reports/recall-status-report';
import { sentLetters } from '../../engine/reports/sent-letters';
import { plantTime } from '../../engine/reports/render';
import type { Quantity } from '../../contract/dto/recall';
import type { Gate } from './recall';
import { formatTable } from './table';

export const RECALL_FOLLOW_UP_USAGE = `  recall-letters --recall CODE --out FILE.pdf [--each DIR | --reprint]
                                    the 21 CFR 7.49 recall letters: one per consignee, each on its own
                                    pages (its lots, quantities, ship dates, orders, BOLs, instructions
                                    and a response form); --each DIR also writes one file per consignee;
                                    --reprint writes the letters last issued exactly as they were sent
                                    (the instructions' wording: setting recallLetterInstructions)
  consignee-response --recall CODE --customer NAME [--ship-to TEXT]
         (--notified DATE --method letter|email|phone|fax|visit|edi|portal
          | --responded DATE [--on-hand QTY UOM] [--returned QTY UOM] [--destroyed QTY UOM] [--corrected QTY UOM])
                                    record a notification, or a consignee's response; a response entered
                                    again corrects the earlier one (both kept). Refused (exit 1) for a
                                    unit the consignee never received or more than it received
  recall-status --recall CODE [--pdf FILE] [--csv FILE] [--json]
                                    the 21 CFR 7.53 status: notified, responded, not responded, on hand,
                                    returned, destroyed, effectiveness check and estimated completion`;

export const QUANTITY_OPTIONS = ['on-hand', 'returned', 'destroyed', 'corrected'] as const;

/** `--returned 12 cs` becomes `--returned "12 cs"`; `--returned "12 cs"` and `--returned=12cs` are left as they are. */
export function joinQuantityArgs(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    out.push(a);
    if (!(QUANTITY_OPTIONS as readonly string[]).includes(a.replace(/^--/, '')) || !a.startsWith('--')) continue;
    const qty = argv[i + 1];
    const uom = argv[i + 2];
    if (qty !== undefined && /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(qty) && uom !== undefined && !uom.startsWith('-') && /^[A-Za-z]/.test(uom)) {
      out.push(`${qty} ${uom}`);
      i += 2;
    }
  }
  return out;
}

export interface FollowUpValues {
  recall?: string;
  out?: string;
  each?: string;
  reprint?: boolean;
  customer?: string;
  'ship-to'?: string;
  notified?: string;
  method?: string;
  responded?: string;
  'on-hand'?: string;
  returned?: string;
  destroyed?: string;
  corrected?: string;
  note?: string;
  pdf?: string;
  csv?: string;
  json?: boolean;
}

interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

class Usage extends Error {}

function need(v: FollowUpValues, name: 'recall' | 'out' | 'customer', command: string): string {
  const x = v[name];
  if (x === undefined || x.trim() === '') throw new Usage(`${command} needs --${name}`);
  return x;
}

function quantity(option: string, text: string): Quantity {
  const m = /^\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)\s*([A-Za-z][A-Za-z0-9_.]*)\s*$/i.exec(text);
  if (!m) throw new Usage(`--${option} needs a quantity and its unit, e.g. --${option} 12 cs (not "${text}")`);
  return { quantity: Number(m[1]), uom: m[2]! };
}

/** A date alone on the recall's first day is its start, as in the app (engine/recall/consignees.ts: followUpInstant). */
function instant(option: string, text: string, zone: string, startedAt: number): number {
  try {
    return followUpInstant(text, zone, startedAt);
  } catch (e) {
    if (e instanceof DateError) throw new Usage(`--${option} must be a date YYYY-MM-DD or a date-time, not "${text}": ${e.message}`);
    throw e;
  }
}

function safeName(...parts: string[]): string {
  return parts.filter(Boolean).join('-').replace(/[^A-Za-z0-9._-]+/g, '_');
}

async function guard(io: Io, usage: string, run: () => Promise<number>): Promise<number> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof Usage) {
      io.err(`lottrace: ${e.message}\n\nusage:\n${usage}`);
      return 2;
    }
    throw e;
  }
}

export function runRecallLetters(v: FollowUpValues, open: () => Engine, gate: Gate, io: Io): Promise<number> {
  return guard(io, RECALL_FOLLOW_UP_USAGE, async () => {
    const code = need(v, 'recall', 'recall-letters');
    const out = resolve(need(v, 'out', 'recall-letters'));
    const engine = open();
    if (v.reprint) {
      if (v.each !== undefined) throw new Usage('--reprint writes the letters as they were sent in one file; it does not take --each');
      const info = recallInfo(engine.db, findRecall(engine.db, code));
      const sent = sentLetters(engine.db, info.code);
      writeFileSync(out, sent.bytes);
      const result = { recall: info.code, out, report_id: sent.report.report_id, issued_at: sent.report.issued_at, issued_by: sent.report.issued_by, pages: sent.report.pages };
      if (v.json) io.out(JSON.stringify(result, null, 2));
      else io.out(`letters of recall ${info.code} as sent (report ${sent.report.report_id}, issued ${sent.report.issued_at} by ${sent.report.issued_by}, ${sent.report.pages} pages) written to ${out}`);
      return 0;
    }
    const id = findRecall(engine.db, code);
    const info = recallInfo(engine.db, id);
    const consignees = loadRecall(engine, id).consignees;
    const user = (await gate('read')).name;
    const all = await issueRecallLetters(engine, id, out, { user });
    const each: { customer: string; ship_to: string; file: string; report_id: string }[] = [];
    if (v.each !== undefined) {
      const dir = resolve(v.each);
      mkdirSync(dir, { recursive: true });
      for (const c of consignees) {
        const file = join(dir, `${safeName(info.code, 'letter', c.customer, c.ship_to)}.pdf`);
        const r = await issueRecallLetters(engine, id, file, { user, only: { customer: c.customer, ship_to: c.ship_to } });
        each.push({ customer: c.customer, ship_to: c.ship_to, file, report_id: r.report_id });
      }
    }
    const result = { recall: info.code, letters: consignees.length, out, report_id: all.report_id, pages: all.pages, ...(v.each !== undefined ? { each } : {}) };
    if (v.json) io.out(JSON.stringify(result, null, 2));
    else {
      io.out([`${consignees.length} letter${consignees.length === 1 ? '' : 's'} of recall ${info.code} (report ${all.report_id}, ${all.pages} pages) written to ${out}`,
        ...each.map((e) => `  ${e.customer}${e.ship_to ? ` / ${e.ship_to}` : ''}: ${e.file} (report ${e.report_id})`)].join('\n'));
    }
    return 0;
  });
}

/** The ship-to a response is for: the one given, else the customer's only consignee row in the recall. */
function shipTo(engine: Engine, id: number, customer: string, given: string | undefined): string {
  if (given !== undefined) return given;
  const rows = loadRecall(engine, id).consignees.filter((c) => c.customer === customer).map((c) => c.ship_to);
  if (rows.length > 1) throw new Usage(`${customer} received the recall's lots at ${rows.length} places (${rows.join('; ')}): give --ship-to`);
  return rows[0] ?? '';
}

export function runConsigneeResponse(v: FollowUpValues, open: () => Engine, gate: Gate, io: Io): Promise<number> {
  return guard(io, RECALL_FOLLOW_UP_USAGE, async () => {
    const code = need(v, 'recall', 'consignee-response');
    const customer = need(v, 'customer', 'consignee-response');
    const notify = v.notified !== undefined;
    const respond = v.responded !== undefined;
    if (notify === respond) throw new Usage('consignee-response needs either --notified DATE --method METHOD or --responded DATE');
    const quantities = QUANTITY_OPTIONS.filter((q) => v[q] !== undefined);
    if (notify && quantities.length) throw new Usage(`--${quantities.join(', --')} go${quantities.length === 1 ? 'es' : ''} with --responded, not --notified`);
    if (notify && (v.method === undefined || !(NOTIFY_METHODS as readonly string[]).includes(v.method.trim().toLowerCase().replace(/[-\s]/g, '')))) {
      throw new Usage(`--notified needs --method ${NOTIFY_METHODS.join('|')}${v.method === undefined ? '' : `, not "${v.method}"`}`);
    }
    if (respond && v.method !== undefined) throw new Usage('--method goes with --notified');
    const parsed = Object.fromEntries(quantities.map((q) => [q, quantity(q, v[q]!)])) as Partial<Record<(typeof QUANTITY_OPTIONS)[number], Quantity>>;
    const engine = open();
    const id = findRecall(engine.db, code);
    const zone = engine.settings.timezone;
    const at = instant(notify ? 'notified' : 'responded', (notify ? v.notified : v.responded)!, zone, Date.parse(recallInfo(engine.db, id).started_at));
    const ship = shipTo(engine, id, customer, v['ship-to']);
    const user = (await gate('consignee-entry')).name;
    const who = `${customer}${ship ? ` / ${ship}` : ''}`;
    if (notify) {
      recordNotification(engine.db, id, { customer, ship_to: ship, at, method: v.method!, user, ...(v.note ? { note: v.note } : {}) });
      const result = { recall: code, customer, ship_to: ship, notified_at: new Date(at).toISOString(), method: notifyMethod(v.method!), user };
      io.out(v.json ? JSON.stringify(result, null, 2) : `${who}: notified ${v.notified} by ${result.method} (recorded by ${user})`);
      return 0;
    }
    const input: ConsigneeResponseInput = {
      customer, ship_to: ship, responded_at: at, user, ...(v.note ? { note: v.note } : {}),
      ...(parsed['on-hand'] ? { on_hand: parsed['on-hand'] } : {}), ...(parsed.returned ? { returned: parsed.returned } : {}),
      ...(parsed.destroyed ? { destroyed: parsed.destroyed } : {}), ...(parsed.corrected ? { corrected: parsed.corrected } : {}),
    };
    const r = recordConsigneeResponse(engine.db, id, input);
    if (v.json) io.out(JSON.stringify({ recall: code, ...r }, null, 2));
    else {
      const q = (x: Quantity | null): string => (x ? formatQuantities([x]) : '-');
      io.out(`${who}: response ${r.supersedes === null ? 'recorded' : `recorded, correcting response ${r.supersedes} (kept in the history)`}: responded ${v.responded}, `
        + `on hand ${q(r.on_hand)}, returned ${q(r.returned)}, destroyed ${q(r.destroyed)}, corrected ${q(r.corrected)}`);
    }
    return 0;
  });
}

export function runRecallStatus(v: FollowUpValues, open: () => Engine, gate: Gate, io: Io): Promise<number> {
  return guard(io, RECALL_FOLLOW_UP_USAGE, async () => {
    const code = need(v, 'recall', 'recall-status');
    const engine = open();
    const id = findRecall(engine.db, code);
    const zone = engine.settings.timezone;
    const status = recallStatus(engine, id);
    const notes: string[] = [];
    if (v.pdf !== undefined) {
      const pdf = resolve(v.pdf);
      const r = await issueRecallStatusReport(engine, id, pdf, { user: (await gate('read')).name });
      notes.push(`status report ${r.report_id} written to ${pdf}`);
    }
    if (v.csv !== undefined) {
      const csv = resolve(v.csv);
      writeRecallStatusCsv(status, zone, csv);
      notes.push(`status CSV written to ${csv}`);
    }
    const json = statusJson(status);
    if (v.json) {
      io.out(JSON.stringify(json, null, 2));
      for (const n of notes) io.err(n);
      return 0;
    }
    const e = status.effectiveness;
    const q = (list: readonly Quantity[]): string => (list.length ? formatQuantities(list) : '0');
    io.out([
      `recall ${status.recall.code}: ${e.notified} of ${e.total} consignees notified, ${e.responded} responded`,
      `on hand at consignees when notified: ${q(status.on_hand)}; returned ${q(status.returned)}; destroyed ${q(status.destroyed)}; corrected ${q(status.corrected)}`,
      `effectiveness check: ${status.check.level ? `level ${status.check.level}, ${status.check.needed} consignees to reach, ${status.check.responded} responded: ${status.check.met ? 'met' : 'not met yet'}` : 'no level on record'}`,
      `estimated completion: ${status.estimated_completion ?? 'not estimable yet'} (${status.estimate_basis})`,
      '',
      formatTable(['customer', 'ship to', 'notified', 'method', 'responded', 'on hand', 'returned', 'destroyed'],
        e.consignees.map((c) => [c.customer, c.ship_to, plantTime(c.notified_at, zone), c.method || '-', plantTime(c.responded_at, zone, true), q(c.on_hand_when_notified), q(c.returned), q(c.destroyed)])),
      ...notes,
    ].join('\n'));
    return 0;
  });
}
