import { describe, expect, it } from 'vitest';
import { REFERENCE_ASIC_MODELS } from '../../src/data/asic-models';
import { LEASE_DEALS } from '../../src/data/lease-deals';
import { readReferenceFile } from '../support/reference';

// The built app carries its own copy of the reference tables; the tests compare it with the
// repository's vendored copy (test/fixtures/reference/README.md).

function csvRows(file: string): string[][] {
  const rows: string[][] = [];
  for (const line of readReferenceFile(file).trim().split('\n').slice(1)) {
    const cells: string[] = [];
    for (const match of line.matchAll(/("([^"]*)"|[^,]*)(,|$)/g)) {
      cells.push(match[2] ?? match[1] ?? '');
      if (match[3] === '') break;
    }
    rows.push(cells);
  }
  return rows;
}

describe('bundled reference data matches the vendored reference tables', () => {
  it('has every ASIC model with its TH/s, W and listing price', () => {
    const rows = csvRows('asic-models.csv');
    expect(
      REFERENCE_ASIC_MODELS.map((m) => [m.model, m.hashrateThs, m.powerW, m.listingPriceUsd]),
    ).toEqual(rows.map((r) => [r[0], Number(r[2]), Number(r[3]), r[7] ? Number(r[7]) : null]));
  });

  it('has every lease deal with its implied rent', () => {
    const rows = csvRows('ai-lease-deals.csv');
    expect(LEASE_DEALS.map((d) => [d.company, d.site, d.termYears, d.avgUsdPerItKwMonth])).toEqual(
      rows.map((r) => [r[0], r[1], Number(r[6]), r[11] ? Number(r[11]) : null]),
    );
  });
});
