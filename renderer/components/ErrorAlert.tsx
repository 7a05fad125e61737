/** A failed call, shown with its message (and field issues for invalid input). */
import Alert from '@mui/material/Alert';
import type { ApiError } from '../api/api';

export function ErrorAlert({ error }: { error: ApiError | undefined }) {
  if (!error) return null;
  return (
    <Alert severity="error" role="alert" sx={{ my: 1 }}>
      {error.message}
      {error.issues && error.issues.length > 0 && (
        <ul style={{ margin: '4px 0 0' }}>
          {error.issues.map((i) => (
            <li key={i.path}>
              {i.path}: {i.message}
            </li>
          ))}
        </ul>
      )}
    </Alert>
  );
}
