/**
 * `lottrace epcis-export`: writes a trace (LOT [--item] [--direction]) or a
 * date range (--from DATE --to DATE, plant-local dates, both inclusive) as
 * an EPCIS 2.0 JSON-LD document (electron/engine/epcis/epcis-export.ts).
 */
import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { partialFile, releasePartialFile } from '../../engine/files/partial-files';
import { resolve } from 'node:path';
import { parseInstant } from '../../engine/domain/dates';
import type { Engine } from '../../engine/engine';
import { exportRange, exportTrace } from '../../engine/epcis/epcis-export';
import type { TraceDirection } from '../../contract/dto/trace';
import { writeJson } from './json-out';

export class EpcisExportUsageError extends Error {}

export interface EpcisExportArgs {
  lot?: string | undefined;
  item?: string | undefined;
  direction?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  out?: string | undefined;
}

export function epcisExport(engine: Engine, args: EpcisExportArgs): { out: string; events: number } {
  if (!args.out) throw new EpcisExportUsageError('epcis-export needs --out FILE.jsonld');
  const tz = engine.settings.timezone;
  let doc: Record<string, unknown>;
  if (args.lot !== undefined) {
    if (args.from !== undefined || args.to !== undefined) throw new EpcisExportUsageError('give either LOT or --from/--to, not both');
    const direction = (args.direction ?? 'both') as TraceDirection;
    if (!['forward', 'backward', 'both'].includes(direction)) throw new EpcisExportUsageError('--direction must be forward, backward or both');
    doc = exportTrace(engine.db, tz, engine.trace(args.lot, args.item, { direction }));
  } else {
    if (args.from === undefined || args.to === undefined) throw new EpcisExportUsageError('epcis-export needs LOT or --from DATE --to DATE');
    const day = /^\d{4}-\d{2}-\d{2}$/;
    if (!day.test(args.from) || !day.test(args.to)) throw new EpcisExportUsageError('--from and --to must be dates (YYYY-MM-DD)');
    const from = parseInstant(args.from, tz);
    // --to is inclusive: up to the start of the next local day.
    const next = new Date(`${args.to}T00:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    const to = parseInstant(next.toISOString().slice(0, 10), tz);
    if (to <= from) throw new EpcisExportUsageError('--to is before --from');
    doc = exportRange(engine.db, tz, from, to);
  }
  const out = resolve(args.out);
  // Written in pieces (a silo lot's trace is hundreds of MB of JSON) to a file beside it, renamed when whole: never half a document under the name asked for.
  const partial = partialFile(out, 'partial');
  try {
    const fd = openSync(partial, 'w');
    try {
      writeJson(doc, (text) => writeAll(fd, Buffer.from(text.endsWith('\n') ? text : `${text}\n`)));
    } catch (e) {
      closeSync(fd);
      rmSync(partial, { force: true });
      throw e;
    }
    closeSync(fd);
    renameSync(partial, out);
  } finally {
    releasePartialFile(partial);
  }
  return { out, events: (doc.epcisBody as { eventList: unknown[] }).eventList.length };
}

/** writeSync until every byte is written (one call may write less). */
function writeAll(fd: number, bytes: Buffer): void {
  for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at);
}
