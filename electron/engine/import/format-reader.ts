/**
 * The one interface every input format implements (CSV, JSON batch records,
 * EPCIS): import-file.ts reads a file's first bytes, asks each reader in turn
 * whether the file is its format, and hands the file to the first that
 * says yes. The readers depend on this module, never on import-file.ts.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { Db } from '../db/database';
import type { PlantSettings } from '../../contract/dto/settings';
import type { ImportCounts } from './import-result';
import type { MappingProfile } from './mapping-profile';
import type { RecordWriter } from './record-writer';
import type { ProblemList } from './records';

/** How much of a file the readers sniff. */
export const HEAD_BYTES = 4096;

/** The start of a file, for sniffing its format. */
export interface FileHead {
  /** The file's path (its extension may say the format). */
  name: string;
  /** Its first HEAD_BYTES bytes (fewer if it is shorter). */
  bytes: Buffer;
  /** Whether `bytes` is the whole file. */
  complete: boolean;
}

/** What a reader works with: one open import transaction and its writer. */
export interface ReadContext {
  db: Db;
  /** The name problems are reported under. */
  file: string;
  importId: number;
  /** Who runs the import (recorded with what it changes beyond its own rows, such as retractions). */
  user: string;
  settings: PlantSettings;
  writer: RecordWriter;
  errors: ProblemList;
  warnings: ProblemList;
  /** Read the file through this mapping profile instead of the canonical layouts (CSV only). */
  profile: MappingProfile | undefined;
}

export interface ReadOutcome extends ImportCounts {
  /**
   * Work to run after the writer has flushed its lot totals, before the
   * commit (EPCIS: undoing retracted events of earlier imports).
   */
  afterWriterFinish?: () => void;
}

export interface FormatReader {
  /** Whether the file is this reader's format, judged from its name and first bytes. */
  sniff(head: FileHead): boolean;
  /**
   * Whether the writer may defer new lot rows to its flush (record-writer.ts):
   * only when nothing but the writer reads the lot table until it finishes.
   */
  deferLotRows: boolean;
  /** Reads the file and applies its records through ctx.writer; problems go to ctx.errors and ctx.warnings. */
  read(path: string, ctx: ReadContext): Promise<ReadOutcome>;
}

export function readHead(path: string): FileHead {
  const bytes = Buffer.alloc(HEAD_BYTES);
  const fd = openSync(path, 'r');
  try {
    const n = readSync(fd, bytes, 0, bytes.length, 0);
    return { name: path, bytes: bytes.subarray(0, n), complete: fstatSync(fd).size <= HEAD_BYTES };
  } finally {
    closeSync(fd);
  }
}
