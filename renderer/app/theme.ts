/**
 * Theme for plant-floor PCs: larger type than MUI's default, strong focus
 * outlines for keyboard use, and status colours from the Okabe–Ito palette
 * (distinguishable with the common colour-vision deficiencies).
 */
import { createTheme } from '@mui/material/styles';

export const STATUS_COLORS: Record<string, { bg: string; fg: string; label: string }> = {
  released: { bg: '#009E73', fg: '#ffffff', label: 'Released' },
  on_hold: { bg: '#E69F00', fg: '#000000', label: 'On hold' },
  quarantined: { bg: '#CC79A7', fg: '#000000', label: 'Quarantined' },
  rejected: { bg: '#000000', fg: '#ffffff', label: 'Rejected' },
  recalled: { bg: '#D55E00', fg: '#ffffff', label: 'Recalled' },
  consumed: { bg: '#BBBBBB', fg: '#000000', label: 'Consumed' },
};

export const theme = createTheme({
  typography: { fontSize: 15, htmlFontSize: 16 },
  palette: { primary: { main: '#0072B2' }, secondary: { main: '#D55E00' } },
  components: {
    MuiButtonBase: { defaultProps: { disableRipple: false } },
    MuiCssBaseline: {
      styleOverrides: { '*:focus-visible': { outline: '3px solid #0072B2', outlineOffset: '2px' } },
    },
    MuiTableCell: { styleOverrides: { root: { fontSize: '0.95rem' } } },
  },
});
