/**
 * The first run: creates the admin account (user name, printed name for
 * signatures, password twice, the minimum length shown) and asks whether
 * to turn Part 11 mode on, both in one call (auth:firstAdmin). Shown when
 * Part 11 mode is on without any account (then it cannot be skipped), or on
 * a new, empty database (then "Not now" keeps the app as it always was).
 */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/api';
import { ErrorAlert } from '../components/ErrorAlert';
import { useAuth } from './auth-context';

export function FirstRunPage({ onSkip }: { onSkip?: () => void }) {
  const auth = useAuth();
  const min = auth.status?.min_password_length ?? 12;
  const part11Already = auth.status?.part11 === true;
  const [name, setName] = useState('');
  const [display, setDisplay] = useState('');
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [part11, setPart11] = useState(true);
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);

  const tooShort = password.length > 0 && [...password].length < min;
  const mismatch = again.length > 0 && again !== password;
  const ready = name.trim() !== '' && [...password].length >= min && again === password;

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (!ready) return;
    setBusy(true);
    try {
      await auth.firstAdmin({ name: name.trim(), password, part11: part11Already || part11, ...(display.trim() ? { display_name: display.trim() } : {}) });
    } catch (x) {
      setError(x instanceof ApiError ? x : new ApiError({ code: 'internal', message: String(x) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box sx={{ display: 'flex', justifyContent: 'center', pt: 4 }} data-testid="first-run-page">
      <Paper variant="outlined" sx={{ p: 4, width: 560 }}>
        <Box component="form" onSubmit={(e) => void submit(e)}>
          <Stack spacing={2}>
            <Typography variant="h5" component="h1">
              Welcome to LotTrace: create the admin
            </Typography>
            <Typography variant="body2" color="text.secondary">
              The admin adds the other users (viewer, QA, QA manager, admin) and may change plant settings. The printed name appears on electronic signatures and reports.
            </Typography>
            <TextField label="User name" value={name} onChange={(e) => setName(e.target.value)} autoFocus autoComplete="username" helperText="Letters, digits, . _ @ or -" slotProps={{ htmlInput: { 'data-testid': 'first-run-name' } }} />
            <TextField label="Printed name (for signatures)" value={display} onChange={(e) => setDisplay(e.target.value)} helperText="e.g. Bea Boss; the user name when left empty" slotProps={{ htmlInput: { 'data-testid': 'first-run-display' } }} />
            <TextField
              label="Password"
              type="password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              autoComplete="new-password"
              error={tooShort}
              helperText={`At least ${min} characters, not containing the user name`}
              slotProps={{ htmlInput: { 'data-testid': 'first-run-password' } }}
            />
            <TextField
              label="Password again"
              type="password"
              value={again}
              onChange={(e) => setAgain(e.target.value)}
              autoComplete="new-password"
              error={mismatch}
              helperText={mismatch ? 'The two passwords differ' : ' '}
              slotProps={{ htmlInput: { 'data-testid': 'first-run-password-again' } }}
            />
            {part11Already ? (
              <Alert severity="info">Part 11 mode is on for this database: every change needs a signed-in user.</Alert>
            ) : (
              <FormControlLabel
                control={<Checkbox checked={part11} onChange={(e) => setPart11(e.target.checked)} slotProps={{ input: { 'data-testid': 'first-run-part11' } as object }} />}
                label={
                  <span>
                    <strong>Turn on Part 11 mode</strong> (21 CFR Part 11): every change needs a signed-in user; releases, rejections and recalls are signed with a password. Turning it off later needs an admin&apos;s signature.
                  </span>
                }
              />
            )}
            <ErrorAlert error={error} />
            <Stack direction="row" spacing={1} sx={{ justifyContent: 'flex-end' }}>
              {onSkip && (
                <Button onClick={onSkip} disabled={busy} data-testid="first-run-skip">
                  Not now
                </Button>
              )}
              <Button type="submit" variant="contained" disabled={busy || !ready} data-testid="first-run-submit">
                Create admin
              </Button>
            </Stack>
          </Stack>
        </Box>
      </Paper>
    </Box>
  );
}
