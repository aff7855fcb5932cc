import { createMemo, createSignal, type JSX, Show } from 'solid-js';
import {
  difficultyForHashpriceUsdPerPhDay,
  difficultyForNetworkHashrateEhs,
  type HashpriceMarket,
  hashpriceUsdPerPhDayOf,
  networkHashrateEhsOf,
} from '../../engine/networkUnits';
import { getAt } from '../../state/paths';
import { useApp } from '../context';
import { formatNumber, parseInputNumber } from '../format';
import { NUMBER_INPUT } from './controls';

const DIFFICULTY_PATH = ['network', 'difficulty'] as const;

/**
 * Network hashrate (EH/s) and first-month hashprice ($/PH/day) beside difficulty, live: typing
 * either sets the difficulty that implies it (conversions in engine/networkUnits.ts), so a user
 * can start from whichever figure they know. Hashprice uses the reference case's first-month BTC
 * price and BTC per block from the last evaluation.
 */
export function NetworkEquivalents(): JSX.Element {
  const app = useApp();
  const difficulty = () => {
    const value = getAt(app.activeTab().draft, DIFFICULTY_PATH);
    return typeof value === 'number' && value > 0 ? value : null;
  };
  const market = createMemo((): (HashpriceMarket & { caseName: string }) | null => {
    const evaluation = app.results().evaluation;
    if (!evaluation) return null;
    const reference = evaluation.cases[evaluation.referenceCaseIndex]!;
    return {
      caseName: reference.priceCase.name,
      btcPriceUsd: reference.series.btcPriceUsd[0]!,
      btcPerBlock:
        reference.series.subsidyBtcPerBlock[0]! + evaluation.scenario.network.feesBtcPerBlock,
    };
  });
  // Each equivalent is shown from the difficulty and, typed, sets the difficulty that implies it;
  // hashprice needs the evaluated market as well (none before the first evaluation).
  const throughDifficulty = (
    of: (difficulty: number) => number | null,
    difficultyFor: (value: number) => number | null,
  ) => ({
    value: () => {
      const d = difficulty();
      return d === null ? null : of(d);
    },
    onValue: (value: number) => {
      const d = difficultyFor(value);
      if (d !== null) app.workspace.setField(DIFFICULTY_PATH, Math.round(d));
    },
  });
  const withMarket =
    (f: (value: number, market: HashpriceMarket) => number) =>
    (value: number): number | null => {
      const m = market();
      return m === null ? null : f(value, m);
    };
  return (
    <>
      <Equivalent
        id="f-network-hashrateEhs"
        label="Network hashrate"
        unit="EH/s"
        digits={1}
        {...throughDifficulty(networkHashrateEhsOf, difficultyForNetworkHashrateEhs)}
      />
      <Equivalent
        id="f-network-hashpriceUsdPerPhDay"
        label="Hashprice, first month"
        unit="$/PH/day"
        digits={2}
        {...throughDifficulty(
          withMarket(hashpriceUsdPerPhDayOf),
          withMarket(difficultyForHashpriceUsdPerPhDay),
        )}
        hint={() => {
          const m = market();
          return m
            ? `At the ${m.caseName} case's BTC price, $${formatNumber(m.btcPriceUsd, 0)}; before pool fee.`
            : '';
        }}
      />
    </>
  );
}

function Equivalent(props: {
  id: string;
  label: string;
  unit: string;
  digits: number;
  value: () => number | null;
  onValue: (value: number) => void;
  hint?: () => string;
}): JSX.Element {
  const [editing, setEditing] = createSignal<string | null>(null);
  const [problem, setProblem] = createSignal('');
  const shown = () => {
    const value = props.value();
    return value === null ? '' : formatNumber(value, props.digits, props.digits);
  };
  const describedBy = () =>
    [
      `${props.id}-unit`,
      props.hint?.() ? `${props.id}-hint` : '',
      problem() ? `${props.id}-error` : '',
    ]
      .filter(Boolean)
      .join(' ');
  return (
    <div class="field" classList={{ invalid: problem() !== '' }}>
      <label for={props.id}>{props.label}</label>
      <div class="control">
        <input
          id={props.id}
          {...NUMBER_INPUT}
          value={editing() ?? shown()}
          aria-describedby={describedBy()}
          aria-invalid={problem() !== ''}
          onFocus={(event) => setEditing(event.currentTarget.value)}
          onBlur={() => {
            setEditing(null);
            setProblem('');
          }}
          onInput={(event) => {
            const text = event.currentTarget.value;
            setEditing(text);
            const parsed = parseInputNumber(text);
            if (typeof parsed === 'number' && parsed > 0) {
              setProblem('');
              props.onValue(parsed);
            } else {
              setProblem(
                `${props.label} must be a number greater than 0${text.trim() ? ` (you entered ${text.trim()})` : ''}; difficulty is unchanged.`,
              );
            }
          }}
        />
        <span class="unit" id={`${props.id}-unit`}>
          {props.unit}
        </span>
      </div>
      <Show when={props.hint?.()}>
        <p class="hint" id={`${props.id}-hint`}>
          {props.hint?.()}
        </p>
      </Show>
      <Show when={problem()}>
        <p class="error" id={`${props.id}-error`}>
          {problem()}
        </p>
      </Show>
    </div>
  );
}
