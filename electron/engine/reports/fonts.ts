/**
 * The fonts every report embeds: DejaVu Sans (regular and bold), shipped in
 * resources/fonts with its license. PDFKit's built-in Helvetica only covers
 * WinAnsi, so "Müller Öl GmbH" would survive but Polish, Czech or Turkish
 * supplier names would not; an embedded Unicode font prints them all and
 * PDFKit subsets it to the glyphs used.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const FONT = 'DejaVuSans';
export const FONT_BOLD = 'DejaVuSans-Bold';

/** resources/fonts beside the source tree; the packaged app passes its own resources path. */
export function fontDir(override?: string): string {
  const dir = override ?? process.env.LOTTRACE_FONTS ?? join(import.meta.dirname, '..', '..', '..', 'resources', 'fonts');
  if (!existsSync(join(dir, `${FONT}.ttf`))) throw new Error(`report font ${FONT}.ttf not found in ${dir}`);
  return dir;
}
