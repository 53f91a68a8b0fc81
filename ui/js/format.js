// Formatting of values for display: RFC 3339 times in the article's own offset, counts, sizes in bytes.
import { t } from './i18n.js';

const RFC3339 = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/** Splits an RFC 3339 string into its wall-clock date, time and offset, exactly as written (no conversion). */
export function parseTime(value) {
  if (typeof value !== 'string') return null;
  const m = RFC3339.exec(value.trim());
  if (!m) return null;
  return { date: m[1], time: m[2], offset: m[3] ?? null };
}

/** `+08:00` → `UTC+8`, `-05:30` → `UTC-5:30`, `Z` → `UTC`. */
export function formatOffset(offset) {
  if (!offset || offset.toUpperCase() === 'Z') return t('date.utc');
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(offset);
  if (!m) return offset;
  const [, sign, hh, mm] = m;
  const hours = String(Number(hh));
  if (hours === '0' && mm === '00') return t('date.utc');
  return mm === '00' ? t('date.offset', { sign, hours }) : t('date.offsetMinutes', { sign, hours, minutes: mm });
}

/** `2020-11-27T15:34:00+08:00` → `2020-11-27 15:34 (UTC+8)`: the time where the article was written. */
export function formatDateTime(value) {
  const parts = parseTime(value);
  if (!parts) return value ? String(value) : '';
  return t('date.withOffset', { date: parts.date, time: parts.time, offset: formatOffset(parts.offset) });
}

/** A shorter form for lists: `2020-11-27 15:34`, still in the article's own offset. */
export function formatShortDate(value) {
  const parts = parseTime(value);
  if (!parts) return value ? String(value) : '';
  return t('date.short', { date: parts.date, time: parts.time });
}

/** A count with the locale's digit grouping. */
export function formatCount(n) {
  return typeof n === 'number' ? n.toLocaleString() : String(n ?? '');
}

const SIZE_UNITS = ['size.b', 'size.kib', 'size.mib', 'size.gib', 'size.tib'];

/** A byte count in binary units, as the budget is set: `512 B`, `1.5 KiB`, `12 MiB`, `2 GiB`. */
export function formatBytes(bytes) {
  let value = Math.max(0, Number(bytes) || 0);
  let unit = 0;
  while (value >= 1024 && unit < SIZE_UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return t(SIZE_UNITS[unit], { n: value.toLocaleString(undefined, { maximumFractionDigits: digits }) });
}
