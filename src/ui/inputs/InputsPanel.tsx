import { createMemo, For, Index, type JSX, Show } from 'solid-js';
import { REFERENCE_ASIC_MODELS } from '../../data/asic-models';
import { DEFAULT_STRESS_TESTS, stressTestSchema } from '../../schema/scenario';
import { getAt, isRecord, listAt } from '../../state/paths';
import {
  fleetModelFromReference,
  newFleetModel,
  newPriceCase,
  newTranche,
} from '../../state/templates';
import { useApp } from '../context';
import { formatNumber } from '../format';
import { Field, Fields, fieldId } from './Field';
import {
  CONVERSION_FIELDS,
  caseNamesOf,
  FINANCE_ADVANCED_FIELDS,
  FINANCE_FIELDS,
  fieldForKey,
  financingFields,
  fleetRowAdvancedFields,
  fleetRowFields,
  jumpFields,
  LEASE_ADVANCED_FIELDS,
  LEASE_FIELDS,
  LEASE_RISK_FIELDS,
  labelForKey,
  MONTE_CARLO_ADVANCED_FIELDS,
  MONTE_CARLO_FIELDS,
  NETWORK_ADVANCED_FIELDS,
  NETWORK_FIELDS,
  OPERATIONS_FIELDS,
  POWER_FIELDS,
  priceCaseFields,
  pricingFields,
  referenceCaseField,
  SITE_ADVANCED_FIELDS,
  SITE_FIELDS,
  STRATEGY_FIELDS,
  stressTestFields,
  terminalValueFields,
  trancheFields,
} from './fieldDefs';
import { Advanced, Group, ListIssues, RowCard } from './Group';
import { NetworkEquivalents } from './NetworkEquivalents';

const MAX_FLEET_MODELS = 50;
const MAX_PRICE_CASES = 10;
const MAX_TRANCHES = 24;
const MAX_STRESS_TESTS = 30;
/** The model a new fleet row starts with: a current air-cooled machine. */
const NEW_ROW_MODEL =
  REFERENCE_ASIC_MODELS.find((m) => m.model === 'Antminer S21 XP') ?? REFERENCE_ASIC_MODELS[0]!;

/** Top-level scenario keys each group edits: for its problem count and for problem links. */
const GROUP_KEYS = {
  site: ['name', 'startMonth', 'horizonMonths', 'site', 'power', 'notes'],
  fleet: ['fleet', 'mining'],
  network: ['network', 'priceCases'],
  conversion: ['conversion', 'lease'],
  strategies: ['strategies'],
  finance: ['finance'],
  financing: ['financing', 'tax'],
  uncertainty: ['monteCarlo'],
  stress: ['stressTests'],
} satisfies Record<string, readonly string[]>;

/**
 * The inputs, grouped the way an operator thinks about a site. Groups start open on a wide
 * screen and closed on a phone, where the answer matters more than the form.
 */
export function InputsPanel(): JSX.Element {
  const app = useApp();
  const draft = () => app.activeTab().draft;
  const open = typeof matchMedia === 'function' ? !matchMedia('(max-width: 900px)').matches : true;
  const pricingKind = createMemo(() => getAt(draft(), ['power', 'pricing', 'kind']));
  const terminalKind = createMemo(() => getAt(draft(), ['lease', 'terminalValue', 'kind']));
  const jumpKind = createMemo(() => getAt(draft(), ['monteCarlo', 'jumps', 'kind']));

  return (
    <div class="inputs">
      <ProblemList />
      <Group id="site" title="Site & power contract" keys={GROUP_KEYS.site} open={open}>
        <Fields defs={SITE_FIELDS} />
        <Fields defs={pricingFields(pricingKind())} />
        <Fields defs={POWER_FIELDS} />
        <Advanced summary="Curtailment income and notes">
          <Fields defs={SITE_ADVANCED_FIELDS} />
        </Advanced>
      </Group>
      <Group id="fleet" title="Fleet" keys={GROUP_KEYS.fleet} open={open}>
        <FleetEditor />
        <Advanced summary="Operations: overhead, uptime, pool fee, opex">
          <Fields defs={OPERATIONS_FIELDS} />
        </Advanced>
      </Group>
      <Group id="network" title="Network & BTC price cases" keys={GROUP_KEYS.network} open={open}>
        {/* Hashrate and hashprice beside difficulty: enter whichever is known. */}
        <div class="fields">
          <Field def={NETWORK_FIELDS[0]!} />
          <NetworkEquivalents />
          <For each={NETWORK_FIELDS.slice(1)}>{(def) => <Field def={def} />}</For>
        </div>
        <Advanced summary="Difficulty by year, block height and time">
          <Fields defs={NETWORK_ADVANCED_FIELDS} />
        </Advanced>
        <PriceCasesEditor />
      </Group>
      <Group
        id="conversion"
        title="Conversion & lease offer"
        keys={GROUP_KEYS.conversion}
        open={open}
      >
        <Fields defs={CONVERSION_FIELDS} />
        <Fields defs={LEASE_FIELDS} />
        <Advanced summary="Lease terms: opex, credit risk, renewal, exit value">
          <Fields defs={[...LEASE_ADVANCED_FIELDS, ...terminalValueFields(terminalKind())]} />
        </Advanced>
        <Advanced summary="Phased delivery (tranches)">
          <TranchesEditor />
        </Advanced>
      </Group>
      <Group id="strategies" title="Strategy settings" keys={GROUP_KEYS.strategies} open={open}>
        <Fields defs={STRATEGY_FIELDS} />
      </Group>
      <Group id="finance" title="Finance" keys={GROUP_KEYS.finance} open={open}>
        <Fields defs={FINANCE_FIELDS} />
        <Advanced summary="Discount rates by cash-flow class">
          <Fields defs={FINANCE_ADVANCED_FIELDS} />
        </Advanced>
      </Group>
      <Group id="financing" title="Financing and taxes" keys={GROUP_KEYS.financing} open={open}>
        <FinancingEditor />
      </Group>
      <Group
        id="uncertainty"
        title="Uncertainty (Monte Carlo)"
        keys={GROUP_KEYS.uncertainty}
        open={false}
      >
        <Fields defs={MONTE_CARLO_FIELDS} />
        <Fields defs={jumpFields(jumpKind())} />
        <Advanced summary="Difficulty response to hashprice">
          <Fields defs={MONTE_CARLO_ADVANCED_FIELDS} />
        </Advanced>
        <Advanced summary="Lease-side risk: delay, overrun, default, renewal, exit cap">
          <p class="hint">
            Drawn on every path beside the BTC price (docs/monte-carlo.md §2.4); the default and
            renewal use the lease's probabilities. Set every spread to 0 and untick both draws for
            the expected-value lease on every path.
          </p>
          <Fields defs={LEASE_RISK_FIELDS} />
        </Advanced>
      </Group>
      <Group id="stress" title="Stress tests" keys={GROUP_KEYS.stress} open={false}>
        <StressTestsEditor />
      </Group>
    </div>
  );
}

/**
 * Board view, cost of equity, and the three switchable sections (project debt, the equipment
 * loan, tax), each followed by its fields while it is on. The field list is `financingFields`.
 */
function FinancingEditor(): JSX.Element {
  const app = useApp();
  const fields = createMemo(() => financingFields(app.activeTab().draft));
  return (
    <>
      <p class="hint">
        Switch on the debt and tax a deal carries; the results then offer the after-tax and levered
        views. Switching a section off and on again in this session brings back what was typed.
      </p>
      <Fields defs={fields()} />
    </>
  );
}

/** Opens every closed group around an element, then focuses it. */
function reveal(element: HTMLElement | null): void {
  for (let node = element?.parentElement; node; node = node.parentElement) {
    if (node instanceof HTMLDetailsElement) node.open = true;
  }
  element?.focus();
}

/** Every problem in the draft, each a link to its field, above the groups. */
function ProblemList(): JSX.Element {
  const app = useApp();
  const issues = () => app.activeTab().issues;
  // The field itself, else the first control of its list, else its group's summary.
  const target = (key: string): HTMLElement | null => {
    const def = fieldForKey(key, app.activeTab().draft);
    if (def) return document.getElementById(fieldId(def.path));
    const head = key.split(/[.[]/)[0] ?? '';
    const group = Object.entries(GROUP_KEYS).find(([, keys]) => keys.includes(head))?.[0];
    return (
      document.querySelector<HTMLElement>(`[data-list="${key}"] :is(input, select)`) ??
      document.querySelector<HTMLElement>(`#group-${group ?? 'site'} > summary`)
    );
  };
  return (
    <Show when={issues().length > 0}>
      <section class="problems" aria-labelledby="problems-title">
        <h2 id="problems-title">
          {issues().length === 1 ? '1 problem' : `${issues().length} problems`} in the inputs
        </h2>
        <p>Results show the last valid inputs until these are fixed.</p>
        <ul>
          <For each={issues()}>
            {(issue) => (
              <li>
                <button type="button" class="link" onClick={() => reveal(target(issue.path))}>
                  {labelForKey(issue.path, app.activeTab().draft)}
                </button>{' '}
                {issue.rule}
              </li>
            )}
          </For>
        </ul>
      </section>
    </Show>
  );
}

function FleetEditor(): JSX.Element {
  const app = useApp();
  const fleet = () => listAt(app.activeTab().draft, ['fleet']);
  const evaluation = () => app.results().evaluation;
  return (
    <div class="list" data-list="fleet">
      <Index each={fleet()}>
        {(row, index) => <FleetRow index={index} row={row()} count={fleet().length} />}
      </Index>
      <ListIssues path="fleet" />
      <div class="list-footer">
        <button
          type="button"
          class="button"
          disabled={fleet().length >= MAX_FLEET_MODELS}
          onClick={() => app.workspace.insertItem(['fleet'], newFleetModel(NEW_ROW_MODEL))}
        >
          Add ASIC model
        </button>
        <Show when={evaluation()}>
          {(e) => (
            <p class="derived">
              Fleet draws {formatNumber(e().derived.fleetUtilityMw, 1)} MW with overhead, of{' '}
              {formatNumber(e().scenario.site.utilityMw, 1)} MW ·{' '}
              {formatNumber(e().derived.fleetHashrateThs / 1e6, 2)} EH/s
            </p>
          )}
        </Show>
      </div>
    </div>
  );
}

const MAKERS = [...new Set(REFERENCE_ASIC_MODELS.map((m) => m.maker))];

function FleetRow(props: { index: number; row: unknown; count: number }): JSX.Element {
  const app = useApp();
  const pickId = `f-fleet-${props.index}-pick`;
  const name = () =>
    isRecord(props.row) && typeof props.row.model === 'string' ? props.row.model : '';
  // A row is a reference model while its name, TH/s and W all match the table.
  const picked = () =>
    REFERENCE_ASIC_MODELS.findIndex(
      (m) =>
        isRecord(props.row) &&
        m.model === props.row.model &&
        m.hashrateThs === props.row.hashrateThs &&
        m.powerW === props.row.powerW,
    );
  const choose = (value: string) => {
    const reference = REFERENCE_ASIC_MODELS[Number(value)];
    const path = ['fleet', props.index] as const;
    if (value !== 'custom' && reference) {
      app.workspace.setField(path, fleetModelFromReference(props.row, reference));
    } else if (picked() >= 0) {
      app.workspace.setField([...path, 'model'], `${name()} (custom)`);
    }
  };
  const [nameField, ...sizeFields] = fleetRowFields(props.index);
  return (
    <RowCard
      legend={`Model ${props.index + 1}${name() ? `: ${name()}` : ''}`}
      removeLabel={`Remove fleet model ${props.index + 1}`}
      canRemove={props.count > 1}
      onRemove={() => app.workspace.removeItem(['fleet'], props.index)}
    >
      <div class="field field-wide">
        <label for={pickId}>ASIC model</label>
        <div class="control">
          <select
            id={pickId}
            aria-describedby={`${pickId}-hint`}
            onChange={(e) => choose(e.currentTarget.value)}
          >
            <option value="custom" selected={picked() < 0}>
              Custom model (type its figures)
            </option>
            <For each={MAKERS}>
              {(maker) => (
                <optgroup label={maker}>
                  <For
                    each={REFERENCE_ASIC_MODELS.map((m, i) => ({ m, i })).filter(
                      ({ m }) => m.maker === maker,
                    )}
                  >
                    {({ m, i }) => (
                      <option value={String(i)} selected={picked() === i}>
                        {m.model} — {m.hashrateThs} TH/s, {formatNumber(m.powerW)} W
                      </option>
                    )}
                  </For>
                </optgroup>
              )}
            </For>
          </select>
        </div>
        <p class="hint" id={`${pickId}-hint`}>
          From the reference table (TH/s, W, late-2025 listing price); the figures stay editable.
        </p>
      </div>
      <Show when={picked() < 0}>
        <Fields defs={[nameField!]} />
      </Show>
      <Fields defs={sizeFields} />
      <Advanced summary="Unit price and resale">
        <Fields defs={fleetRowAdvancedFields(props.index)} />
      </Advanced>
    </RowCard>
  );
}

function PriceCasesEditor(): JSX.Element {
  const app = useApp();
  const cases = () => listAt(app.activeTab().draft, ['priceCases']);
  return (
    <div class="list" data-list="priceCases">
      <h3 class="list-title">BTC price cases</h3>
      <Index each={cases()}>
        {(row, index) => {
          const kind = () =>
            isRecord(row()) ? (row() as Record<string, unknown>).kind : undefined;
          const name = () => {
            const value = row();
            return isRecord(value) && typeof value.name === 'string' ? value.name : '';
          };
          return (
            <RowCard
              legend={`Case ${index + 1}${name() ? `: ${name()}` : ''}`}
              removeLabel={`Remove price case ${index + 1}`}
              canRemove={cases().length > 1}
              onRemove={() => app.workspace.removeItem(['priceCases'], index)}
            >
              <Fields defs={priceCaseFields(index, kind())} />
            </RowCard>
          );
        }}
      </Index>
      <ListIssues path="priceCases" />
      <div class="list-footer">
        <button
          type="button"
          class="button"
          disabled={cases().length >= MAX_PRICE_CASES}
          onClick={() => app.workspace.insertItem(['priceCases'], newPriceCase(cases()))}
        >
          Add price case
        </button>
      </div>
      <Fields defs={[referenceCaseField(caseNamesOf(app.activeTab().draft))]} />
    </div>
  );
}

/** The standard stress tests with every shock written out, as the editor shows them. */
function standardStressTests(): unknown[] {
  return DEFAULT_STRESS_TESTS.map((test) => stressTestSchema.parse(test));
}

/** A new stress test: every shock at none. */
function newStressTest(count: number): unknown {
  return stressTestSchema.parse({ name: `Stress test ${count + 1}` });
}

function StressTestsEditor(): JSX.Element {
  const app = useApp();
  const tests = () => listAt(app.activeTab().draft, ['stressTests']);
  // A file without the list gets the standard tests: editing starts from them, never from none.
  const present = () => Array.isArray(getAt(app.activeTab().draft, ['stressTests']));
  const add = () =>
    present()
      ? app.workspace.insertItem(['stressTests'], newStressTest(tests().length))
      : app.workspace.setField(
          ['stressTests'],
          [...standardStressTests(), newStressTest(DEFAULT_STRESS_TESTS.length)],
        );
  return (
    <div class="list" data-list="stressTests">
      <p class="hint">
        Each test applies its shocks together; every strategy is valued on the reference price case.
        Leave a shock at 0 (or blank) for none.
      </p>
      <Show when={!present()}>
        <p class="hint">
          This scenario uses the {DEFAULT_STRESS_TESTS.length} standard stress tests.{' '}
          <button
            type="button"
            class="button"
            onClick={() => app.workspace.setField(['stressTests'], standardStressTests())}
          >
            Edit the standard tests
          </button>
        </p>
      </Show>
      <Index each={tests()}>
        {(row, index) => {
          const name = () => {
            const value = row();
            return isRecord(value) && typeof value.name === 'string' ? value.name : '';
          };
          return (
            <RowCard
              legend={`Stress test ${index + 1}${name() ? `: ${name()}` : ''}`}
              removeLabel={`Remove stress test ${index + 1}`}
              canRemove={true}
              onRemove={() => app.workspace.removeItem(['stressTests'], index)}
            >
              <Fields defs={stressTestFields(index)} />
            </RowCard>
          );
        }}
      </Index>
      <ListIssues path="stressTests" />
      <div class="list-footer">
        <button
          type="button"
          class="button"
          disabled={tests().length >= MAX_STRESS_TESTS}
          onClick={add}
        >
          Add stress test
        </button>
      </div>
    </div>
  );
}

function TranchesEditor(): JSX.Element {
  const app = useApp();
  const tranches = () => listAt(app.activeTab().draft, ['conversion', 'tranches']);
  return (
    <div class="list" data-list="conversion.tranches">
      <p class="hint">
        Delivery months count from the start of the conversion; the shares must add up to 100%. With
        no tranches, all IT MW are delivered after the construction time.
      </p>
      <Index each={tranches()}>
        {(_, index) => (
          <RowCard
            legend={`Tranche ${index + 1}`}
            removeLabel={`Remove tranche ${index + 1}`}
            canRemove={true}
            onRemove={() => app.workspace.removeItem(['conversion', 'tranches'], index)}
          >
            <Fields defs={trancheFields(index)} />
          </RowCard>
        )}
      </Index>
      <ListIssues path="conversion.tranches" />
      <div class="list-footer">
        <button
          type="button"
          class="button"
          disabled={tranches().length >= MAX_TRANCHES}
          onClick={() =>
            app.workspace.insertItem(
              ['conversion', 'tranches'],
              newTranche(
                tranches(),
                getAt(app.activeTab().draft, ['conversion', 'constructionMonths']),
              ),
            )
          }
        >
          Add tranche
        </button>
      </div>
    </div>
  );
}
