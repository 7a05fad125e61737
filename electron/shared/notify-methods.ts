/**
 * How a consignee can be notified of a recall: the one list the engine
 * validates (engine/recall/consignees.ts), the contract's enum is built
 * from (contract/recall-constants.ts) and the app's follow-up dialog offers,
 * with the words each is shown in. The stored value is the key.
 */
export const NOTIFY_METHOD_LABELS = {
  letter: 'Letter',
  email: 'E-mail',
  phone: 'Phone',
  fax: 'Fax',
  visit: 'Visit',
  edi: 'EDI message',
  portal: 'Recall portal (e.g. Rapid Recall Exchange)',
} as const;
export type NotifyMethod = keyof typeof NOTIFY_METHOD_LABELS;
export const NOTIFY_METHODS = Object.keys(NOTIFY_METHOD_LABELS) as [NotifyMethod, ...NotifyMethod[]];
