/**
 * The sign-in page shown instead of the app while Part 11 mode is on and
 * nobody is signed in (or when a user asks to sign in). The route stays as
 * it was, so after signing in the user is back on the page they left. A
 * wrong password and a locked or disabled account each get their own clear
 * message; the service counts the wrong attempts (five lock the account).
 */
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/api';
import { useAuth } from './auth-context';

/** The engine's refusal in words for the page: locked and disabled accounts apart from a wrong password. */
export function signInProblem(e: ApiError): { title: string; text: string } {
  if (/locked/i.test(e.message)) return { title: 'Account locked', text: e.message };
  if (/disabled/i.test(e.message)) return { title: 'Account disabled', text: e.message };
  if (e.code === 'unauthorized') return { title: 'Wrong user name or password', text: `${e.message}. After 5 wrong passwords in a row the account is locked until an admin unlocks it.` };
  return { title: 'Could not sign in', text: e.message };
}

export function SignInPage({ onCancel }: { onCancel?: () => void }) {
  const auth = useAuth();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    try {
      await auth.signIn(name.trim(), password);
      setError(undefined);
    } catch (x) {
      setError(x instanceof ApiError ? x : new ApiError({ code: 'internal', message: String(x) }));
      setPassword('');
    } finally {
      setBusy(false);
    }
  };

  const problem = error ? signInProblem(error) : undefined;
  return (
    <Box sx={{ display: 'flex', justifyContent: 'center', pt: 6 }} data-testid="sign-in-page">
      <Paper variant="outlined" sx={{ p: 4, width: 440 }}>
        <Box component="form" onSubmit={(e) => void submit(e)}>
          <Stack spacing={2}>
            <Typography variant="h5" component="h1">
              Sign in
            </Typography>
            {auth.notice && (
              <Alert severity="info" data-testid="sign-in-notice">
                {auth.notice}
              </Alert>
            )}
            <Typography variant="body2" color="text.secondary">
              {auth.status?.part11 ? 'Part 11 mode is on: changes are recorded under your name, and releases, rejections and recalls need your electronic signature.' : 'Sign in to record changes under your own name.'}
            </Typography>
            <TextField label="User name" value={name} onChange={(e) => setName(e.target.value)} autoFocus autoComplete="username" slotProps={{ htmlInput: { 'data-testid': 'sign-in-name' } }} />
            <TextField label="Password" type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" slotProps={{ htmlInput: { 'data-testid': 'sign-in-password' } }} />
            {problem && (
              <Alert severity="error" role="alert" data-testid="sign-in-error">
                <AlertTitle>{problem.title}</AlertTitle>
                {problem.text}
              </Alert>
            )}
            <Stack direction="row" spacing={1} sx={{ justifyContent: 'flex-end' }}>
              {onCancel && (
                <Button onClick={onCancel} disabled={busy}>
                  Cancel
                </Button>
              )}
              <Button type="submit" variant="contained" disabled={busy || !name.trim() || !password} data-testid="sign-in-submit">
                Sign in
              </Button>
            </Stack>
          </Stack>
        </Box>
      </Paper>
    </Box>
  );
}
