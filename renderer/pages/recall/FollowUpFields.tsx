/**
 * The fields a consignee's follow-up is recorded with, the same for one
 * consignee (ConsigneeEventDialog) and for many at once (BulkFollowUp): the
 * date-time in plant time (the engine reads a date-time without an offset in
 * the plant's zone, so the PC's own zone never shifts what is stored, and the
 * field says which zone it is), and for a notification its method from the
 * one list (shared/notify-methods.ts) the engine checks. What is valid is
 * decided here once: a date-time, and for a notification a method from the
 * list.
 */
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { useEffect, useState } from 'react';
import { NOTIFY_METHOD_LABELS, NOTIFY_METHODS } from '../../../electron/contract/recall-constants';
import { useCall } from '../../api/use-call';
import { plantNow } from './recall-format';

export type FollowUpKind = 'notified' | 'responded';
export type NotifyMethod = (typeof NOTIFY_METHODS)[number];

export interface FollowUpValue {
  /** Plant-local date-time, YYYY-MM-DDTHH:mm. */
  at: string;
  /** A notification's method ('' until chosen); unused for a response. */
  method: string;
}

/** Whether the fields are complete for this kind: a date-time, and a notification's method from the list. */
export function followUpValid(kind: FollowUpKind, value: FollowUpValue): boolean {
  return value.at !== '' && (kind !== 'notified' || (NOTIFY_METHODS as readonly string[]).includes(value.method));
}

/**
 * The fields' state with the plant's zone: back to now in plant time and no
 * method whenever `reset` changes (a dialog opened for another consignee or
 * kind) or the zone arrives.
 */
export function useFollowUp(reset: unknown): { zone: string | undefined; value: FollowUpValue; setValue: (value: FollowUpValue) => void } {
  const zone = useCall('app:info', {}).data?.settings.timezone;
  const [value, setValue] = useState<FollowUpValue>({ at: '', method: '' });
  useEffect(() => {
    setValue({ at: zone ? plantNow(zone) : '', method: '' });
  }, [reset, zone]);
  return { zone, value, setValue };
}

/**
 * The date-time field (test ids `<testIdPrefix>-at`, `-zone` on its plant
 * zone note) and, for a notification, the method (`<testIdPrefix>-method`).
 */
export function FollowUpFields({ kind, zone, value, onChange, testIdPrefix }: { kind: FollowUpKind; zone: string | undefined; value: FollowUpValue; onChange: (value: FollowUpValue) => void; testIdPrefix: string }) {
  return (
    <>
      <TextField
        label={kind === 'notified' ? 'Notified at' : 'Responded at'}
        type="datetime-local"
        value={value.at}
        onChange={(e) => onChange({ ...value, at: e.target.value })}
        helperText={`Plant time (${zone ?? '…'})`}
        slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': `${testIdPrefix}-at` }, formHelperText: { 'data-testid': `${testIdPrefix}-zone` } as object }}
      />
      {kind === 'notified' && <MethodSelect value={value.method} onChange={(method) => onChange({ ...value, method })} testId={`${testIdPrefix}-method`} />}
    </>
  );
}

/** How a consignee was notified: the one list (shared/notify-methods.ts) the engine checks. */
function MethodSelect({ value, onChange, testId }: { value: string; onChange: (method: string) => void; testId: string }) {
  return (
    <TextField select label="Method" value={value} onChange={(e) => onChange(e.target.value)} slotProps={{ select: { SelectDisplayProps: { 'data-testid': testId } as object } }}>
      {NOTIFY_METHODS.map((m) => (
        <MenuItem key={m} value={m}>
          {NOTIFY_METHOD_LABELS[m]}
        </MenuItem>
      ))}
    </TextField>
  );
}
