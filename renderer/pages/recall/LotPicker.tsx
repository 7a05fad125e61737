/**
 * Picks one or more lots by searching as you type (the Lots page's
 * `lots:search`), so a recall or a root-cause query names lots that exist,
 * each with its item — lot codes are reused across items.
 */
import Autocomplete from '@mui/material/Autocomplete';
import TextField from '@mui/material/TextField';
import { useEffect, useState } from 'react';
import type { LotSummary } from '../../../electron/contract/contract';
import { api } from '../../api/api';

export interface PickedLot {
  item: string;
  lot: string;
}

const key = (l: PickedLot): string => `${l.item}\u0000${l.lot}`;

export function LotPicker({ value, onChange, label, testId }: { value: PickedLot[]; onChange: (lots: PickedLot[]) => void; label: string; testId: string }) {
  const [text, setText] = useState('');
  const [options, setOptions] = useState<PickedLot[]>([]);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    let live = true;
    setLoading(true);
    // A short pause so each keystroke does not query the engine.
    const t = setTimeout(() => {
      api
        .call('lots:search', { text: text.trim(), limit: 30 })
        .then((r) => live && setOptions(r.rows.map((l: LotSummary) => ({ item: l.item, lot: l.lot }))))
        .catch(() => live && setOptions([]))
        .finally(() => live && setLoading(false));
    }, 200);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [text]);

  return (
    <Autocomplete
      multiple
      options={options}
      value={value}
      loading={loading}
      filterOptions={(o) => o}
      getOptionLabel={(o) => `${o.lot} · ${o.item}`}
      isOptionEqualToValue={(a, b) => key(a) === key(b)}
      onChange={(_, v) => onChange(v)}
      inputValue={text}
      onInputChange={(_, v, reason) => reason !== 'reset' && setText(v)}
      renderInput={(params) => <TextField {...params} label={label} placeholder="type a lot, item or supplier lot" />}
      data-testid={testId}
    />
  );
}
