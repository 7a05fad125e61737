/**
 * Where a trace gets the facts of the lots it reached. Two sources behind
 * one interface: SqlLotSource (here) asks the lot table for just those ids,
 * right for one-shot CLI calls; LotTable (memory/lot-table.ts) keeps every
 * lot's trace-relevant columns in memory for the app's reader.
 */
import type { Db } from '../db/database';
import { lotRowsByIds } from '../domain/lots';
import type { LotSummary } from '../../contract/dto/lots';

export interface LotSource {
  summaries(ids: number[]): Map<number, LotSummary>;
}

export class SqlLotSource implements LotSource {
  constructor(private readonly db: Db) {}

  summaries(ids: number[]): Map<number, LotSummary> {
    return lotRowsByIds(this.db, JSON.stringify(ids));
  }
}
