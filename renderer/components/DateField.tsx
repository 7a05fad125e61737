/**
 * A calendar-date field that accepts typing. A browser's date input reports
 * a value at every digit of the year ("0002", "0020", "0202", "2026"); a
 * page that stored each one (in its address, or by asking the engine) fed
 * it back as the field's value, which restarts the year the user is typing,
 * so "2026-12-05" typed landed as "0006-12-05". Here the text typed stays
 * the field's own until it is a plausible date (a four-digit year from
 * 1000); only then does the page hear of it. An empty value while typing
 * is often a date half typed (the browser reports '' for year 0000 or
 * 31 February), so a cleared field is reported when it loses focus.
 */
import TextField, { type TextFieldProps } from '@mui/material/TextField';
import { useEffect, useRef, useState } from 'react';

const COMPLETE = /^[1-9]\d{3}-\d{2}-\d{2}$/;

export type DateFieldProps = Omit<TextFieldProps, 'type' | 'value' | 'onChange' | 'defaultValue'> & {
  /** YYYY-MM-DD, or '' for none. */
  value: string;
  /** Called with a complete date, or '' when the field is cleared. */
  onChange: (value: string) => void;
  testId?: string;
};

export function DateField({ value, onChange, testId, slotProps, onBlur, onFocus, ...rest }: DateFieldProps) {
  const [text, setText] = useState(value);
  const sent = useRef(value);
  const focused = useRef(false);
  // A new value from the page (a link, a reset) replaces the text, but not while the user is typing:
  // the page's answer to an earlier keystroke can arrive after the next one.
  useEffect(() => {
    sent.current = value;
    if (!focused.current) setText(value);
  }, [value]);
  const send = (v: string): void => {
    if (v === sent.current) return;
    sent.current = v;
    onChange(v);
  };
  return (
    <TextField
      {...rest}
      type="date"
      value={text}
      onChange={(e) => {
        const v = e.target.value;
        setText(v);
        if (COMPLETE.test(v)) send(v);
      }}
      onFocus={(e) => {
        focused.current = true;
        onFocus?.(e);
      }}
      onBlur={(e) => {
        focused.current = false;
        if (text === '' || COMPLETE.test(text)) send(text);
        else setText(sent.current);
        onBlur?.(e);
      }}
      slotProps={{
        ...slotProps,
        inputLabel: { shrink: true, ...(slotProps?.inputLabel as object | undefined) },
        htmlInput: { ...(testId ? { 'data-testid': testId } : {}), ...(slotProps?.htmlInput as object | undefined) },
      }}
    />
  );
}
