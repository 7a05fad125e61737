/**
 * A recall's progress chart on a page of its own (route
 * /recalls/:id/progress), linked back to the recall: the chart the recall
 * page can also include (RecallProgressChart).
 */
import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import { Link as RouterLink, useParams } from 'react-router';
import { RecallProgressChart } from './RecallProgressChart';

export function RecallProgressPage() {
  const id = Number(useParams().id);
  return (
    <Box data-testid="recall-progress-page" sx={{ maxWidth: 1100 }}>
      <Link component={RouterLink} to={`/recalls/${id}`}>
        ← Back to the recall
      </Link>
      <Typography variant="h5" component="h1" sx={{ my: 1 }}>
        Recall progress
      </Typography>
      {Number.isInteger(id) && id > 0 ? <RecallProgressChart id={id} height={320} /> : <Typography>No such recall.</Typography>}
    </Box>
  );
}
