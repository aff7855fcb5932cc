import { Index, type JSX } from 'solid-js';
import type { BreakevenResult, Evaluation, SensitivityInput } from '../../engine/index';
import { formatNumber, formatUsd, formatUsdShort } from '../format';

interface Row {
  readonly label: string;
  /** The input in a sentence: "at every {noun} from … to …". */
  readonly noun: string;
  readonly result: BreakevenResult;
  readonly current: number;
  readonly format: (value: number) => string;
  /** The tornado row of the same input, which tells on which side of the breakeven mining wins. */
  readonly input: SensitivityInput;
}

/** The four solved breakevens: where converting now and keeping mining have equal NPV. */
export function Breakevens(props: { evaluation: Evaluation }): JSX.Element {
  const rows = (): Row[] => {
    const { breakevens, scenario, cases, referenceCaseIndex } = props.evaluation;
    if (!breakevens.computed) return [];
    const pricing = scenario.power.pricing;
    const perMwh = (v: number) => `${formatUsd(v, 2)}/MWh`;
    return [
      {
        label: 'BTC price, flat every month',
        noun: 'BTC price',
        result: breakevens.flatBtcPriceUsd,
        current: cases[referenceCaseIndex]!.series.btcPriceUsd[0]!,
        format: (v) => formatUsd(v),
        input: 'btcPrice',
      },
      {
        label: 'Lease rate, year 1',
        noun: 'lease rate',
        result: breakevens.leaseRateUsdPerKwMonth,
        current: scenario.lease.rateUsdPerKwMonth,
        format: (v) => `${formatUsd(v, 2)}/kW-mo`,
        input: 'leaseRate',
      },
      {
        label:
          breakevens.powerPriceMeaning === 'index-adder'
            ? 'Power price adder over the index'
            : 'Power price, year 1',
        noun: 'power price',
        result: breakevens.powerPriceUsdPerMwh,
        current: pricing.kind === 'fixed' ? pricing.priceUsdPerMwh : pricing.adderUsdPerMwh,
        format: perMwh,
        input: 'powerPrice',
      },
      {
        label: 'Conversion capex',
        noun: 'capex',
        result: breakevens.capexUsdPerItMw,
        current: scenario.conversion.capexUsdPerItMw,
        format: (v) => `${formatUsdShort(v)} per IT MW`,
        input: 'capex',
      },
    ];
  };
  const caseName = () =>
    props.evaluation.breakevens.computed ? props.evaluation.breakevens.caseName : '';
  return (
    <div>
      <p class="section-note">
        Converting now and keeping mining have equal NPV at these values, everything else held (
        {caseName()} case for the lease, power and capex breakevens).
      </p>
      <dl class="breakevens" id="breakevens-list">
        <Index each={rows()}>
          {(row) => (
            <div class="breakeven">
              <dt>{row().label}</dt>
              <dd
                class="breakeven-value num"
                classList={{ 'breakeven-none': row().result.kind !== 'value' }}
              >
                {describe(row())}
              </dd>
              <dd class="breakeven-note">{noteText(row(), props.evaluation)}</dd>
            </div>
          )}
        </Index>
      </dl>
    </div>
  );
}

/**
 * "; mining wins above it", read from the engine's tornado: if moving the input up lowers the
 * conversion advantage, mining wins above the breakeven.
 */
function sideText(evaluation: Evaluation, input: SensitivityInput): string {
  const row = evaluation.sensitivity.find((r) => r.input === input);
  if (!row || row.highAdvantageUsd === row.lowAdvantageUsd) return '';
  return `; mining wins ${row.highAdvantageUsd < row.lowAdvantageUsd ? 'above' : 'below'} it`;
}

/** "Now $158.70/kW-mo (breakeven −61% away); mining wins below it." */
function noteText(row: Row, evaluation: Evaluation): string {
  const now = `Now ${row.format(row.current)}`;
  if (row.result.kind !== 'value') {
    const leader = row.result.kind === 'convert-ahead-throughout' ? 'Converting' : 'Mining';
    return `${leader} leads at every ${row.noun} from ${row.format(row.result.searchedFrom)} to ${row.format(row.result.searchedTo)}. ${now}.`;
  }
  return `${now} (${headroom(row.current, row.result.value)})${sideText(evaluation, row.input)}.`;
}

function describe(row: Row): string {
  const result = row.result;
  switch (result.kind) {
    case 'value':
      return row.format(result.value);
    // The search range is not a finding: say there is none, and put the range in the note.
    case 'convert-ahead-throughout':
    case 'mine-ahead-throughout':
      return 'No breakeven in range';
  }
}

/** How far the breakeven sits from today's value, as a percentage of today's value. */
function headroom(current: number, breakeven: number): string {
  if (current === 0) return 'breakeven differs from zero';
  const pct = ((breakeven - current) / Math.abs(current)) * 100;
  return `breakeven ${pct >= 0 ? '+' : '−'}${formatNumber(Math.abs(pct), 0)}% away`;
}
