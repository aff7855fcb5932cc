import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/schema/validate';
import { diffInputs } from '../../src/state/compare';
import { defaultPreset } from '../../src/state/presets';
import {
  describeInputDiffs,
  formatInputValue,
  unitFromDescription,
} from '../../src/ui/compareInputs';
import { fieldForKey, labelForKey } from '../../src/ui/inputs/fieldDefs';

const texas = defaultPreset()!.scenario;

describe('compare "Inputs that differ" (issue 10: raw paths, codes and JSON)', () => {
  it('names rows as the form does, with units, and shows values as the form would', () => {
    const other = {
      ...texas,
      notes: 'A long note. '.repeat(200),
      lease: { ...texas.lease, rateUsdPerKwMonth: 60, leaseType: 'modified-gross' as const },
      fleet: [...texas.fleet, { ...texas.fleet[0]!, model: 'Spare S21' }],
    };
    const rows = describeInputDiffs(diffInputs([texas, other]), [texas, other]);
    const byKey = new Map(rows.map((row) => [row.key, row]));

    const rate = byKey.get('lease.rateUsdPerKwMonth')!;
    expect(rate.label).not.toContain('.');
    expect(rate.unit).toBe('$/kW-mo');
    expect(rate.cells.map((c) => [c.text, c.differs, c.numeric])).toEqual([
      [new Intl.NumberFormat('en-US').format(texas.lease.rateUsdPerKwMonth), false, true],
      ['60', true, true],
    ]);

    const structure = byKey.get('lease.leaseType')!;
    expect(structure.cells.map((c) => c.text)).toEqual([
      'NNN (tenant pays power and opex)',
      expect.not.stringMatching(/^modified-gross$/),
    ]);

    const added = byKey.get(`fleet[${texas.fleet.length}].model`)!;
    expect(added.label).toBe(`Fleet model ${texas.fleet.length + 1} · Model name`);
    expect(added.cells.map((c) => c.text)).toEqual(['— (not in this scenario)', 'Spare S21']);

    // No row is a raw path and no value is raw JSON.
    for (const row of rows) {
      expect(row.label).not.toBe(row.key);
      for (const cell of row.cells) expect(cell.text).not.toMatch(/^[[{]/);
    }
  });

  it('names financing and tax rows as the inputs panel does, a section off as "Off"', () => {
    const levered = parseScenario({
      ...structuredClone(texas),
      financing: { projectDebt: { minDscr: 1.4 } },
      tax: { stateRatePct: 6 },
    });
    if (!levered.ok) throw new Error('the levered scenario should be valid');
    const rows = describeInputDiffs(diffInputs([texas, levered.scenario]), [
      texas,
      levered.scenario,
    ]);
    const byKey = new Map(rows.map((row) => [row.key, row]));
    const dscr = byKey.get('financing.projectDebt.minDscr')!;
    expect([dscr.label, dscr.unit]).toEqual(['Minimum DSCR', '×']);
    expect(dscr.cells.map((c) => c.text)).toEqual(['— (not in this scenario)', '1.4']);
    expect(byKey.get('tax.stateRatePct')?.label).toBe('State tax rate');
    expect(labelForKey('financing.fleetDebt', levered.scenario)).toBe(
      'Equipment loan on mining capex',
    );
    expect(formatInputValue(null, fieldForKey('financing.fleetDebt', levered.scenario))).toBe(
      'Off',
    );
    for (const row of rows) expect(row.label).not.toBe(row.key);
  });

  it('reads a unit from a schema description', () => {
    expect(unitFromDescription('BTC price in the first month (USD)')).toBe('USD');
    expect(unitFromDescription('Share of sales (%); null = none')).toBe('%');
    expect(unitFromDescription('No unit here')).toBe('');
  });
});
