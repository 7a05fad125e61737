/**
 * An item field with suggestions: as the user types (after a short pause,
 * so each key does not ask the engine), items:search offers the items whose
 * code or description contains the text, codes starting with it first. A
 * suggestion picked, Enter, or leaving the field applies the text; blank
 * means every item. Free text stays allowed, so a code the plant does not
 * know yet gets the engine's own "no item" answer.
 */
import Autocomplete from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import TextField from '@mui/material/TextField';
import { useEffect, useState } from 'react';
import type { CallResult } from '../../electron/contract/contract';
import { api } from '../api/api';
import { useDebounced } from './use-debounced';

type Option = CallResult<'items:search'>[number];

export interface ItemFieldProps {
  /** The item code applied ('' for none). */
  value: string;
  onChange: (item: string) => void;
  label?: string;
  helperText?: string;
  testId?: string;
  required?: boolean;
  size?: 'small' | 'medium';
  width?: number;
  /** Report every keystroke (a form with its own submit button), not only a pick, Enter or leaving the field. */
  live?: boolean;
}

export function ItemField({ value, onChange, label = 'Item', helperText, testId, required, size = 'small', width = 260, live = false }: ItemFieldProps) {
  const [text, setText] = useState(value);
  const [options, setOptions] = useState<Option[]>([]);
  const [loading, setLoading] = useState(false);
  const query = useDebounced(text.trim(), 250);
  useEffect(() => setText(value), [value]);
  useEffect(() => {
    let live = true;
    setLoading(true);
    api
      .call('items:search', { text: query, limit: 20 })
      .then((r) => live && setOptions(r))
      .catch(() => live && setOptions([]))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [query]);
  const apply = (v: string): void => {
    const t = live ? v : v.trim();
    if (t !== value) onChange(t);
  };
  return (
    <Autocomplete
      freeSolo
      size={size}
      sx={{ width }}
      options={options}
      loading={loading}
      filterOptions={(o) => o}
      getOptionLabel={(o) => (typeof o === 'string' ? o : o.item)}
      inputValue={text}
      onInputChange={(_, v, reason) => {
        setText(v);
        if (reason === 'clear') apply('');
        else if (live && reason === 'input') onChange(v);
      }}
      value={null}
      onChange={(_, v) => {
        if (v === null) return;
        const code = typeof v === 'string' ? v : v.item;
        setText(code);
        apply(code);
      }}
      renderOption={({ key, ...props }, o) => (
        <Box component="li" key={key} {...props} data-testid="item-option" data-item={o.item}>
          <Box component="span" sx={{ fontWeight: 600, mr: 1, whiteSpace: 'nowrap' }}>
            {o.item}
          </Box>
          <Box component="span" sx={{ color: 'text.secondary', fontSize: '0.85rem', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
            {o.description}
          </Box>
        </Box>
      )}
      renderInput={(params) => (
        <TextField
          {...params}
          label={label}
          required={required ?? false}
          helperText={helperText}
          onBlur={() => apply(text)}
          slotProps={{ ...params.slotProps, htmlInput: { ...params.slotProps.htmlInput, ...(testId ? { 'data-testid': testId } : {}) } }}
        />
      )}
    />
  );
}
