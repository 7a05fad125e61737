/**
 * The production batches a file's rows refer to, cached by code while it
 * imports: created on first use, or read back from the database (with their
 * outputs) when the code is already on record. Rows of one batch must agree
 * on when it was produced.
 */
import type { ProductionRecord, RecordSource } from '../records';
import type { MasterData } from './master-data';
import type { BatchState, WriterReport } from './state';
import type { WriterStatements } from './statements';

/** Batches cached per file (about 250 bytes each); rows of one batch are normally together in a file. */
export const BATCH_CACHE_LIMIT = 100_000;

export class BatchCache {
  private readonly batches = new Map<string, BatchState>();
  /**
   * The batch of the previous production row: rows of one batch come
   * together, so most rows skip a look-up in a large map (map look-ups were
   * 7% of the importing thread).
   */
  private lastBatch: BatchState | undefined;
  /** The first batch this file created: every later one has a higher id. */
  firstNewBatch: number | undefined;

  constructor(
    private readonly s: WriterStatements,
    private readonly master: MasterData,
    private readonly importId: number | null,
    private readonly report: WriterReport,
    private readonly limit: number,
  ) {}

  /** The production row's batch, or undefined (an error reported) when the row contradicts it. */
  batch(rec: ProductionRecord, source: RecordSource): BatchState | undefined {
    let batch = this.lastBatch !== undefined && this.lastBatch.code === rec.batch ? this.lastBatch : this.batches.get(rec.batch);
    if (!batch) {
      // Most batches are new: try the insert first and look up only when the
      // code is taken; unless the location is new, which an existing batch must not create.
      const inserted = rec.location === '' || this.master.hasLocation(rec.location) ? this.s.insertBatch.run(rec.batch, rec.producedAt, this.master.location(rec.location), this.importId) : undefined;
      const row = inserted?.changes === 1 ? undefined : (this.s.batchByCode.get(rec.batch) as { id: number; produced_at: number; import_id: number | null; location_id: number | null } | undefined);
      if (row) {
        // A batch of this file dropped from the cache is still this file's (its rows must agree, as before).
        batch = { id: row.id, code: rec.batch, producedAt: row.produced_at, producedAtSource: {}, location: row.location_id, outputs: [], existedBefore: row.import_id !== this.importId || this.importId === null };
        for (const o of this.s.batchOutputs.all(row.id) as { lot_id: number; quantity: number; uom: string }[]) {
          batch.outputs.push({ lotId: o.lot_id, quantity: o.quantity, uom: o.uom, source: {} });
        }
      } else {
        const location = this.master.location(rec.location);
        const id = Number((inserted ?? this.s.insertBatch.run(rec.batch, rec.producedAt, location, this.importId)).lastInsertRowid);
        batch = { id, code: rec.batch, producedAt: rec.producedAt, producedAtSource: source, location, outputs: [], existedBefore: false };
        this.firstNewBatch ??= id;
      }
      if (this.batches.size >= this.limit) this.dropBatches();
      this.batches.set(rec.batch, batch);
    }
    this.lastBatch = batch;
    if (batch.producedAt !== rec.producedAt) {
      const when = new Date(batch.producedAt).toISOString();
      if (batch.existedBefore && batch.producedAtSource.line === undefined && batch.producedAtSource.path === undefined) {
        this.report.warning(source, `batch ${rec.batch} was recorded as produced at ${when}; kept that time`, undefined, 'produced_at', { kind: 'batch_time_kept' });
      } else {
        const where = batch.producedAtSource.line !== undefined ? `line ${batch.producedAtSource.line}` : batch.producedAtSource.path ?? 'an earlier record';
        this.report.error(source, `rows of batch ${rec.batch} disagree on produced_at (${when} at ${where})`, new Date(rec.producedAt).toISOString(), 'produced_at');
        return undefined;
      }
    }
    return batch;
  }

  /**
   * Empties the batch cache (memory stays bounded: at 1M lots a file's
   * batches held about 150 MB). A batch seen again is read back from the
   * database. Batches from earlier imports that this file added consumption
   * rows to are kept: what this file added to them is only known here.
   */
  private dropBatches(): void {
    for (const [code, batch] of this.batches) if (!batch.inputsHere) this.batches.delete(code);
  }
}
