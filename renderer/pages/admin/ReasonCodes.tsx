/**
 * The settings page's list of predefined reasons for a hold, quarantine or
 * rejection (setting reasonCodes, shared/reason-codes.ts): one per line,
 * offered on the lot page wherever such a reason is typed. Saved through
 * settings:set, audited like every setting; an empty list turns the
 * suggestions off.
 */
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import { DEFAULT_REASON_CODES, MAX_REASON_CODE_LENGTH, MAX_REASON_CODES, parseReasonCodes, reasonCodesProblem } from '../../../electron/shared/reason-codes';
import { api, ApiError } from '../../api/api';
import { useCall } from '../../api/use-call';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Section } from '../../components/Section';
import { count } from '../../components/format';

export function ReasonCodes() {
  const info = useCall('app:info', {});
  const saved = info.data?.settings.reasonCodes;
  const [text, setText] = useState<string>();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<ApiError>();
  const [done, setDone] = useState(false);
  const { reload } = info;
  useEffect(() => {
    if (saved !== undefined && text === undefined) setText(saved);
  }, [saved, text]);
  if (saved === undefined || text === undefined) return null;

  const normalized = parseReasonCodes(text).join('\n');
  const problem = reasonCodesProblem(text);
  const save = async (): Promise<void> => {
    setError(undefined);
    setDone(false);
    try {
      const now = await api.call('settings:set', { key: 'reasonCodes', value: normalized, reason });
      setText(now.reasonCodes);
      setReason('');
      setDone(true);
      reload();
    } catch (e) {
      setError(e as ApiError);
    }
  };

  return (
    <Section title="Hold, quarantine and reject reasons" testId="reason-codes">
      <Stack spacing={1.5} sx={{ maxWidth: 760 }}>
        <Typography variant="body2">
          The reasons offered when a lot is put on hold, quarantined or rejected, one per line (at most {MAX_REASON_CODES}, each up to {MAX_REASON_CODE_LENGTH}{' '}
          characters). Picking from the list writes the same cause the same way, so holds can be grouped by reason; a reason can still be typed or extended (“Foreign
          material — NCR 2026-014”). Leave the list empty to offer none.
        </Typography>
        <TextField
          multiline
          minRows={5}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setDone(false);
          }}
          error={problem !== null}
          helperText={problem ?? `${count(parseReasonCodes(text).length)} reasons`}
          slotProps={{ htmlInput: { 'data-testid': 'reason-codes-text', 'aria-label': 'Hold, quarantine and reject reasons, one per line', maxLength: 4000 } }}
        />
        <TextField label="Reason for the change (optional)" value={reason} onChange={(e) => setReason(e.target.value)} slotProps={{ htmlInput: { 'data-testid': 'reason-codes-reason', maxLength: 2000 } }} />
        <ErrorAlert error={error} />
        {done && (
          <Typography color="success.main" data-testid="reason-codes-saved">
            Saved: the lot page offers these reasons from now on.
          </Typography>
        )}
        <Stack direction="row" spacing={1}>
          <Button variant="contained" disabled={problem !== null || normalized === saved} onClick={() => void save()} data-testid="reason-codes-save">
            Save reasons
          </Button>
          <Button disabled={text === DEFAULT_REASON_CODES} onClick={() => setText(DEFAULT_REASON_CODES)}>
            Start from the built-in list
          </Button>
        </Stack>
      </Stack>
    </Section>
  );
}
