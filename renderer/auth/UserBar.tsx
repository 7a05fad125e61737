/** The signed-in user and role in the app bar, with sign-out; "Sign in" when accounts exist and nobody is signed in. */
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useAuth } from './auth-context';

const ROLE_LABELS = { viewer: 'Viewer', qa: 'QA', 'qa-manager': 'QA manager', admin: 'Admin' } as const;

/** `gated`: the sign-in or first-run page is on screen already, so no "Sign in" button beside it. */
export function UserBar({ onSignIn, gated }: { onSignIn: () => void; gated: boolean }) {
  const { status, signOut } = useAuth();
  if (!status) return null;
  if (!status.user) {
    if (status.needs_first_admin || gated) return null;
    return (
      <Button color="inherit" size="small" variant="outlined" onClick={onSignIn} data-testid="sign-in-button" sx={{ flexShrink: 0 }}>
        Sign in
      </Button>
    );
  }
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexShrink: 0 }} data-testid="signed-in-user">
      <Typography variant="body2" sx={{ fontWeight: 600 }} title={status.user.name}>
        {status.user.display_name}
      </Typography>
      <Chip size="small" label={ROLE_LABELS[status.user.role]} sx={{ color: 'inherit', borderColor: 'rgba(255,255,255,0.7)' }} variant="outlined" data-testid="signed-in-role" />
      {status.part11 && <Chip size="small" label="Part 11" sx={{ bgcolor: 'rgba(255,255,255,0.2)', color: 'inherit' }} />}
      <Button color="inherit" size="small" onClick={() => void signOut()} data-testid="sign-out">
        Sign out
      </Button>
    </Stack>
  );
}
