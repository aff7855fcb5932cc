import { describe, expect, it } from 'vitest';
import { buildCalendar, daysInMonth, isLeapYear } from '../../src/engine/calendar';

describe('calendar', () => {
  it.each([
    [2024, true],
    [2026, false],
    [2028, true],
    [2100, false],
    [2000, true],
  ])('leap year %i: %s', (year, leap) => {
    expect(isLeapYear(year)).toBe(leap);
  });

  it('gives February 28 or 29 days and the other months their real length', () => {
    expect(daysInMonth(2028, 2)).toBe(29);
    expect(daysInMonth(2027, 2)).toBe(28);
    expect(daysInMonth(2100, 2)).toBe(28);
    expect([1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((m) => daysInMonth(2026, m))).toEqual([
      31, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31,
    ]);
  });

  it('dates each month at its last day and crosses years', () => {
    const months = buildCalendar('2027-11', 5);
    expect(months.map((m) => m.endIsoDate)).toEqual([
      '2027-11-30',
      '2027-12-31',
      '2028-01-31',
      '2028-02-29',
      '2028-03-31',
    ]);
    expect(months.reduce((sum, m) => sum + m.days, 0)).toBe(30 + 31 + 31 + 29 + 31);
  });

  it('has 366 days in a leap year and 365 otherwise', () => {
    const sumDays = (start: string) => buildCalendar(start, 12).reduce((sum, m) => sum + m.days, 0);
    expect(sumDays('2028-01')).toBe(366);
    expect(sumDays('2029-01')).toBe(365);
  });

  it('rejects a start month that is not YYYY-MM', () => {
    expect(() => buildCalendar('2026-1', 12)).toThrow(/startMonth = "2026-1"/);
  });
});
