import type { DistributionSummary, MonteCarloResult } from './results';

/**
 * A readable plain-text summary of a Monte Carlo result, for the command line: the settings, NPV
 * distribution per strategy, ΔNPV against keep mining with the probability that converting wins,
 * the best "when to convert" rule and the value of waiting, and a few months of the hashprice fan.
 * Money in USD millions.
 *
 * @example formatMonteCarloSummary(runMonteCarlo(scenario, { paths: 1000 })) starts with
 *   "Monte Carlo: 1,000 paths, seed 42".
 */
export function formatMonteCarloSummary(result: MonteCarloResult): string {
  const { settings, policy } = result;
  const lines: string[] = [];
  lines.push(
    `Monte Carlo: ${count(result.pathsEvaluated)} paths, seed ${settings.seed}; price case "${settings.priceCase}" as the mean path${
      settings.driftPctPerYear === null ? '' : ` (drift ${settings.driftPctPerYear}%/yr)`
    }, volatility ${settings.volatilityPctPerYear}%/yr, jumps: ${settings.jumps};`,
    `difficulty responds to hashprice: elasticity ${settings.difficultyElasticityPerMonth}/month, lag ${settings.difficultyLagMonths} month${settings.difficultyLagMonths === 1 ? '' : 's'};`,
    `lease side: ${settings.leaseRisk}.`,
    '',
  );

  lines.push(
    ...table(
      ['NPV (USD M)', 'Determ.', 'Mean', '± 95% CI', 'P5', 'Median', 'P95', 'CVaR 5%'],
      result.strategies.map((s) => [
        s.label,
        millions(s.deterministicNpvUsd),
        ...distributionCells(s.npv),
      ]),
    ),
    '',
  );

  lines.push(
    ...table(
      [
        'Δ vs keep mining (USD M)',
        'Determ.',
        'Mean',
        '± 95% CI',
        'P5',
        'Median',
        'P95',
        'CVaR 5%',
        'P(converting wins)',
      ],
      result.strategies.flatMap((s) => {
        const versus = s.versusKeepMining;
        if (versus === null) return [];
        return [
          [
            s.label,
            millions(versus.deterministicDeltaUsd),
            ...distributionCells(versus.delta),
            `${percent(versus.probabilityBeatsMining)} (95%: ${percent(versus.probabilityInterval95[0])}–${percent(versus.probabilityInterval95[1])})`,
          ],
        ];
      }),
    ),
    '',
  );

  const best = policy.best;
  lines.push(
    `When to convert: best of ${count(policy.rules.length)} rules "mine until hashprice < X or month k, then convert".`,
    `  Best rule: ${best.description}: mean NPV ${millions(best.meanNpvUsd)}M; converts on ${percent(best.probabilityConverts)} of paths${
      best.medianConversionMonth === null ? '' : `, median month ${best.medianConversionMonth}`
    }.`,
    `  Versus convert now: ${signedMillions(best.versusConvertNowUsd)}M ± ${millions(Z_95 * best.standardErrorVersusConvertNowUsd)}M; versus keep mining: ${signedMillions(best.versusKeepMiningUsd)}M.`,
    `  Value of waiting (best rule − convert now): ${millions(policy.optionValueUsd)}M; cross-validated (rule picked on half the paths, valued on the other): ${millions(policy.crossValidatedOptionValueUsd)}M.`,
    '',
  );

  const fan = result.fanCharts.hashpriceUsdPerThDay;
  const horizon = fan.deterministic.length;
  const months = [0, 12, 24, 60, 120, horizon - 1].filter(
    (m, i, all) => m < horizon && all.indexOf(m) === i,
  );
  lines.push(
    ...table(
      ['Hashprice (USD/PH/day)', ...months.map((m) => `month ${m}`)],
      fan.percentiles
        .map((p, i) => [`P${p}`, ...months.map((m) => (fan.bands[i]![m]! * 1000).toFixed(1))])
        .concat([
          ['deterministic', ...months.map((m) => (fan.deterministic[m]! * 1000).toFixed(1))],
        ]),
    ),
    '',
    `Means are exact sums (±95% CI shown); quantiles within ${percent(result.accuracy.npvQuantileRelativeError, 2)} of the value's deviation from the deterministic one (fans ${percent(result.accuracy.fanQuantileRelativeError, 2)}).`,
    '',
  );
  return lines.join('\n');
}

const Z_95 = 1.959963984540054;

function distributionCells(d: DistributionSummary): string[] {
  return [
    millions(d.meanUsd),
    millions(Z_95 * d.standardErrorUsd),
    millions(d.p5Usd),
    millions(d.medianUsd),
    millions(d.p95Usd),
    millions(d.cvar5Usd),
  ];
}

/** Columns padded to their widest cell; the first left-aligned, the others right-aligned. */
function table(header: string[], rows: string[][]): string[] {
  const all = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...all.map((row) => (row[c] ?? '').length)));
  return all.map((row) =>
    row
      .map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!)))
      .join('  ')
      .trimEnd(),
  );
}

function millions(usd: number): string {
  return (usd / 1e6).toLocaleString('en-US', {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  });
}

function signedMillions(usd: number): string {
  return `${usd >= 0 ? '+' : '−'}${millions(Math.abs(usd))}`;
}

function percent(share: number, digits = 1): string {
  return `${(share * 100).toFixed(digits)}%`;
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}
