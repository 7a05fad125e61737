/**
 * Issues reports: builds a report's data, prints it with a fresh report id
 * and the audit chain head as it stands, hashes the final PDF bytes and
 * records the issue (issued-reports.ts). If the record cannot be stored the
 * file is removed, so no PDF claims an issue that did not happen.
 *
 * reportData rebuilds the data of an issued report from its stored params,
 * with the same functions the issue used, so a verifier can tell whether the
 * database still gives the fingerprint the report printed.
 */
import { basename } from 'node:path';
import { readFileSync, rmSync } from 'node:fs';
import type { Engine } from '../engine';
import { mockRecallResult } from '../recall/mock-recall';
import { findRecall, loadRecall, recallInfo } from '../recall/recall-store';
import type { IssuedReport, ReportKind } from '../../contract/dto/reports';
import { graphPngSha256, lotTraceData, writeLotTraceReport, type LotTraceReportOptions } from './lot-trace-report';
import { IssuedReportError, newReportId, recordIssuedReport } from './issued-reports';
import { writeMockRecallReport } from './mock-recall-report';
import { recallReportData, writeRecallReport } from './recall-report';
import { fingerprint, type RenderOptions, type RenderResult } from './render';
import { reportOptions } from './report-context';
import { recallLetters, type RecallLetter } from '../recall/recall-letters';
import { recallStatus } from '../recall/recall-status';
import { writeRecallLetters } from './recall-letters-report';
import { writeRecallStatusReport } from './recall-status-report';
import { keepSentLetters } from './sent-letters';

export interface IssueOptions extends Partial<RenderOptions> {
  /** Who issues it: a signed-in user, or the OS account when Part 11 mode is off. */
  user: string;
}

async function issue(
  engine: Engine, path: string, kind: ReportKind, subject: string, params: Record<string, unknown>, options: IssueOptions,
  write: (overrides: Partial<RenderOptions>) => Promise<RenderResult>,
): Promise<IssuedReport> {
  const { user, ...overrides } = options;
  const reportId = overrides.reportId ?? newReportId();
  const settings = reportOptions(engine, { ...overrides, reportId });
  const at = Date.now();
  const r = await write(settings);
  try {
    const record = (): IssuedReport => recordIssuedReport(engine.db, {
      report_id: reportId, kind, subject, params, file_name: basename(path), file_sha256: r.sha256, file_size: r.size, pages: r.pages,
      fingerprint: r.fingerprint, chain_entries: settings.chain!.entries, chain_head: settings.chain!.head, issued_at: at, issued_by: user,
    });
    // The letters are what consignees receive: kept as sent, with their record (sent-letters.ts).
    if (kind !== 'recall-letters') return record();
    return engine.db.transaction(() => {
      const issued = record();
      keepSentLetters(engine.db, reportId, readFileSync(path));
      return issued;
    })();
  } catch (e) {
    rmSync(path, { force: true });
    throw e;
  }
}

/** The recall report, or the mock recall report for a mock recall, issued. */
export async function issueRecallReport(engine: Engine, recall: string | number, path: string, options: IssueOptions): Promise<IssuedReport> {
  const id = findRecall(engine.db, recall);
  const info = recallInfo(engine.db, id);
  const kind: ReportKind = info.mock ? 'mock-recall' : 'recall';
  return issue(engine, path, kind, info.code, { recall: info.code }, options, (o) =>
    info.mock ? writeMockRecallReport(engine, mockRecallResult(engine, id), path, o) : writeRecallReport(engine, loadRecall(engine, id), path, o));
}

/** The letters of a recall (21 CFR 7.49): one per consignee, or the one `only` names. */
function lettersData(engine: Engine, code: string, only?: { customer: string; ship_to: string }): RecallLetter[] {
  const letters = recallLetters(engine, loadRecall(engine, findRecall(engine.db, code)), only);
  if (only && letters.length === 0) throw new IssuedReportError(`${only.customer} / ${only.ship_to || '(no ship-to)'} is not a consignee of recall ${code}`);
  return letters;
}

/** The recall letters, issued: all consignees' in one PDF, or one consignee's (`only`). */
export async function issueRecallLetters(
  engine: Engine, recall: string | number, path: string, options: IssueOptions & { only?: { customer: string; ship_to: string } },
): Promise<IssuedReport> {
  const { only, ...rest } = options;
  const info = recallInfo(engine.db, findRecall(engine.db, recall));
  const letters = lettersData(engine, info.code, only);
  const subject = only ? `${info.code} / ${only.customer}${only.ship_to ? ` / ${only.ship_to}` : ''}` : info.code;
  const params = only ? { recall: info.code, customer: only.customer, ship_to: only.ship_to } : { recall: info.code };
  return issue(engine, path, 'recall-letters', subject, params, rest, (o) => writeRecallLetters(engine, letters, `Recall letter${only ? '' : 's'} ${info.code}`, path, o));
}

/** The recall status report (21 CFR 7.53), issued. */
export async function issueRecallStatusReport(engine: Engine, recall: string | number, path: string, options: IssueOptions): Promise<IssuedReport> {
  const id = findRecall(engine.db, recall);
  const info = recallInfo(engine.db, id);
  return issue(engine, path, 'recall-status', info.code, { recall: info.code }, options, (o) => writeRecallStatusReport(engine, recallStatus(engine, id), path, o));
}

/** One lot's traceability report, issued. */
export async function issueLotTraceReport(
  engine: Engine, lot: string, item: string | undefined, path: string, options: IssueOptions & Pick<LotTraceReportOptions, 'graphPng' | 'onRows'>,
): Promise<IssuedReport> {
  const { graphPng, onRows, ...rest } = options;
  const id = engine.resolveLot(lot, item);
  const root = engine.db.prepare('SELECT i.code AS item, l.code AS lot FROM lot l JOIN item i ON i.id = l.item_id WHERE l.id = ?').get(id) as { item: string; lot: string };
  const params = { item: root.item, lot: root.lot, graph_png_sha256: graphPngSha256(graphPng) };
  return issue(engine, path, 'lot-trace', `${root.item} / ${root.lot}`, params, rest, (o) =>
    writeLotTraceReport(engine, root.lot, root.item, path, { ...o, ...(graphPng ? { graphPng } : {}), ...(onRows ? { onRows } : {}) }));
}

/** The data an issued report was built from, as the database gives it now. Throws when its subject is gone. */
export function reportData(engine: Engine, report: Pick<IssuedReport, 'kind' | 'params'>): unknown {
  const p = report.params;
  switch (report.kind) {
    case 'recall':
      return recallReportData(engine, loadRecall(engine, findRecall(engine.db, String(p.recall))));
    case 'mock-recall':
      return mockRecallResult(engine, findRecall(engine.db, String(p.recall)));
    case 'lot-trace':
      return lotTraceData(engine, String(p.lot), String(p.item), typeof p.graph_png_sha256 === 'string' ? p.graph_png_sha256 : null);
    case 'recall-letters':
      return lettersData(engine, String(p.recall), typeof p.customer === 'string' ? { customer: p.customer, ship_to: String(p.ship_to ?? '') } : undefined);
    case 'recall-status':
      return recallStatus(engine, findRecall(engine.db, String(p.recall)));
  }
}

/** The data fingerprint the report's subject gives now. */
export function currentFingerprint(engine: Engine, report: Pick<IssuedReport, 'kind' | 'params'>): string {
  return fingerprint(reportData(engine, report));
}
