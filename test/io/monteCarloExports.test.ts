import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { buildCalendar } from '../../src/engine/index';
import { runMonteCarlo } from '../../src/engine/montecarlo/index';
import {
  addMonteCarloSheet,
  MONTE_CARLO_COLUMN_TITLES,
  MONTE_CARLO_CSV_HEADER,
  monteCarloCsv,
  monteCarloCsvFileName,
  monteCarloFanRows,
  monteCarloPercentileRows,
} from '../../src/io/monteCarloExports';
import { readCsv } from '../support/csvReader';
import { loadScenarioFile } from '../support/fixtures';

const scenario = loadScenarioFile('texas-300mw-hut8-style-lease.json');
const result = runMonteCarlo(scenario, { paths: 600, seed: 42 });
const horizon = result.fanCharts.hashpriceUsdPerThDay.deterministic.length;
const startMonth = scenario.startMonth;

const records = readCsv(monteCarloCsv(result, startMonth));
const [header, ...body] = records;
const column = (name: (typeof MONTE_CARLO_CSV_HEADER)[number]) =>
  MONTE_CARLO_CSV_HEADER.indexOf(name);
const rowsOf = (table: string) => body.filter((row) => row[0] === table);
/** A CSV field back to a number; empty stays null. */
const num = (text: string | undefined) => (text === '' || text === undefined ? null : Number(text));

describe('monteCarloCsv', () => {
  it('is one rectangular table that parses back: header, percentile rows, fan rows', () => {
    expect(header).toEqual([...MONTE_CARLO_CSV_HEADER]);
    for (const row of body) expect(row).toHaveLength(MONTE_CARLO_CSV_HEADER.length);
    const strategies = result.strategies.length;
    expect(rowsOf('npv')).toHaveLength(strategies);
    expect(rowsOf('delta_npv_vs_keep_mining')).toHaveLength(strategies - 1);
    expect(rowsOf('fan_hashprice')).toHaveLength(horizon);
    expect(rowsOf('fan_cumulative_cash')).toHaveLength(horizon * strategies);
    expect(body).toHaveLength(2 * strategies - 1 + horizon * (1 + strategies));
  });

  it('writes every NPV statistic of every strategy exactly as the engine computed it', () => {
    rowsOf('npv').forEach((row, s) => {
      const strategy = result.strategies[s]!;
      const d = strategy.npv;
      expect(row.slice(1, 3)).toEqual([strategy.strategyId, strategy.label]);
      expect(row[column('unit')]).toBe('USD');
      expect(num(row[column('deterministic')])).toBe(strategy.deterministicNpvUsd);
      expect(
        [
          'mean',
          'standard_error',
          'ci95_low',
          'ci95_high',
          'p5',
          'p25',
          'median',
          'p75',
          'p95',
          'cvar5',
          'min',
          'max',
        ].map((name) => num(row[column(name as (typeof MONTE_CARLO_CSV_HEADER)[number])])),
      ).toEqual([
        d.meanUsd,
        d.standardErrorUsd,
        d.ci95Usd[0],
        d.ci95Usd[1],
        d.p5Usd,
        d.p25Usd,
        d.medianUsd,
        d.p75Usd,
        d.p95Usd,
        d.cvar5Usd,
        d.minUsd,
        d.maxUsd,
      ]);
      expect(row[column('probability_beats_mining')]).toBe('');
      expect(row[column('month')]).toBe('');
    });
  });

  it('writes ΔNPV against keep mining with the probability of beating it', () => {
    const converting = result.strategies.filter((s) => s.versusKeepMining !== null);
    rowsOf('delta_npv_vs_keep_mining').forEach((row, i) => {
      const versus = converting[i]!.versusKeepMining!;
      expect(row[1]).toBe(converting[i]!.strategyId);
      expect(num(row[column('deterministic')])).toBe(versus.deterministicDeltaUsd);
      expect(num(row[column('mean')])).toBe(versus.delta.meanUsd);
      expect(num(row[column('p5')])).toBe(versus.delta.p5Usd);
      expect(num(row[column('cvar5')])).toBe(versus.delta.cvar5Usd);
      expect(num(row[column('probability_beats_mining')])).toBe(versus.probabilityBeatsMining);
      expect(num(row[column('probability_standard_error')])).toBe(versus.probabilityStandardError);
    });
  });

  it('writes the fans month by month: hashprice in USD/PH/day, cash in USD, with month labels', () => {
    const labels = buildCalendar(startMonth, horizon).map((m) => m.label);
    const hashprice = result.fanCharts.hashpriceUsdPerThDay;
    rowsOf('fan_hashprice').forEach((row, m) => {
      expect(num(row[column('month')])).toBe(m);
      expect(row[column('month_label')]).toBe(labels[m]);
      expect(row[column('unit')]).toBe('USD/PH/day');
      expect(num(row[column('p5')])).toBe(hashprice.bands[0]![m]! * 1000);
      expect(num(row[column('median')])).toBe(hashprice.bands[2]![m]! * 1000);
      expect(num(row[column('p95')])).toBe(hashprice.bands[4]![m]! * 1000);
      expect(num(row[column('deterministic')])).toBe(hashprice.deterministic[m]! * 1000);
      expect(row[column('mean')]).toBe('');
    });
    const cash = rowsOf('fan_cumulative_cash');
    result.fanCharts.cumulativeCashUsd.forEach((fan, f) => {
      const rows = cash.slice(f * horizon, (f + 1) * horizon);
      expect(new Set(rows.map((row) => row[1]))).toEqual(new Set([fan.strategyId]));
      rows.forEach((row, m) => {
        expect(num(row[column('p25')])).toBe(fan.bands[1]![m]!);
        expect(num(row[column('p75')])).toBe(fan.bands[3]![m]!);
        expect(num(row[column('deterministic')])).toBe(fan.deterministic[m]!);
      });
    });
  });

  it('leaves month labels empty without a start month; row builders match the file', () => {
    const rows = readCsv(monteCarloCsv(result)).slice(1);
    expect(rows.filter((row) => row[column('month_label')] !== '')).toEqual([]);
    expect(monteCarloPercentileRows(result)).toHaveLength(2 * result.strategies.length - 1);
    expect(monteCarloFanRows(result)).toHaveLength(horizon * (1 + result.strategies.length));
    expect(monteCarloCsvFileName('texas-300-mw', result)).toBe(
      'texas-300-mw--monte-carlo-600-paths-seed-42.csv',
    );
  });
});

describe('addMonteCarloSheet', () => {
  async function roundTrip(): Promise<ExcelJS.Workbook> {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Summary');
    addMonteCarloSheet(workbook, result, startMonth);
    addMonteCarloSheet(workbook, result, startMonth); // a second one gets its own name
    const bytes = await workbook.xlsx.writeBuffer();
    const loaded = new ExcelJS.Workbook();
    await loaded.xlsx.load(bytes);
    return loaded;
  }

  /** Row number of the first row whose column A is `text`. */
  function rowOf(sheet: ExcelJS.Worksheet, text: string, from = 1): number {
    for (let r = from; r <= sheet.rowCount; r += 1) {
      if (sheet.getCell(r, 1).value === text) return r;
    }
    throw new Error(`no row "${text}"`);
  }

  it('adds a "Monte Carlo" sheet whose tables hold the engine’s numbers', async () => {
    const workbook = await roundTrip();
    expect(workbook.worksheets.map((w) => w.name)).toEqual([
      'Summary',
      'Monte Carlo',
      'Monte Carlo (2)',
    ]);
    const sheet = workbook.getWorksheet('Monte Carlo')!;
    expect(String(sheet.getCell('A2').value)).toContain('600 paths, seed 42');

    const npvHeader = rowOf(sheet, 'NPV by strategy') + 1;
    const headerRow = sheet.getRow(npvHeader);
    expect([1, 2, 3, 9, 12, 15].map((c) => headerRow.getCell(c).value)).toEqual(
      (
        [
          'strategy',
          'deterministic',
          'mean',
          'median',
          'cvar5',
          'probability_beats_mining',
        ] as const
      ).map((key) => MONTE_CARLO_COLUMN_TITLES[key]),
    );
    result.strategies.forEach((strategy, s) => {
      const row = sheet.getRow(npvHeader + 1 + s);
      expect(row.getCell(1).value).toBe(strategy.label);
      expect(row.getCell(2).value).toBe(strategy.deterministicNpvUsd);
      expect(row.getCell(3).value).toBe(strategy.npv.meanUsd);
      expect(row.getCell(9).value).toBe(strategy.npv.medianUsd);
      expect(row.getCell(12).value).toBe(strategy.npv.cvar5Usd);
    });

    const deltaHeader = rowOf(sheet, 'ΔNPV: strategy minus keep mining, path by path') + 1;
    const converting = result.strategies.filter((s) => s.versusKeepMining !== null);
    converting.forEach((strategy, i) => {
      const row = sheet.getRow(deltaHeader + 1 + i);
      expect(row.getCell(1).value).toBe(strategy.label);
      expect(row.getCell(3).value).toBe(strategy.versusKeepMining!.delta.meanUsd);
      expect(row.getCell(15).value).toBe(strategy.versusKeepMining!.probabilityBeatsMining);
      expect(row.getCell(15).numFmt).toBe('0.00%');
    });

    const best = rowOf(sheet, 'Best rule');
    expect(sheet.getCell(best, 2).value).toBe(result.policy.best.description);
    expect(sheet.getCell(rowOf(sheet, 'Value of waiting (best rule − convert now)'), 2).value).toBe(
      result.policy.optionValueUsd,
    );

    const month0 = rowOf(sheet, 'Month') + 1;
    expect(sheet.getCell(month0, 1).value).toBe(0);
    expect(sheet.getCell(month0, 2).value).toBe(startMonth);
    const hashprice = result.fanCharts.hashpriceUsdPerThDay;
    expect(sheet.getCell(month0, 3).value).toBe(hashprice.bands[0]![0]! * 1000);
    expect(sheet.getCell(month0, 8).value).toBe(hashprice.deterministic[0]! * 1000);
    const lastMonth = sheet.getRow(month0 + horizon - 1);
    const keepMining = result.fanCharts.cumulativeCashUsd[0]!;
    expect(lastMonth.getCell(1).value).toBe(horizon - 1);
    expect(lastMonth.getCell(9 + 2).value).toBe(keepMining.bands[2]![horizon - 1]!);
  });
});
