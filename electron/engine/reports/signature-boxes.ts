/**
 * The boxes of a report's signature block (21 CFR 11.50): a recorded
 * electronic signature (printed name, date and time with zone, meaning,
 * whether the signed record is unchanged), or a blank box to sign on paper.
 * ReportLayout.signatureBlock places them, two a row.
 */
import { FONT, FONT_BOLD } from './fonts';

/** An electronic signature as a report prints it. */
export interface PrintedSignature {
  printed_name: string;
  user: string;
  meaning: string;
  /** Date and time with the zone, e.g. "2026-03-15 10:04:07 CDT (America/Chicago)". */
  at: string;
  /** The signed record still hashes as it did when signed. */
  valid: boolean;
}

export const SIGNATURE_VALID_TEXT = 'valid';
export const SIGNATURE_INVALID_TEXT = 'INVALID — record changed since signing';

export function drawSignedBox(doc: PDFKit.PDFDocument, s: PrintedSignature, x: number, y: number, w: number): void {
  const opts = { width: w - 12, lineBreak: false, ellipsis: true } as const;
  doc.font(FONT_BOLD).fontSize(8).fillColor('#000').text(`Meaning: ${s.meaning}`, x + 6, y + 5, opts);
  doc.font(FONT).fontSize(7.5);
  doc.text(`Printed name: ${s.printed_name} (${s.user})`, x + 6, y + 20, opts);
  doc.text(`Signed: ${s.at}`, x + 6, y + 33, opts);
  doc.text('Electronic signature (21 CFR 11.50)', x + 6, y + 46, opts);
  doc.font(FONT_BOLD).fillColor(s.valid ? '#1a6d2a' : '#a00000').text(`Status: ${s.valid ? SIGNATURE_VALID_TEXT : SIGNATURE_INVALID_TEXT}`, x + 6, y + 60, opts);
  doc.fillColor('#000').font(FONT);
}

export function drawBlankBox(doc: PDFKit.PDFDocument, meaning: string, x: number, y: number, w: number): void {
  doc.font(FONT_BOLD).fontSize(8).fillColor('#000').text(`Meaning: ${meaning}`, x + 6, y + 5, { width: w - 12 });
  doc.font(FONT).fontSize(7.5);
  ['Printed name', 'Signature', 'Date and time (with time zone)'].forEach((label, j) => {
    const ly = y + 30 + j * 16;
    doc.text(label, x + 6, ly - 8, { width: w - 12, lineBreak: false });
    doc.moveTo(x + 6, ly + 6).lineTo(x + w - 6, ly + 6).lineWidth(0.4).strokeColor('#999').stroke();
  });
}
