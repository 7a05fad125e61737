/**
 * The wording of the recall letter's instructions (21 CFR 7.49), as a
 * template the QA manager can edit once in settings
 * (`lottrace settings recallLetterInstructions TEXT`, or the app's
 * settings): one instruction per line, numbered in the letter in that
 * order. Two placeholders are filled per letter: {type}, what the goods are
 * ("food", "food ingredient", "food packaging"), and {depth}, the sentence
 * that extends the recall to the consignee's own customers as deep as the
 * recall goes. Empty: the built-in wording below. Changing the setting is
 * audited like every setting; each letter set issued is stored as sent
 * (issued_report_bytes), so a reprint is the letter that went out.
 */
import type { RecallDepth } from '../../contract/dto/recall';
import { EngineError } from '../errors';
import { DEFAULT_LETTER_INSTRUCTIONS } from '../../shared/letter-instructions';

export class LetterTemplateError extends EngineError {
  readonly code = 'rejected';
}


export const DEPTH_INSTRUCTION: Record<RecallDepth, string> = {
  wholesale: 'This recall extends to the wholesale level: if you distributed these products to other wholesalers or distributors, notify them at once and ask them to do the same.',
  retail: 'This recall extends to the retail level: if you distributed these products further, notify every customer (wholesale and retail) who received them at once and ask them to stop selling, hold and return or destroy them.',
  consumer: 'This recall extends to the consumer level: notify every customer who received these products, remove them from sale and post the enclosed notice where consumers bought them so they return or discard them.',
};

const PLACEHOLDERS = new Set(['{type}', '{depth}']);
const MAX_LENGTH = 4000;
const MAX_LINES = 20;

function lines(template: string): string[] {
  return template.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
}

/** Refuses a template the letters could not print as meant: too long, too many lines, an unknown placeholder, or no {depth} (7.49 asks the consignee to extend the recall). */
export function validateLetterInstructions(template: string): void {
  if (template.trim() === '') return;
  if (template.length > MAX_LENGTH) throw new LetterTemplateError(`the letter instructions are limited to ${MAX_LENGTH} characters`);
  const given = lines(template);
  if (given.length > MAX_LINES) throw new LetterTemplateError(`the letter instructions are limited to ${MAX_LINES} lines (one instruction per line)`);
  for (const placeholder of template.match(/\{[^}]*\}/g) ?? []) {
    if (!PLACEHOLDERS.has(placeholder)) throw new LetterTemplateError(`unknown placeholder ${placeholder} in the letter instructions (use {type} and {depth})`);
  }
  if (!template.includes('{depth}')) throw new LetterTemplateError('the letter instructions must keep {depth}: the line telling the consignee how far to extend the recall');
}

/** The numbered instructions of one letter: the setting's template (or the built-in one) filled in. */
export function letterInstructions(template: string, depth: RecallDepth, type: string): string[] {
  const source = template.trim() === '' ? DEFAULT_LETTER_INSTRUCTIONS : template;
  return lines(source).map((l) => l.replaceAll('{type}', type).replaceAll('{depth}', DEPTH_INSTRUCTION[depth]));
}
