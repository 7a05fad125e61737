/**
 * `lottrace recall`: opens a recall (or a mock recall, or only previews
 * one) from lots, a supplier lot or an ingredient over a date range, prints
 * the affected lots, shipments, consignees and mass balances, optionally
 * puts every affected lot on hand on hold and writes the PDF report. With
 * --recall CODE it reports on (or holds for) a recall opened earlier. A
 * stored recall's PDF is issued (recorded for `lottrace report verify`);
 * a preview's is not.
 * Returns the exit code: 0 ok, 1 rejected input, 2 usage.
 */
import { resolve } from 'node:path';
import type { Engine } from '../../engine/engine';
import { formatElapsed, MOCK_RECALL_TARGET_MS, mockRecallResult, type MockRecallResult } from '../../engine/recall/mock-recall';
import { computeRecall } from '../../engine/recall/recall';
import type { HoldResult, RecallClass, RecallDepth, RecallInfo, RecallResult, RecallScope } from '../../contract/dto/recall';
import { findRecall, holdAffectedLots, loadRecall, RECALL_CLASSES, RECALL_DEPTHS, recallInfo, RecallNotFoundError } from '../../engine/recall/recall-store';
import type { Permission } from '../../engine/users/roles';
import { completeRecallAs, openRecallAs, type Actor } from '../../engine/users/signed-actions';
import type { SignatureInfo } from '../../contract/dto/users';
import { RecallInputError, resolveScope } from '../../engine/recall/scope';
import { RecallFactsMissingError, updateRecallFacts, type RecallFactsInput } from '../../engine/recall/recall-facts';
import { formatNumber, formatQuantities } from '../../engine/recall/unit-totals';
import { formatTable } from './table';
import { osUser } from '../../engine/domain/os-user';
import { writeJson } from './json-out';

export const RECALL_USAGE = `  recall LOT... [--item ITEM] | --supplier-lot CODE [--supplier NAME] | --ingredient ITEM --from DATE --to DATE
         [--proposed-class I|II|III] [--reason TEXT] [--discovered TEXT] [--strategy TEXT] [--depth wholesale|retail|consumer]
         [--contact-name NAME --contact-title TEXT --contact-phone PHONE [--contact-email ADDR]]
         [--discovered-on DATE] [--hazard TEXT --hazard-by NAME --hazard-on DATE]
         [--public-warning none|general|local] [--effectiveness A|B|C|D|E [--effectiveness-pct N]]
         [--mock [--scenario TEXT] [--team TEXT]] [--hold] [--pdf FILE] [--user NAME] [--json]
                                    affected lots, consignees and mass balance of a recall; stored when
                                    --reason is given or --mock, else a preview. A real recall needs every
                                    21 CFR 7.46(a) fact above (all but --contact-email, --effectiveness-pct
                                    except for level B); a mock may leave them out. --class is --proposed-class
                                    (FDA assigns the class). --hold puts every affected lot on hand on hold.
                                    --mock starts a mock recall exercise: its timer runs until --close
  recall --recall CODE [fact options] [--hold] [--close [--corrective TEXT]] [--pdf FILE] [--json]
                                    the same for a recall opened earlier; fact options record a new version
                                    of its facts (earlier ones are kept); --close closes it (for a mock: stops
                                    the timer; the report prints elapsed time against the 4 h target)
                                    (in Part 11 mode opening and closing are signed: --as NAME [--meaning TEXT])`;

/** The CLI option that gives each 7.46(a) fact, for "missing" messages. */
const FACT_OPTIONS: Record<string, string> = {
  contact_name: '--contact-name', contact_title: '--contact-title', contact_phone: '--contact-phone', discovered_on: '--discovered-on',
  discovered: '--discovered', hazard: '--hazard', hazard_by: '--hazard-by', hazard_on: '--hazard-on', public_warning: '--public-warning',
  effectiveness_level: '--effectiveness',
};

function factsOf(v: RecallValues): RecallFactsInput {
  const f: RecallFactsInput = {};
  const set = <K extends keyof RecallFactsInput>(k: K, x: RecallFactsInput[K] | undefined): void => {
    if (x !== undefined) f[k] = x;
  };
  set('contact_name', v['contact-name']);
  set('contact_title', v['contact-title']);
  set('contact_phone', v['contact-phone']);
  set('contact_email', v['contact-email']);
  set('discovered_on', v['discovered-on']);
  set('hazard', v.hazard);
  set('hazard_by', v['hazard-by']);
  set('hazard_on', v['hazard-on']);
  set('public_warning', v['public-warning']);
  set('effectiveness_level', v.effectiveness);
  if (v['effectiveness-pct'] !== undefined) {
    const n = Number(v['effectiveness-pct']);
    if (v['effectiveness-pct'].trim() === '' || !Number.isFinite(n)) throw new Usage(`--effectiveness-pct must be a number, not "${v['effectiveness-pct']}"`);
    f.effectiveness_pct = n;
  }
  return f;
}

export interface RecallValues {
  json?: boolean;
  item?: string;
  depth?: string;
  reason?: string;
  user?: string;
  from?: string;
  to?: string;
  supplier?: string;
  'supplier-lot'?: string;
  ingredient?: string;
  class?: string;
  discovered?: string;
  strategy?: string;
  mock?: boolean;
  scenario?: string;
  team?: string;
  corrective?: string;
  hold?: boolean;
  pdf?: string;
  recall?: string;
  close?: boolean;
  'contact-name'?: string;
  'contact-title'?: string;
  'contact-phone'?: string;
  'contact-email'?: string;
  'discovered-on'?: string;
  hazard?: string;
  'hazard-by'?: string;
  'hazard-on'?: string;
  'proposed-class'?: string;
  'public-warning'?: string;
  effectiveness?: string;
  'effectiveness-pct'?: string;
}

/** Who acts, checked by the CLI's write gate for the permission the step needs. */
export type Gate = (permission: Permission) => Promise<Actor>;

interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

class Usage extends Error {}

function scopeOf(args: string[], v: RecallValues): RecallScope {
  const given = [args.length > 0, v['supplier-lot'] !== undefined, v.ingredient !== undefined].filter(Boolean).length;
  if (given !== 1) throw new Usage('recall needs exactly one starting point: LOT..., --supplier-lot CODE or --ingredient ITEM --from DATE --to DATE');
  if (args.length > 0) return { kind: 'lots', lots: args.map((lot) => (v.item ? { lot, item: v.item } : { lot })) };
  if (v['supplier-lot'] !== undefined) {
    return { kind: 'supplier_lot', supplier_lot: v['supplier-lot'], ...(v.supplier ? { supplier: v.supplier } : {}), ...(v.item ? { item: v.item } : {}) };
  }
  if (!v.from || !v.to) throw new Usage('--ingredient needs --from DATE and --to DATE');
  return { kind: 'ingredient', item: v.ingredient!, from: v.from, to: v.to };
}

export async function runRecall(args: string[], v: RecallValues, open: () => Engine, gate: Gate, io: Io): Promise<number> {
  try {
    return await run(args, v, open, gate, io);
  } catch (e) {
    if (e instanceof Usage) {
      io.err(`lottrace: ${e.message}\n\nusage:\n${RECALL_USAGE}`);
      return 2;
    }
    if (e instanceof RecallFactsMissingError) {
      io.err(`lottrace: ${e.message}\n  give: ${e.missing.map((m) => `${FACT_OPTIONS[m.field] ?? m.field} (${m.label})`).join(', ')}`);
      return 1;
    }
    if (e instanceof RecallInputError || e instanceof RecallNotFoundError) {
      io.err(`lottrace: ${e.message}`);
      return 1;
    }
    throw e;
  }
}

async function run(args: string[], v: RecallValues, open: () => Engine, gate: Gate, io: Io): Promise<number> {
  const depth = v.depth as RecallDepth | undefined;
  if (depth !== undefined && !RECALL_DEPTHS.includes(depth)) throw new Usage('--depth must be wholesale, retail or consumer for a recall');
  if (v.class !== undefined && v['proposed-class'] !== undefined && v.class !== v['proposed-class']) throw new Usage('--class and --proposed-class disagree; give one');
  const cls = (v['proposed-class'] ?? v.class) as RecallClass | undefined;
  if (cls !== undefined && !RECALL_CLASSES.includes(cls)) throw new Usage('--proposed-class must be I, II or III');
  const factChanges = factsOf(v);
  const factsGiven = Object.keys(factChanges).length > 0;
  if (!v.mock && (v.scenario || v.team) ) throw new Usage('--scenario and --team are for --mock');
  if (!v.close && v.corrective) throw new Usage('--corrective goes with --close: corrective actions are recorded when the recall (or the mock recall exercise) is completed');
  if (v.close && v.recall === undefined) throw new Usage('--close needs --recall CODE');
  const signatures: SignatureInfo[] = [];
  let user = '';

  let result: RecallResult;
  let info: RecallInfo | null = null;
  let mock: MockRecallResult | null = null;
  if (v.recall !== undefined) {
    if (args.length || v['supplier-lot'] !== undefined || v.ingredient !== undefined || v.mock) throw new Usage('--recall CODE takes no starting point or --mock');
    const engine = open();
    let id = findRecall(engine.db, v.recall);
    if (factsGiven) {
      const actor = await gate('recall-open');
      user = actor.name;
      const r = recallInfo(engine.db, id);
      updateRecallFacts(engine.db, r, factChanges, actor.name, engine.settings.timezone);
    }
    if (v.close) {
      const actor = await gate('recall-close');
      user = actor.name;
      const closed = completeRecallAs(engine, id, v.corrective ? { correctiveActions: v.corrective } : {}, actor);
      id = closed.id;
      if (closed.signature) signatures.push(closed.signature);
    }
    const stored = loadRecall(engine, id);
    info = stored.recall;
    result = stored;
    if (info.mock) mock = mockRecallResult(engine, id);
  } else {
    const scope = scopeOf(args, v);
    const engine = open();
    const store = v.mock === true || v.reason !== undefined;
    if (!store) {
      if (v.hold) throw new Usage('--hold needs a stored recall: give --reason and the 7.46(a) facts (or --mock)');
      result = computeRecall(engine.db, engine.genealogy(), engine.lots(), resolveScope(engine.db, scope, engine.settings.timezone));
      if (!v.json) io.err('preview only, nothing stored: give --reason and --class to open the recall');
    } else {
      if (!v.mock && cls === undefined) throw new Usage('a recall needs --proposed-class I, II or III (or --mock for an exercise)');
      if (!v.mock && depth === undefined) throw new Usage('a recall needs --depth wholesale, retail or consumer (its strategy, 21 CFR 7.42(b)(1))');
      const actor = await gate('recall-open');
      user = actor.name;
      const opened = openRecallAs(engine, {
        scope, class: cls ?? 'II', depth: depth ?? 'retail', ...(factsGiven ? { facts: factChanges } : {}), reason: v.reason ?? (v.scenario || 'mock recall exercise'),
        ...(v.discovered ? { discovered: v.discovered } : {}), ...(v.strategy ? { strategy: v.strategy } : {}),
        ...(v.mock ? { mock: true, ...(v.scenario ? { scenario: v.scenario } : {}), ...(v.team ? { team: v.team } : {}) } : {}),
      }, actor);
      if (opened.signature) signatures.push(opened.signature);
      info = opened.recall;
      result = opened;
      if (v.mock) {
        // The exercise's clock runs from now until someone completes it (--recall CODE --close).
        mock = mockRecallResult(engine, info.id);
        result = mock;
      }
    }
  }

  let hold: HoldResult | null = null;
  if (v.hold) {
    if (!user) user = (await gate('hold')).name;
    hold = holdAffectedLots(open(), info!.id, user);
  }

  let pdf: string | null = null;
  let reportId: string | null = null;
  if (v.pdf) {
    pdf = resolve(v.pdf);
    const engine = open();
    if (info) {
      // A stored recall's report is issued: recorded with its file hash (lottrace report verify).
      if (!user) user = (await gate('read')).name;
      const issued = await (await import('../../engine/reports/report-issuer')).issueRecallReport(engine, info.id, pdf, { user });
      reportId = issued.report_id;
    } else {
      const preview: RecallInfo = {
        id: 0, code: 'PREVIEW', mock: false, class: cls ?? 'II', depth: depth ?? 'retail', reason: v.reason ?? '(preview)', discovered: v.discovered ?? '',
        strategy: v.strategy ?? '', scope: scopeOf(args, v), scope_text: '', scenario: '', team: '', corrective_actions: '', created_by: v.user ?? osUser(),
        started_at: new Date().toISOString(), completed_at: null, completed_by: null, elapsed_ms: null, facts: null,
      };
      const { describeScope } = await import('../../engine/recall/scope');
      preview.scope_text = describeScope(preview.scope);
      await (await import('../../engine/reports/recall-report')).writeRecallReport(engine, { recall: preview, ...result }, pdf);
    }
  }

  const data = {
    recall: info,
    implicated: result.implicated,
    lots: result.lots,
    shipments: result.shipments,
    consignees: result.consignees,
    products: result.products,
    totals: result.totals,
    mass_balance: result.mass_balance,
    ...(mock ? {
      mock: {
        started_at: mock.recall.started_at, opened_by: mock.recall.created_by, completed_at: mock.recall.completed_at, completed_by: mock.recall.completed_by,
        elapsed_ms: mock.elapsed_ms, target_ms: mock.target_ms, within_target: mock.within_target, fully_accounted: mock.fully_accounted, gaps: mock.gaps,
        reconciliation: mock.reconciliation, forward: mock.forward,
      },
    } : {}),
    ...(hold ? { hold } : {}),
    ...(pdf ? { pdf } : {}),
    ...(reportId ? { report_id: reportId } : {}),
    ...(signatures.length ? { signatures } : {}),
  };
  if (v.json) {
    writeJson(data, io.out);
    return 0;
  }
  const parts = [
    info
      ? `${info.mock ? 'mock recall' : 'recall'} ${info.code} (class ${info.class}, ${info.depth}): ${info.reason}`
      : 'recall preview (not stored)',
    `implicated: ${result.implicated.map((l) => `${l.item}/${l.lot}`).join(', ')}; ${result.lots.length} lots affected, ${result.consignees.length} consignees, shipped ${formatQuantities(result.totals.shipped)}, on hand ${formatQuantities(result.totals.on_hand)}`,
    '',
    formatTable(['item', 'lot', 'implicated', 'hops', 'status', 'quantity', 'consumed', 'shipped', 'on hand', 'uom', 'location'],
      result.lots.map((l) => [l.item, l.lot, l.implicated ? 'yes' : '', l.depth, l.status, l.quantity, l.consumed, l.shipped, l.on_hand, l.uom, l.location])),
  ];
  if (result.consignees.length > 0) {
    parts.push('', 'consignees', formatTable(['customer', 'ship to', 'quantity', 'lots', 'shipments'],
      result.consignees.map((c) => [c.customer, c.ship_to, formatQuantities(c.quantities), c.lots.map((l) => `${l.item}/${l.lot}`).join(' '), c.shipments])));
  }
  parts.push('', 'mass balance of the implicated lots', formatTable(['item', 'lot', 'in', 'consumed', 'shipped', 'on hand', 'unaccounted', 'uom', 'accounted %'],
    result.mass_balance.map((m) => [m.item, m.lot, m.received + m.produced, m.consumed, m.shipped, m.on_hand, m.unaccounted, m.uom, m.accounted_pct ?? '-'])));
  for (const m of result.mass_balance) for (const g of m.gaps) parts.push(`gap: ${m.item}/${m.lot}: ${g}`);
  if (mock) parts.push('', ...mockRecallLines(mock));
  if (hold) {
    parts.push('', `hold: ${hold.held.length} lots put on hold${hold.skipped.length ? `, ${hold.skipped.length} left as they were (${hold.skipped.map((s) => `${s.item}/${s.lot} ${s.status}`).join(', ')})` : ''}, ${hold.not_on_hand} with nothing on hand`);
  }
  for (const s of signatures) parts.push('', `signed ${s.meaning} by ${s.printed_name} (${s.user}) at ${s.at} [${s.zone}]: ${s.status}`);
  if (pdf) parts.push('', reportId ? `report ${reportId} written to ${pdf}` : `preview report (not issued) written to ${pdf}`);
  io.out(parts.join('\n'));
  return 0;
}

/** The exercise's clock (against the 4 h target), who ran it, and the reconciliation forward to each consignee. */
function mockRecallLines(mock: MockRecallResult): string[] {
  const info = mock.recall;
  const target = formatElapsed(MOCK_RECALL_TARGET_MS);
  const lines = [
    `mock recall ${info.code}: opened ${info.started_at} by ${info.created_by}; ` +
      (info.completed_at ? `completed ${info.completed_at} by ${info.completed_by ?? '-'}` : 'not completed: the timer is running'),
    mock.elapsed_ms === null
      ? `elapsed: timer running (target ${target}); complete it with: lottrace recall --recall ${info.code} --close [--corrective TEXT]`
      : `elapsed ${formatElapsed(mock.elapsed_ms)} against the ${target} target: ${mock.within_target ? 'PASS' : 'FAIL'}`,
    '',
    'reconciliation from the implicated lots forward, per stage and unit family',
    formatTable(['stage', 'unit', 'lots', 'in', 'consumed', 'shipped', 'adjusted', 'on hand', 'unaccounted', 'accounted %'],
      mock.forward.stages.flatMap((s) => s.per_unit.map((u) => [s.stage, u.uom, u.lots, u.in, u.consumed, u.shipped, u.adjusted, u.on_hand, u.unaccounted, u.accounted_pct ?? '-']))),
  ];
  if (mock.forward.consignees.length > 0) {
    lines.push('', 'shipped to each consignee', formatTable(['customer', 'ship to', 'shipped', 'lots', 'shipments'],
      mock.forward.consignees.map((c) => [c.customer, c.ship_to, formatQuantities(c.shipped), c.lots, c.shipments])));
    lines.push(`shipped to ${mock.forward.consignees.length} consignees: ${mock.forward.shipped_to_consignees.map((q) => `${formatNumber(q.quantity)} ${q.uom}`).join('; ')}`);
  }
  // The implicated lots' gaps are printed under their mass balance already.
  const printed = mock.mass_balance.map((m) => `${m.item} / ${m.lot}: `);
  for (const g of mock.gaps) if (!g.startsWith('the mock recall has not been completed') && !printed.some((p) => g.startsWith(p))) lines.push(`gap: ${g}`);
  lines.push(mock.fully_accounted ? '100 % accounted for in every stage and unit family, no gap open' : `NOT fully accounted for (${mock.gaps.length} gaps)`);
  return lines;
}
