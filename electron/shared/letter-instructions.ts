/**
 * The recall letters' built-in instructions (21 CFR 7.49), as the template
 * the setting recallLetterInstructions replaces: one instruction per line;
 * {type} is what the goods are ("food", "food ingredient", "food
 * packaging") and {depth} the sentence extending the recall to the
 * consignee's own customers. Shared by the engine (engine/recall/
 * letter-template.ts fills it in) and the app's settings page (which offers
 * it as the starting text).
 */
export const DEFAULT_LETTER_INSTRUCTIONS = [
  'Stop distributing, selling and using the {type} products listed below immediately.',
  'Hold them: set every unit of the listed lots aside, apart from other stock, and mark it "RECALLED - DO NOT USE OR SHIP".',
  'Count what you have on hand of each listed lot and fill in the response form below, even if you have none left.',
  'Return the held product to us, or destroy it, as our recall contact tells you; record how much you returned or destroyed on the form.',
  '{depth}',
  'Send the completed form back to the recall contact named below within 5 working days.',
].join('\n');

/** What the placeholders stand for, as the settings page explains them. */
export const LETTER_PLACEHOLDERS = {
  '{type}': 'what the goods are: food, food ingredient or food packaging',
  '{depth}': 'the sentence telling the consignee how far to extend the recall (wholesale, retail, consumer); required',
} as const;
