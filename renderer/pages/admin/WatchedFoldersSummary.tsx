/**
 * Watched folders on the settings page: which folders are watched and their
 * state, with the way to the Imports page where they are added, paused and
 * removed (and their rejected files retried).
 */
import Chip from '@mui/material/Chip';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { Link as RouterLink } from 'react-router';
import { useCall } from '../../api/use-call';
import { Section } from '../../components/Section';
import { count } from '../../components/format';

export function WatchedFoldersSummary() {
  const list = useCall('watch:list', {});
  const folders = list.data ?? [];
  return (
    <Section title="Watched folders" testId="watched-folders-settings">
      <Stack spacing={1} sx={{ maxWidth: 760 }}>
        <Typography variant="body2">
          Files dropped into a watched folder are imported as they arrive; a file that cannot be imported is set aside with its error report.
        </Typography>
        {list.error ? (
          <Typography variant="body2" color="text.secondary">
            Watched folders are not available here.
          </Typography>
        ) : folders.length === 0 ? (
          <Typography variant="body2" data-testid="watched-folders-none">
            No folder is watched.
          </Typography>
        ) : (
          <Stack component="ul" spacing={0.5} sx={{ m: 0, pl: 2 }}>
            {folders.map((f) => (
              <li key={f.path}>
                <Typography component="span" variant="body2" sx={{ fontFamily: 'monospace', overflowWrap: 'anywhere' }}>
                  {f.path}
                </Typography>{' '}
                <Chip size="small" label={f.status} color={f.status === 'watching' ? 'success' : f.status === 'paused' ? 'default' : 'error'} />
                {f.rejected.length > 0 && ` · ${count(f.rejected.length)} rejected file${f.rejected.length === 1 ? '' : 's'}`}
              </li>
            ))}
          </Stack>
        )}
        <div>
          <Link component={RouterLink} to="/imports" data-testid="watched-folders-link">
            Add, pause or remove watched folders on the Imports page
          </Link>
        </div>
      </Stack>
    </Section>
  );
}
