/**
 * Monte Carlo results as files (docs/monte-carlo.md §11): the percentile tables and fans as one
 * CSV table, and a worksheet for the auditable workbook. Numbers are the engine's, unrounded;
 * hashprice is converted to USD per PH/s per day, the unit the app and the market quote.
 */
import type * as ExcelJS from 'exceljs';
import { buildCalendar } from '../engine/calendar';
import type { DistributionSummary, FanChart, MonteCarloResult } from '../engine/montecarlo/index';
import { type CsvCell, toCsv } from './csv';

/** USD per TH/s per day → USD per PH/s per day. */
const PH_PER_TH = 1000;

/**
 * One rectangular table for every row type, so a pivot table or a filter on `table` reads it:
 * `npv` and `delta_npv_vs_keep_mining` rows (one per strategy; `month` empty), `fan_hashprice`
 * and `fan_cumulative_cash` rows (one per month; the statistics a distribution has and a fan
 * does not are empty). `unit` names the unit of every money column in the row.
 */
export const MONTE_CARLO_CSV_HEADER = [
  'table',
  'strategy_id',
  'strategy',
  'month',
  'month_label',
  'unit',
  'deterministic',
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
  'probability_beats_mining',
  'probability_standard_error',
] as const;

/** The CSV's column names in words, for the worksheet a person reads (the CSV keeps its keys). */
export const MONTE_CARLO_COLUMN_TITLES: Readonly<
  Record<(typeof MONTE_CARLO_CSV_HEADER)[number], string>
> = {
  table: 'Table',
  strategy_id: 'Strategy id',
  strategy: 'Strategy',
  month: 'Month',
  month_label: 'Month label',
  unit: 'Unit',
  deterministic: 'Deterministic (price case)',
  mean: 'Mean',
  standard_error: 'Standard error of the mean',
  ci95_low: '95% CI of the mean, low',
  ci95_high: '95% CI of the mean, high',
  p5: 'P5 (1 in 20 worse)',
  p25: 'P25',
  median: 'Median',
  p75: 'P75',
  p95: 'P95 (1 in 20 better)',
  cvar5: 'Mean of the worst 5% (CVaR 5%)',
  min: 'Worst path',
  max: 'Best path',
  probability_beats_mining: 'Probability it beats keep mining',
  probability_standard_error: 'Standard error of the probability',
};

type Row = CsvCell[];

function distributionCells(deterministic: number, d: DistributionSummary): CsvCell[] {
  return [
    deterministic,
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
  ];
}

/**
 * The percentile tables: the NPV of every strategy, then ΔNPV against keep mining (with the
 * probability of beating it) of every converting strategy. Rows without the header.
 */
export function monteCarloPercentileRows(result: MonteCarloResult): Row[] {
  const npv = result.strategies.map(
    (s): Row => [
      'npv',
      s.strategyId,
      s.label,
      null,
      null,
      'USD',
      ...distributionCells(s.deterministicNpvUsd, s.npv),
      null,
      null,
    ],
  );
  const delta = result.strategies.flatMap((s): Row[] => {
    const versus = s.versusKeepMining;
    if (versus === null) return [];
    return [
      [
        'delta_npv_vs_keep_mining',
        s.strategyId,
        s.label,
        null,
        null,
        'USD',
        ...distributionCells(versus.deterministicDeltaUsd, versus.delta),
        versus.probabilityBeatsMining,
        versus.probabilityStandardError,
      ],
    ];
  });
  return [...npv, ...delta];
}

/** Percentile of a fan by its place in `fan.percentiles` (5, 25, 50, 75, 95). */
function fanBand(fan: FanChart, percentile: number): number[] {
  const index = fan.percentiles.indexOf(percentile);
  if (index < 0) throw new RangeError(`the fan has no P${percentile}`);
  return fan.bands[index]!;
}

function fanRows(
  table: string,
  strategyId: string | null,
  strategy: string | null,
  unit: string,
  fan: FanChart,
  scale: number,
  labels: readonly string[] | null,
): Row[] {
  const [p5, p25, p50, p75, p95] = [5, 25, 50, 75, 95].map((p) => fanBand(fan, p));
  return fan.deterministic.map(
    (deterministic, m): Row => [
      table,
      strategyId,
      strategy,
      m,
      labels?.[m] ?? null,
      unit,
      deterministic * scale,
      null,
      null,
      null,
      null,
      p5![m]! * scale,
      p25![m]! * scale,
      p50![m]! * scale,
      p75![m]! * scale,
      p95![m]! * scale,
      null,
      null,
      null,
      null,
      null,
    ],
  );
}

/** Month labels (YYYY-MM) of the result's horizon, when the start month is known. */
function monthLabels(result: MonteCarloResult, startMonth: string | undefined): string[] | null {
  if (startMonth === undefined) return null;
  const horizon = result.fanCharts.hashpriceUsdPerThDay.deterministic.length;
  return buildCalendar(startMonth, horizon).map((month) => month.label);
}

/**
 * The fans by month: hashprice (USD per PH/s per day), then the cumulative net cash (USD) of
 * each strategy. Rows without the header; `startMonth` (the scenario's) fills `month_label`.
 */
export function monteCarloFanRows(result: MonteCarloResult, startMonth?: string): Row[] {
  const labels = monthLabels(result, startMonth);
  return [
    ...fanRows(
      'fan_hashprice',
      null,
      null,
      'USD/PH/day',
      result.fanCharts.hashpriceUsdPerThDay,
      PH_PER_TH,
      labels,
    ),
    ...result.fanCharts.cumulativeCashUsd.flatMap((fan) =>
      fanRows('fan_cumulative_cash', fan.strategyId, fan.label, 'USD', fan, 1, labels),
    ),
  ];
}

/**
 * The Monte Carlo as one CSV table (RFC 4180 via `toCsv`; prepend `UTF8_BOM` for a file):
 * {@link MONTE_CARLO_CSV_HEADER}, the percentile tables, then the fans by month.
 */
export function monteCarloCsv(result: MonteCarloResult, startMonth?: string): string {
  return toCsv([
    [...MONTE_CARLO_CSV_HEADER],
    ...monteCarloPercentileRows(result),
    ...monteCarloFanRows(result, startMonth),
  ]);
}

/** `<scenario>--monte-carlo-<paths>-seed-<seed>.csv`, with the caller's file-name slug. */
export function monteCarloCsvFileName(scenarioSlug: string, result: MonteCarloResult): string {
  return `${scenarioSlug}--monte-carlo-${result.pathsEvaluated}-paths-seed-${result.settings.seed}.csv`;
}

const USD_FORMAT = '#,##0;-#,##0';
const PROBABILITY_FORMAT = '0.00%';
const HASHPRICE_FORMAT = '0.00';

/** The sheet's name: "Monte Carlo", or "Monte Carlo (2)" … if a sheet already has it. */
function freeSheetName(workbook: ExcelJS.Workbook): string {
  let name = 'Monte Carlo';
  for (let n = 2; workbook.getWorksheet(name) !== undefined; n += 1) name = `Monte Carlo (${n})`;
  return name;
}

/**
 * Adds a "Monte Carlo" worksheet to a workbook (the caller's exceljs instance; nothing is
 * loaded here): the run's settings, the NPV and ΔNPV percentile tables, the best conversion rule
 * and the value of waiting, then the fans by month. Values, not formulas: these are simulation
 * outputs with no spreadsheet recomputation. Returns the sheet.
 */
export function addMonteCarloSheet(
  workbook: ExcelJS.Workbook,
  result: MonteCarloResult,
  startMonth?: string,
): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(freeSheetName(workbook));
  const s = result.settings;
  let row = 1;
  const put = (
    values: readonly (string | number | null)[],
    options: { bold?: boolean; formats?: string[] } = {},
  ) => {
    const target = sheet.getRow(row);
    target.values = [...values];
    if (options.bold) target.font = { bold: true };
    options.formats?.forEach((format, column) => {
      if (format) target.getCell(column + 1).numFmt = format;
    });
    row += 1;
    return target;
  };

  put(['Monte Carlo: NPV distributions, risk and when to convert'], { bold: true });
  put([
    `${result.pathsEvaluated} paths, seed ${s.seed}; BTC price around the "${s.priceCase}" case as its mean${
      s.driftPctPerYear === null ? '' : ` (drift ${s.driftPctPerYear}%/yr)`
    }, volatility ${s.volatilityPctPerYear}%/yr, jumps: ${s.jumps}; difficulty elasticity ${s.difficultyElasticityPerMonth}/month, lag ${s.difficultyLagMonths} months; lease side: ${s.leaseRisk}. ${s.generator}.`,
  ]);
  put([
    `Money in USD. Percentiles within ${(result.accuracy.npvQuantileRelativeError * 100).toFixed(2)}% of their deviation from the deterministic value (fans ${(result.accuracy.fanQuantileRelativeError * 100).toFixed(2)}%); the 95% CI is the Monte Carlo error of the mean.`,
  ]);
  row += 1;

  // The percentile tables: the CSV's columns from `strategy` on, without the fan-only ones and
  // the unit (USD throughout).
  const header = MONTE_CARLO_CSV_HEADER.slice(2).filter(
    (c) => c !== 'month' && c !== 'month_label' && c !== 'unit',
  );
  const moneyFormats = header.map((column) =>
    column.startsWith('probability') ? PROBABILITY_FORMAT : column === 'strategy' ? '' : USD_FORMAT,
  );
  const percentileRows = monteCarloPercentileRows(result);
  for (const table of ['npv', 'delta_npv_vs_keep_mining']) {
    put([table === 'npv' ? 'NPV by strategy' : 'ΔNPV: strategy minus keep mining, path by path'], {
      bold: true,
    });
    const headerRow = put(
      header.map((column) => MONTE_CARLO_COLUMN_TITLES[column]),
      { bold: true },
    );
    headerRow.alignment = { wrapText: true, vertical: 'top' };
    headerRow.height = 48;
    for (const cells of percentileRows.filter((r) => r[0] === table)) {
      put([cells[2]!, ...cells.slice(6)] as (string | number | null)[], {
        formats: ['', ...moneyFormats.slice(1)],
      });
    }
    row += 1;
  }

  const { policy } = result;
  put(['When to convert: the best "mine until hashprice < X or month k, then convert" rule'], {
    bold: true,
  });
  const usd = { formats: ['', USD_FORMAT] };
  put(['Best rule', policy.best.description]);
  put(['Rules searched', policy.rules.length]);
  put(['Mean NPV of the best rule', policy.best.meanNpvUsd], usd);
  put(['Mean NPV of converting now', policy.convertNowMeanNpvUsd], usd);
  put(['Mean NPV of keeping mining', policy.keepMiningMeanNpvUsd], usd);
  put(['Value of waiting (best rule − convert now)', policy.optionValueUsd], usd);
  put(
    ['Standard error of the value of waiting', policy.best.standardErrorVersusConvertNowUsd],
    usd,
  );
  put(
    [
      'Cross-validated value of waiting',
      Number.isFinite(policy.crossValidatedOptionValueUsd)
        ? policy.crossValidatedOptionValueUsd
        : 'n/a',
    ],
    usd,
  );
  put(['Share of paths on which the rule converts', policy.best.probabilityConverts], {
    formats: ['', PROBABILITY_FORMAT],
  });
  put(['Median conversion month', policy.best.medianConversionMonth ?? 'never (most paths)']);
  row += 1;

  // Fans side by side by month: hashprice, then each strategy's cumulative cash.
  const labels = monthLabels(result, startMonth);
  const fans: { title: string; fan: FanChart; scale: number; format: string }[] = [
    {
      title: 'Hashprice, USD/PH/day',
      fan: result.fanCharts.hashpriceUsdPerThDay,
      scale: PH_PER_TH,
      format: HASHPRICE_FORMAT,
    },
    ...result.fanCharts.cumulativeCashUsd.map((fan) => ({
      title: `Cumulative net cash, USD: ${fan.label}`,
      fan,
      scale: 1,
      format: USD_FORMAT,
    })),
  ];
  const statistics = ['P5', 'P25', 'Median', 'P75', 'P95', 'Deterministic'];
  put(['Fans by month'], { bold: true });
  put(['', '', ...fans.flatMap((f) => [f.title, '', '', '', '', ''])], { bold: true });
  put(['Month', 'Label', ...fans.flatMap(() => statistics)], { bold: true });
  const formats = ['', '', ...fans.flatMap((f) => statistics.map(() => f.format))];
  const horizon = result.fanCharts.hashpriceUsdPerThDay.deterministic.length;
  for (let m = 0; m < horizon; m += 1) {
    put(
      [
        m,
        labels?.[m] ?? null,
        ...fans.flatMap(({ fan, scale }) => [
          ...[5, 25, 50, 75, 95].map((p) => fanBand(fan, p)[m]! * scale),
          fan.deterministic[m]! * scale,
        ]),
      ],
      { formats },
    );
  }
  sheet.getColumn(1).width = 44;
  for (let c = 2; c <= 2 + fans.length * statistics.length; c += 1) sheet.getColumn(c).width = 15;
  return sheet;
}
