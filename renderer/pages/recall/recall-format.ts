/**
 * Formatting and file helpers shared by the recall pages: elapsed times of
 * mock recalls, multi-unit quantities, and turning the base64 files the
 * engine returns into blobs for download and in-page preview.
 */
import { useEffect, useState } from 'react';
import { qty } from '../../components/format';

export interface Quantity {
  quantity: number;
  uom: string;
}

export function quantities(list: readonly Quantity[]): string {
  return list.length === 0 ? '—' : list.map((q) => qty(q.quantity, q.uom)).join(' + ');
}

/** "1 h 02 min 05 s" / "3 min 07 s", the way the mock recall report prints it. */
export function elapsed(ms: number | null): string {
  if (ms === null) return '—';
  const s = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h} h ${String(m).padStart(2, '0')} min ${sec} s` : `${m} min ${sec} s`;
}

/** Recovered share per unit family ("50 % of 1,300 ea · 100 % of 10 kg"): never one % over kg and cs together. */
export function recoveredPerUnit(list: readonly { uom: string; shipped: number; recovered: number; pct: number }[]): string {
  return list.length === 0 ? '—' : list.map((u) => `${pct(u.pct)} of ${qty(u.shipped, u.uom)}`).join(' · ');
}

export function pct(n: number | null): string {
  return n === null ? '—' : `${n.toLocaleString('en-US', { maximumFractionDigits: 2 })} %`;
}

/** The current time, re-rendered every second while `running` (for live timers). */
export function useNow(running: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!running) return;
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [running]);
  return now;
}

export const MIME = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv;charset=utf-8',
} as const;

/**
 * Now as the plant's clock reads it, for a datetime-local field
 * (YYYY-MM-DDTHH:mm): the engine reads a date-time without an offset in the
 * plant's zone, so the PC's own zone never shifts what is stored.
 */
export function plantNow(zone: string, at = Date.now()): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  ) as Record<string, string>;
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

const skews = new WeakMap<object, number>();

/**
 * How far the engine's clock is ahead of the PC's, measured once when a
 * recall view arrived (its `now`), so a live timer adds the PC's elapsed
 * time to it. Measured again at every render it would cancel the ticking
 * and freeze the timer at its load-time value.
 */
export function clockSkew(view: { now: string }): number {
  let skew = skews.get(view);
  if (skew === undefined) {
    skew = Date.parse(view.now) - Date.now();
    skews.set(view, skew);
  }
  return skew;
}
