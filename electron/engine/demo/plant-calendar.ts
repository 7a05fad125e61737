/**
 * The demo plant's calendar: a plant-local wall clock counted in seconds from
 * the first production day's midnight, no time zone involved (the files carry
 * local times, as a plant's own exports do), and the Julian day codes printed
 * on lots.
 */

export interface DayInfo {
  iso: string;
  /** Two-digit year + day of year: the Julian code printed on lots. */
  julian: string;
}

export class Calendar {
  private readonly startMs: number;
  private readonly days: DayInfo[] = [];

  constructor(start: string) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(start);
    if (!m) throw new Error(`start must be an ISO date (YYYY-MM-DD), got "${start}"`);
    this.startMs = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  }

  /** Day index may be negative (receipts before the first production day). */
  day(index: number): DayInfo {
    if (index < 0) return this.compute(index);
    while (this.days.length <= index) this.days.push(this.compute(this.days.length));
    return this.days[index]!;
  }

  private compute(index: number): DayInfo {
    const d = new Date(this.startMs + index * 86_400_000);
    const y = d.getUTCFullYear();
    const doy = Math.round((Date.UTC(y, d.getUTCMonth(), d.getUTCDate()) - Date.UTC(y, 0, 1)) / 86_400_000) + 1;
    return { iso: d.toISOString().slice(0, 10), julian: String(y % 100).padStart(2, '0') + String(doy).padStart(3, '0') };
  }

  /** Seconds since the first day's midnight -> 'YYYY-MM-DDTHH:MM:SS' (plant local). */
  timestamp(sec: number): string {
    const s = Math.floor(sec);
    const dayIndex = Math.floor(s / 86_400);
    let rem = s - dayIndex * 86_400;
    const h = Math.floor(rem / 3600);
    rem -= h * 3600;
    const mi = Math.floor(rem / 60);
    const se = rem - mi * 60;
    return `${this.day(dayIndex).iso}T${pad2(h)}:${pad2(mi)}:${pad2(se)}`;
  }

  date(dayIndex: number): string {
    return this.day(dayIndex).iso;
  }
}

export function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

export function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}
