/**
 * Getting the picture and the node list out of the graph: PNG of the whole
 * graph (for the investigation file, and as base64 for reports that embed
 * it) and CSV of the nodes, downloaded through a blob URL so it works the
 * same in Electron and in the browser.
 */
import type { Core } from 'cytoscape';
import { nodesCsv, type GraphModel } from './graph-model';
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
