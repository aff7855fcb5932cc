import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/engine/index';
import { compareResults, diffInputs } from '../../src/state/compare';
import { defaultPreset } from '../../src/state/presets';

const texas = defaultPreset()!.scenario;
const cheaper = {
  ...texas,
  name: 'Texas, cheaper build',
  conversion: { ...texas.conversion, capexUsdPerItMw: 8_000_000 },
};

describe('compare', () => {
  it('lists only the inputs that differ, with each scenario value', () => {
    expect(diffInputs([texas, cheaper])).toEqual([
      { key: 'name', path: ['name'], values: [texas.name, 'Texas, cheaper build'] },
      {
        key: 'conversion.capexUsdPerItMw',
        path: ['conversion', 'capexUsdPerItMw'],
        values: [10_000_000, 8_000_000],
      },
    ]);
    expect(diffInputs([texas, texas])).toEqual([]);
  });

  it('reports rows present in one scenario only', () => {
    const oneModel = { ...texas, fleet: [texas.fleet[0]!] };
    const diffs = diffInputs([texas, oneModel]);
    expect(diffs.find((d) => d.key === 'fleet[1].units')?.values).toEqual([25_000, undefined]);
  });

  it('moves each headline result against the first scenario', () => {
    const rows = compareResults([evaluate(texas), evaluate(cheaper)]);
    const convertNow = rows.find((row) => row.label === 'NPV · Convert now')!;
    const [base, other] = convertNow.cells;
    expect(base?.kind).toBe('usd');
    expect(other?.kind).toBe('usd');
    if (base?.kind !== 'usd' || other?.kind !== 'usd') return;
    expect(base.deltaUsd).toBe(0);
    expect(other.deltaUsd).toBeCloseTo(other.value - base.value, 6);
    expect(other.deltaUsd).toBeGreaterThan(0);
    expect(rows[0]).toEqual({
      label: 'Reference price case',
      precision: 'short',
      cells: [
        { kind: 'text', text: 'base' },
        { kind: 'text', text: 'base' },
      ],
    });
  });
});
