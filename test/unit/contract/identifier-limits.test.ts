/**
 * The API's identifier and free-text limits are the importers' (shared/
 * limits.ts): a lot code the importer would store is accepted by the API,
 * one character more is refused by both, with the same words.
 */
import { describe, expect, it } from 'vitest';
import { CALLS } from '../../../electron/contract/contract';
import { MAX_IDENTIFIER_LENGTH, MAX_TEXT_LENGTH } from '../../../electron/shared/limits';

const lotGet = CALLS['lot:get'].input;
const setStatus = CALLS['lot:setStatus'].input;

describe('API limits', () => {
  it('a lot code of the identifier limit passes, one more character is refused with the limit named', () => {
    expect(lotGet.safeParse({ item: 'SUGAR', lot: 'L'.repeat(MAX_IDENTIFIER_LENGTH) }).success).toBe(true);
    const r = lotGet.safeParse({ item: 'SUGAR', lot: 'L'.repeat(MAX_IDENTIFIER_LENGTH + 1) });
    expect(r.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['lot', 'is 201 characters long; at most 200 are allowed']]);
  });

  it('a reason is free text: 2000 characters pass, 2001 are refused', () => {
    const base = { item: 'SUGAR', lot: 'S-1', action: 'hold' };
    expect(setStatus.safeParse({ ...base, reason: 'r'.repeat(MAX_TEXT_LENGTH) }).success).toBe(true);
    const r = setStatus.safeParse({ ...base, reason: 'r'.repeat(MAX_TEXT_LENGTH + 1) });
    expect(r.error?.issues.map((i) => i.message)).toEqual(['is 2,001 characters long; at most 2,000 are allowed']);
  });
});
