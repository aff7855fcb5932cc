/**
 * The scenario calendar: month m = 0 … H-1 from the start month, each with its real number of
 * days (February 28 or 29). Cash flows of month m are dated at its last day, t = (m+1)/12 years.
 */
export interface CalendarMonth {
  /** 0-based month index from the start. */
  readonly index: number;
  readonly year: number;
  /** 1 … 12 */
  readonly month: number;
  readonly days: number;
  /** `YYYY-MM` */
  readonly label: string;
  /** Last day of the month, `YYYY-MM-DD`: the date of the month's cash flows. */
  readonly endIsoDate: string;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in a month. Example: `daysInMonth(2028, 2) === 29`, `daysInMonth(2100, 2) === 28`. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

export function parseStartMonth(startMonth: string): { year: number; month: number } {
  const match = /^(\d{4})-(\d{2})$/.exec(startMonth);
  if (!match) throw new RangeError(`startMonth = "${startMonth}": must be a month written YYYY-MM`);
  return { year: Number(match[1]), month: Number(match[2]) };
}

export function buildCalendar(startMonth: string, horizonMonths: number): CalendarMonth[] {
  const start = parseStartMonth(startMonth);
  const months: CalendarMonth[] = [];
  for (let index = 0; index < horizonMonths; index += 1) {
    const zeroBased = start.month - 1 + index;
    const year = start.year + Math.floor(zeroBased / 12);
    const month = (zeroBased % 12) + 1;
    const days = daysInMonth(year, month);
    const monthText = String(month).padStart(2, '0');
    months.push({
      index,
      year,
      month,
      days,
      label: `${year}-${monthText}`,
      endIsoDate: `${year}-${monthText}-${String(days).padStart(2, '0')}`,
    });
  }
  return months;
}
