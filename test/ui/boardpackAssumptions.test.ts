import { describe, expect, it } from 'vitest';
import { DEFAULT_REFRESH } from '../../src/schema/scenario';
import { fleetRefresh } from '../../src/ui/boardpack/assumptions';

describe('board pack assumptions: the fleet refresh in words', () => {
  const refresh = { ...DEFAULT_REFRESH, enabled: true } as const;

  it('states the trigger: end of life, or the payback test with its N', () => {
    expect(fleetRefresh({ ...refresh, enabled: false })).toBe(
      'None: the installed machines mine to the horizon',
    );
    expect(fleetRefresh(refresh)).toBe(
      'Frontier machine at $16.00 per TH/s (follows hashprice), bought at end of life (5 years)',
    );
    expect(fleetRefresh({ ...refresh, trigger: 'payback', paybackMonths: 18 })).toBe(
      'Frontier machine at $16.00 per TH/s (follows hashprice), bought at end of life (5 years) or earlier when it pays back within 18 months',
    );
  });
});
