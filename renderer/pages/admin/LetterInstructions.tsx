/**
 * The recall letters' instructions (21 CFR 7.49), edited once here: one
 * instruction per line, {type} and {depth} filled in per letter
 * (engine/recall/letter-template.ts). Starts from the saved wording, or the
 * built-in one; saving needs a reason and is audited like every setting.
 * Letters already issued keep the wording they were sent with (a reprint
 * is the letter as sent).
 */
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import { DEFAULT_LETTER_INSTRUCTIONS, LETTER_PLACEHOLDERS } from '../../../electron/shared/letter-instructions';
import { api, ApiError } from '../../api/api';
import { useCall } from '../../api/use-call';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Section } from '../../components/Section';

export function LetterInstructions() {
  const info = useCall('app:info', {});
  const saved = info.data?.settings.recallLetterInstructions ?? '';
  const [text, setText] = useState<string>();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<ApiError>();
  const [done, setDone] = useState(false);
  const { reload } = info;
  useEffect(() => {
    if (info.data && text === undefined) setText(saved || DEFAULT_LETTER_INSTRUCTIONS);
  }, [info.data, saved, text]);

  const save = async (): Promise<void> => {
    setError(undefined);
    setDone(false);
    try {
      await api.call('settings:set', { key: 'recallLetterInstructions', value: text ?? '', reason });
      setReason('');
      setDone(true);
      reload();
    } catch (e) {
      setError(e as ApiError);
    }
  };

  return (
    <Section title="Recall letter instructions" testId="letter-instructions">
      <Stack spacing={1.5} sx={{ maxWidth: 900 }}>
        <Typography variant="body2">
          The numbered instructions every recall letter gives its consignee, one per line.{' '}
          {Object.entries(LETTER_PLACEHOLDERS).map(([p, what]) => (
            <span key={p}>
              <code>{p}</code>: {what}.{' '}
            </span>
          ))}
          Letters already issued keep the wording they were sent with.
        </Typography>
        <TextField
          multiline
          minRows={6}
          value={text ?? ''}
          onChange={(e) => setText(e.target.value)}
          slotProps={{ htmlInput: { 'data-testid': 'letter-instructions-text', maxLength: 4000, 'aria-label': 'Recall letter instructions' } }}
        />
        <TextField label="Reason for the change" value={reason} onChange={(e) => setReason(e.target.value)} slotProps={{ htmlInput: { 'data-testid': 'letter-instructions-reason', maxLength: 500 } }} />
        <ErrorAlert error={error} />
        {done && <Typography color="success.main" data-testid="letter-instructions-saved">Saved: letters issued from now on use this wording.</Typography>}
        <div>
          <Button variant="contained" onClick={() => void save()} disabled={!reason.trim() || text === undefined || text === (saved || DEFAULT_LETTER_INSTRUCTIONS)} data-testid="letter-instructions-save">
            Save wording
          </Button>
        </div>
      </Stack>
    </Section>
  );
}
