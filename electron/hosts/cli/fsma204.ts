/**
 * `lottrace fsma204 (--from DATE --to DATE | --lot TLC...) [--no-follow] [--all-items]
 * [--request TEXT] --out FILE.xlsx|FILE.csv`: the FSMA 204 sortable spreadsheet
 * FDA may ask for within 24 hours (cover sheet first; a CSV gets FILE-cover.csv).
 * Returns the exit code: 0 ok, 1 rejected input, 2 usage.
 */
import { resolve } from 'node:path';
import type { Engine } from '../../engine/engine';
import { Fsma204Error, writeFsma204 } from '../../engine/export/fsma204';

export const FSMA204_USAGE = `  fsma204 [--from DATE --to DATE] [--lot TLC]... [--follow | --no-follow] [--all-items]
          [--request TEXT] --out FILE.xlsx|FILE.csv
                                    FSMA 204 sortable spreadsheet: a Cover sheet, then Receiving,
                                    Transformation and Shipping events for the dates and/or lots;
                                    --lot follows each lot through transformations unless --no-follow;
                                    only foods flagged FTL unless --all-items (all when none is flagged)`;

interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

export async function runFsma204(args: string[], v: { json?: boolean; from?: string; to?: string; lot?: string | string[]; out?: string; follow?: boolean; 'no-follow'?: boolean; 'all-items'?: boolean; request?: string; user?: string }, open: () => Engine, io: Io): Promise<number> {
  const usage = (m: string): number => {
    io.err(`lottrace: ${m}\n\nusage:\n${FSMA204_USAGE}`);
    return 2;
  };
  if (args.length > 0) return usage('fsma204 takes no positional arguments (lots go with --lot)');
  if (!v.out) return usage('fsma204 needs --out FILE.xlsx or FILE.csv');
  if (v.follow && v['no-follow']) return usage('give --follow or --no-follow, not both');
  const lots = v.lot === undefined ? [] : Array.isArray(v.lot) ? v.lot : [v.lot];
  try {
    const r = await writeFsma204(
      open(),
      {
        ...(v.from ? { from: v.from } : {}), ...(v.to ? { to: v.to } : {}), lots, follow: v['no-follow'] !== true, allItems: v['all-items'] === true,
        ...(v.request ? { request: v.request } : {}), ...(v.user ? { user: v.user } : {}),
      },
      resolve(v.out),
    );
    io.out(v.json ? JSON.stringify(r, null, 2) : `${r.path}: ${r.rows.Receiving} receiving, ${r.rows.Transformation} transformation, ${r.rows.Shipping} shipping rows`);
    return 0;
  } catch (e) {
    if (e instanceof Fsma204Error) {
      io.err(`lottrace: ${e.message}`);
      return 1;
    }
    throw e;
  }
}
