import { describe, expect, it } from 'vitest';
import { LedgerDecimal } from '../../src/engine/decimalArith';
import { evaluate, LEDGER_COLUMNS } from '../../src/engine/index';
import { comparisonTableRows } from '../../src/io/comparisonTable';
import { toCsv } from '../../src/io/csv';
import {
  allLedgersCsv,
  comparisonCsv,
  fileNameSlug,
  ledgerCsv,
  ledgerCsvFileName,
  ledgersOf,
} from '../../src/io/csvExports';
import { readCsv } from '../support/csvReader';
import { loadScenarioFile } from '../support/fixtures';

const evaluation = evaluate(loadScenarioFile('texas-300mw-hut8-style-lease.json'), {
  breakevens: false,
  sensitivity: false,
});
const ledgers = ledgersOf(evaluation);
const MONEY_COLUMNS = LEDGER_COLUMNS.length;

describe('ledgersOf', () => {
  it('gives one ledger per strategy × price case, the searched month placed per case', () => {
    const pairs = evaluation.cases.flatMap((c) =>
      c.strategies.map((s) => `${c.priceCase.name}/${s.strategyId}@${s.conversionStartMonth}`),
    );
    expect(ledgers.map((l) => `${l.caseName}/${l.strategyId}@${l.conversionStartMonth}`)).toEqual(
      pairs,
    );
  });
});

describe('ledgerCsv', () => {
  it.each(ledgers.map((ledger) => [`${ledger.caseName}/${ledger.strategyId}`, ledger] as const))(
    '%s equals the decimal ledger of record to the cent',
    (_, ledger) => {
      const [header, ...records] = readCsv(ledgerCsv(ledger));
      expect(header!.slice(0, 2)).toEqual(['month', 'end_date']);
      // Every money column names its unit.
      for (const name of header!.slice(2)) expect(name).toMatch(/_usd$/);
      const body = records.slice(0, -1);
      expect(body).toHaveLength(ledger.rows.length);
      body.forEach((record, m) => {
        const row = ledger.rows[m]!;
        expect(record.slice(0, 2)).toEqual([row.month, row.endIsoDate]);
        expect(record.slice(2)).toEqual(LEDGER_COLUMNS.map((column) => row.amounts[column]));
      });
      expect(records.at(-1)).toEqual([
        'TOTAL',
        '',
        ...LEDGER_COLUMNS.map((column) => ledger.totals[column]),
      ]);
    },
  );

  it('writes plain numbers: a dot for decimals, no thousands separators, no quotes', () => {
    const csv = ledgerCsv(ledgers[1]!);
    for (const record of readCsv(csv).slice(1)) {
      for (const field of record.slice(2)) expect(field).toMatch(/^-?\d+\.\d{2}$/);
    }
    expect(csv).not.toContain('"');
  });
});

describe('allLedgersCsv', () => {
  const [header, ...records] = readCsv(allLedgersCsv(ledgers));

  it('has strategy and case columns, then the ledger columns, and one row per month', () => {
    expect(header!.slice(0, 5)).toEqual([
      'price_case',
      'strategy_id',
      'strategy',
      'month',
      'end_date',
    ]);
    expect(header).toHaveLength(5 + MONEY_COLUMNS);
    expect(records).toHaveLength(ledgers.reduce((sum, l) => sum + l.rows.length, 0));
    expect(records.some((record) => record[3] === 'TOTAL')).toBe(false);
  });

  it('sums, by case and strategy, to each ledger total exactly (decimal)', () => {
    for (const ledger of ledgers) {
      const own = records.filter(
        (r) =>
          r[0] === ledger.caseName && r[1] === ledger.strategyId && r[2] === ledger.strategyLabel,
      );
      expect(own).toHaveLength(ledger.rows.length);
      LEDGER_COLUMNS.forEach((column, c) => {
        const total = own.reduce(
          (sum, record) => sum.plus(new LedgerDecimal(record[5 + c]!)),
          new LedgerDecimal(0),
        );
        expect(total.toFixed(2), column).toBe(ledger.totals[column]);
      });
    }
  });

  it('neutralises a price case name that could start a formula', () => {
    const renamed = ledgers.slice(0, 1).map((l) => ({ ...l, caseName: '=HYPERLINK("x")' }));
    expect(readCsv(allLedgersCsv(renamed))[1]![0]).toBe(`'=HYPERLINK("x")`);
  });

  it('is empty for no ledgers', () => {
    expect(allLedgersCsv([])).toBe('');
  });
});

describe('comparisonCsv', () => {
  it('is the comparison table written by the CSV writer', () => {
    expect(comparisonCsv(evaluation)).toBe(toCsv(comparisonTableRows(evaluation)));
  });

  it('neutralises a scenario name that could start a formula', () => {
    const named = { ...evaluation, scenario: { ...evaluation.scenario, name: '@SUM(A1:A9)' } };
    expect(readCsv(comparisonCsv(named))[1]![0]).toBe("'@SUM(A1:A9)");
  });
});

describe('file names', () => {
  it.each([
    ['Texas 300 MW — fixed-price power', 'texas-300-mw-fixed-price-power'],
    ['Québec hydro', 'quebec-hydro'],
    ['../../etc/passwd', 'etc-passwd'],
    ['—', 'scenario'],
    ['a'.repeat(100), 'a'.repeat(60)],
  ])('slug of %j is %j', (name, slug) => {
    expect(fileNameSlug(name)).toBe(slug);
  });

  it('names a ledger file by scenario, case and strategy', () => {
    expect(ledgerCsvFileName(evaluation.scenario.name, ledgers[1]!)).toBe(
      'texas-300-mw-fixed-price-power-15-year-nnn-lease-offer--bear--convert-now.csv',
    );
  });
});
