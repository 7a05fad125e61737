/**
 * Line wrapping for report cells and values that must never lose text:
 * breaks at spaces only, so a lot code, order or BOL number is never split
 * across lines ("SO-16100-03" stays whole); only a single token wider than
 * the whole cell is cut, and then at a hyphen, slash or dot where it can be.
 * The report layout draws the lines itself, so a list longer than a page
 * continues on the next one instead of ending in "…".
 */

/** Measures a string's width in the current font and size. */
export type Measure = (text: string) => number;

function breakToken(token: string, width: number, measure: Measure): string[] {
  const parts: string[] = [];
  let rest = token;
  while (rest && measure(rest) > width) {
    // The longest prefix that fits, preferably ending just after a separator.
    let fit = 1;
    while (fit < rest.length && measure(rest.slice(0, fit + 1)) <= width) fit++;
    const head = rest.slice(0, fit);
    const sep = Math.max(head.lastIndexOf('-'), head.lastIndexOf('/'), head.lastIndexOf('.'), head.lastIndexOf('_'));
    const cut = sep > 0 ? sep + 1 : fit;
    parts.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  if (rest) parts.push(rest);
  return parts;
}

/** The lines `text` takes in `width`; '\n' starts a new line. An empty text is one empty line. */
export function wrapLines(text: string, width: number, measure: Measure): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/ +/)) {
      if (word === '') continue;
      const candidate = line ? `${line} ${word}` : word;
      if (measure(candidate) <= width) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      if (measure(word) <= width) line = word;
      else {
        const pieces = breakToken(word, width, measure);
        lines.push(...pieces.slice(0, -1));
        line = pieces[pieces.length - 1] ?? '';
      }
    }
    lines.push(line);
  }
  return lines;
}
