/**
 * Getting the picture and the node list out of the graph: PNG of the whole
 * graph (for the investigation file, and as base64 for reports that embed
 * it) and CSV of the nodes, downloaded through a blob URL so it works the
 * same in Electron and in the browser. The CSV goes through the one shared
 * writer (electron/shared/csv.ts) so a lot code or name that looks like a
 * spreadsheet formula opens as text.
 */
import type { Core } from 'cytoscape';
import { csvTable, type CsvCell } from '../../electron/shared/csv';
import type { GraphModel } from './graph-model';
import { downloadBlob } from '../components/files';

/** Chromium refuses canvases beyond about 16k px a side / 268M px; stay well inside. */
const MAX_SIDE = 16000;
const MAX_AREA = 120_000_000;

/** Scale 2 as asked for print, shrunk only when the whole graph would not fit a canvas. */
export function pngScale(width: number, height: number, wanted = 2): number {
  if (width <= 0 || height <= 0) return wanted;
  return Math.min(wanted, MAX_SIDE / width, MAX_SIDE / height, Math.sqrt(MAX_AREA / (width * height)));
}

function pngOptions(cy: Core): { full: true; scale: number; bg: string; maxWidth: number } {
  const bb = cy.elements().boundingBox();
  // maxWidth also stops Cytoscape multiplying by the screen's pixel ratio on top of our scale.
  return { full: true, scale: pngScale(bb.w, bb.h), bg: 'white', maxWidth: MAX_SIDE };
}

/** The whole graph as PNG, base64 without the data: prefix. */
export function graphPngBase64(cy: Core): string {
  return cy.png({ ...pngOptions(cy), output: 'base64' });
}

export function downloadPng(cy: Core, filename: string): void {
  downloadBlob(cy.png({ ...pngOptions(cy), output: 'blob' }), filename);
}

export function downloadCsv(model: GraphModel, filename: string): void {
  // A BOM so Excel opens the UTF-8 names (Müller, São Paulo) correctly.
  downloadBlob(new Blob(['\uFEFF', nodesCsv(model)], { type: 'text/csv;charset=utf-8' }), filename);
}

/** A file name from the root lot, safe on Windows. */
export function exportName(rootId: string, ext: string): string {
  return `genealogy-${rootId.replace(/^lot:/, '').replace(/[^A-Za-z0-9._-]+/g, '_')}.${ext}`;
}

const CSV_COLUMNS = [
  'id', 'type', 'kind', 'item', 'lot', 'description', 'status', 'expired', 'depth', 'side', 'quantity', 'uom', 'on_hand',
  'produced_at', 'expires_on', 'supplier', 'customer', 'ship_to', 'members',
] as const;

/** The nodes on screen as CSV (RFC 4180, CRLF), one row per node, for the investigation file. */
export function nodesCsv(model: GraphModel): string {
  const rows = model.nodes.map((n) => {
    const l = n.lot;
    const members = n.group ? (n.group.kind === 'lots' ? n.group.members.length : n.group.shipments.length) : '';
    const values: Record<(typeof CSV_COLUMNS)[number], CsvCell> = {
      id: n.id, type: n.type, kind: n.kind, item: l?.item, lot: l?.lot, description: l?.description, status: n.status,
      expired: n.type === 'lot' ? n.expired : '', depth: l?.depth, side: l?.side, quantity: l?.quantity, uom: l?.uom, on_hand: l?.on_hand,
      produced_at: l?.produced_at, expires_on: l?.expires_on, supplier: n.supplier, customer: n.customer?.name, ship_to: n.customer?.ship_to,
      members,
    };
    return CSV_COLUMNS.map((c) => values[c]);
  });
  return csvTable(CSV_COLUMNS, rows);
}
