import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildPolicyGrid,
  candidateIndex,
  describeCandidate,
  triggerMonths,
} from '../../../src/engine/montecarlo/policy';
import { assertScenario } from '../../../src/schema/validate';
import { simpleSite } from '../../support/simpleSite';

const scenario = assertScenario(simpleSite({ horizonMonths: 60 }));

describe('conversion rules', () => {
  it('the documented example: today $34/PH/day → 20 triggers 8.5, 10, 12, …, 41', () => {
    const grid = buildPolicyGrid(scenario, 0.034, []);
    expect(grid.thresholdsUsdPerPhDay).toHaveLength(20);
    expect(grid.thresholdsUsdPerPhDay.slice(0, 3)).toEqual([8.5, 10, 12]);
    expect(grid.thresholdsUsdPerPhDay.at(-1)).toBe(41);
  });

  it('deadlines: the defaults inside the horizon, 0 and the strategies’ months, then never', () => {
    const grid = buildPolicyGrid(scenario, 0.034, [0, 24, 41]);
    expect(grid.deadlineMonths).toEqual([0, 6, 12, 18, 24, 36, 41, 48]);
    expect(Array.from(grid.deadlinesWithNever)).toEqual([0, 6, 12, 18, 24, 36, 41, 48, 60]);
    expect(grid.candidates[grid.convertNowIndex]).toEqual({ thresholdIndex: -1, deadlineMonth: 0 });
    expect(grid.candidates[grid.neverIndex]).toEqual({ thresholdIndex: -1, deadlineMonth: 60 });
  });

  it('every (trigger, deadline) pair but (trigger, 0) is one rule, at candidateIndex', () => {
    const grid = buildPolicyGrid(scenario, 0.034, [24]);
    const deadlines = grid.deadlinesWithNever.length;
    expect(grid.candidates).toHaveLength(
      deadlines + grid.thresholdsUsdPerPhDay.length * (deadlines - 1),
    );
    for (let x = -1; x < grid.thresholdsUsdPerPhDay.length; x += 1) {
      for (let j = x < 0 ? 0 : 1; j < deadlines; j += 1) {
        expect(grid.candidates[candidateIndex(grid, x, j)]).toEqual({
          thresholdIndex: x,
          deadlineMonth: grid.deadlinesWithNever[j],
        });
      }
    }
  });

  it('trigger months equal a direct scan: HP(0) < X → 0, else 1 + the first month j ≥ 1 with HP(j) < X', () => {
    const grid = buildPolicyGrid(
      assertScenario(
        simpleSite({
          horizonMonths: 60,
          monteCarlo: { policy: { hashpriceThresholdsUsdPerPhDay: [5, 12, 20, 30, 36, 45] } },
        }),
      ),
      0.036,
      [],
    );
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.001, max: 0.06, noNaN: true }), {
          minLength: 60,
          maxLength: 60,
        }),
        (hashprice) => {
          const out = new Int32Array(grid.thresholdsUsdPerPhDay.length);
          triggerMonths(grid, hashprice, out);
          grid.thresholdsUsdPerPhDay.forEach((perPh, i) => {
            const x = perPh / 1000;
            const first = hashprice.findIndex((hp) => hp < x);
            const expected = first < 0 ? 60 : first === 0 ? 0 : Math.min(60, first + 1);
            expect(out[i]).toBe(expected);
          });
        },
      ),
      { numRuns: 500, seed: 2 },
    );
  });

  it('reads each rule in words', () => {
    const grid = buildPolicyGrid(scenario, 0.034, []);
    const words = (x: number, deadlineMonth: number) =>
      describeCandidate(grid, { thresholdIndex: x, deadlineMonth }, 60);
    expect(words(-1, 0)).toBe('Convert now');
    expect(words(-1, 60)).toBe('Keep mining (never convert)');
    expect(words(-1, 24)).toBe('Mine, then convert at month 24');
    expect(words(0, 60)).toBe('Mine, convert when hashprice < $8.5/PH/day');
    expect(words(0, 36)).toBe(
      'Mine, convert when hashprice < $8.5/PH/day, at month 36 at the latest',
    );
  });
});
