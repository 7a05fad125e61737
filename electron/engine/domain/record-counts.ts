/**
 * How many lots, items, suppliers, customers, receipts, batches and
 * shipments the database holds: the dashboard's first card, and a quick
 * sense of a plant's size.
 */
import type { Db } from '../db/database';
import type { DatabaseCounts } from '../../contract/dto/lots';

export function databaseCounts(db: Db): DatabaseCounts {
  const count = (sql: string): number => db.prepare(sql).pluck().get() as number;
  return {
    lots: count('SELECT count(*) FROM lot'),
    items: count('SELECT count(*) FROM item'),
    suppliers: count("SELECT count(*) FROM party WHERE role = 'supplier'"),
    customers: count("SELECT count(*) FROM party WHERE role = 'customer'"),
    receipts: count('SELECT count(*) FROM receipt'),
    batches: count('SELECT count(*) FROM batch'),
    shipments: count('SELECT count(*) FROM shipment'),
  };
}
