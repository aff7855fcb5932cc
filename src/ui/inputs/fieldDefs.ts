import { VIEW_LABELS } from '../../engine/index';
import { FINANCIAL_VIEWS } from '../../schema/scenario';
import { type FieldPath, getAt, isRecord, listAt, pathKey } from '../../state/paths';
import { SECTION_PATHS, type SectionId, sectionIsOn } from '../../state/sections';
import {
  type PriceCaseKind,
  type PricingKind,
  priceCaseOfKind,
  pricingOfKind,
  type TerminalValueKind,
  terminalValueOfKind,
} from '../../state/templates';

/**
 * Every input on the page, declared once: its path in the scenario, label, unit and widget.
 * Hints and defaults come from the schema (schemaInfo.ts); the compare view and the problem list
 * use the same labels, so a field is named the same everywhere.
 */
export type FieldDef =
  | (BaseDef & { readonly kind: 'number' })
  | (BaseDef & {
      readonly kind: 'optional-number';
      /** What an empty box means, e.g. "half the site". */
      readonly blankMeans: string;
    })
  | (BaseDef & { readonly kind: 'number-list' })
  | (BaseDef & { readonly kind: 'text' | 'textarea'; readonly placeholder?: string })
  | (BaseDef & { readonly kind: 'checkbox' })
  | (BaseDef & { readonly kind: 'select'; readonly options: readonly Option[] })
  | (BaseDef & {
      /** Switches an optional section on (an object, defaults filled in) or off (null/absent). */
      readonly kind: 'section';
      readonly section: SectionId;
    })
  | (BaseDef & {
      /** Chooses the form of the object one level up (its `kind`), e.g. fixed or index power. */
      readonly kind: 'variant';
      readonly options: readonly Option[];
      readonly template: (current: unknown, kind: string) => Record<string, unknown>;
    });

interface BaseDef {
  readonly path: FieldPath;
  readonly label: string;
  readonly unit?: string;
}

export interface Option {
  readonly value: string;
  readonly label: string;
}

/** The paths of the fields of one object: `under('tax')('federalRatePct')` = `['tax', 'federalRatePct']`. */
const under =
  (...prefix: FieldPath) =>
  (key: string): FieldPath => [...prefix, key];

const num = (path: FieldPath, label: string, unit?: string): FieldDef => ({
  kind: 'number',
  path,
  label,
  unit,
});

const optional = (path: FieldPath, label: string, unit: string, blankMeans: string): FieldDef => ({
  kind: 'optional-number',
  path,
  label,
  unit,
  blankMeans,
});

export const SITE_FIELDS: readonly FieldDef[] = [
  { kind: 'text', path: ['name'], label: 'Scenario name' },
  { kind: 'text', path: ['startMonth'], label: 'First month', placeholder: 'YYYY-MM' },
  num(['horizonMonths'], 'Horizon', 'months'),
  num(['site', 'utilityMw'], 'Utility capacity', 'MW'),
  {
    kind: 'variant',
    path: ['power', 'pricing', 'kind'],
    label: 'Power price',
    options: [
      { value: 'fixed', label: 'Fixed price with escalator' },
      { value: 'index', label: 'Index-linked (monthly path)' },
    ],
    template: (current, kind) => pricingOfKind(current, kind as PricingKind),
  },
];

export function pricingFields(kind: unknown): FieldDef[] {
  return kind === 'index'
    ? [
        {
          kind: 'number-list',
          path: ['power', 'pricing', 'priceUsdPerMwhByMonth'],
          label: 'Index price by month',
          unit: '$/MWh',
        },
        num(['power', 'pricing', 'adderUsdPerMwh'], 'Adder on the index', '$/MWh'),
      ]
    : [
        num(['power', 'pricing', 'priceUsdPerMwh'], 'Energy price, year 1', '$/MWh'),
        num(['power', 'pricing', 'escalatorPctPerYear'], 'Energy price escalator', '%/yr'),
      ];
}

export const POWER_FIELDS: readonly FieldDef[] = [
  num(['power', 'takeOrPayMinimumPct'], 'Take-or-pay minimum', '%'),
  num(['power', 'demandChargeUsdPerKwMonth'], 'Demand charge', '$/kW-mo'),
];

export const SITE_ADVANCED_FIELDS: readonly FieldDef[] = [
  num(['power', 'curtailment', 'hoursPerYear'], 'Curtailed hours', 'h/yr'),
  num(['power', 'curtailment', 'creditUsdPerMwh'], 'Curtailment credit', '$/MWh'),
  num(['power', 'curtailment', 'capacityPaymentUsdPerMwYear'], 'Capacity payment', '$/MW-yr'),
  { kind: 'textarea', path: ['notes'], label: 'Notes' },
];

export function fleetRowFields(index: number): FieldDef[] {
  const at = under('fleet', index);
  return [
    { kind: 'text', path: at('model'), label: 'Model name' },
    num(at('units'), 'Units', 'machines'),
    num(at('hashrateThs'), 'Hashrate per unit', 'TH/s'),
    num(at('powerW'), 'Power per unit', 'W'),
  ];
}

export function fleetRowAdvancedFields(index: number): FieldDef[] {
  const at = under('fleet', index);
  return [
    optional(at('unitPriceUsd'), 'Unit price', '$', 'not known'),
    num(at('resaleUsdPerTh'), 'Resale value today', '$/TH/s'),
    num(at('resaleDeclinePctPerYear'), 'Resale decline', '%/yr'),
    num(at('ageYears'), 'Age today', 'years'),
  ];
}

export const OPERATIONS_FIELDS: readonly FieldDef[] = [
  num(['mining', 'overheadMultiplier'], 'Facility overhead (PUE)', '×'),
  num(['mining', 'uptimePct'], 'Uptime', '%'),
  num(['mining', 'poolFeePct'], 'Pool fee', '%'),
  num(['mining', 'nonPowerOpexUsdPerMwh'], 'Variable opex', '$/MWh'),
  num(['mining', 'nonPowerOpexUsdPerKwMonth'], 'Fixed opex', '$/kW-mo'),
  { kind: 'checkbox', path: ['mining', 'economicShutdown'], label: 'Economic shutdown' },
  { kind: 'checkbox', path: ['mining', 'resaleTracksHashprice'], label: 'Resale tracks hashprice' },
  {
    kind: 'checkbox',
    path: ['mining', 'refresh', 'enabled'],
    label: 'Fleet refresh',
  },
  {
    kind: 'select',
    path: ['mining', 'refresh', 'trigger'],
    label: 'Replace machines',
    options: [
      { value: 'end-of-life', label: 'At end of life' },
      { value: 'payback', label: 'At end of life, or earlier when the frontier pays back' },
    ],
  },
  num(['mining', 'refresh', 'paybackMonths'], 'Early replacement: payback within', 'months'),
  num(['mining', 'refresh', 'lifeYears'], 'Machine life', 'years'),
  num(['mining', 'refresh', 'frontierUsdPerTh'], 'Frontier machine price', '$/TH/s'),
  num(['mining', 'refresh', 'resaleDeclinePctPerYear'], 'Refreshed resale decline', '%/yr'),
];

export const NETWORK_FIELDS: readonly FieldDef[] = [
  num(['network', 'difficulty'], 'Difficulty, first month'),
  num(['network', 'difficultyGrowthPctPerYear'], 'Difficulty growth', '%/yr'),
  num(['network', 'feesBtcPerBlock'], 'Fees per block', 'BTC'),
];

export const NETWORK_ADVANCED_FIELDS: readonly FieldDef[] = [
  {
    kind: 'number-list',
    path: ['network', 'difficultyGrowthOverridesPctByYear'],
    label: 'Growth by year (overrides)',
    unit: '%/yr',
  },
  optional(
    ['network', 'startBlockHeight'],
    'Start block height',
    'height',
    'estimated from the month',
  ),
  num(['network', 'blockTimeSeconds'], 'Block time', 's'),
  {
    kind: 'checkbox',
    path: ['network', 'marginalCostFloor'],
    label: 'Marginal-cost floor',
  },
  num(['network', 'frontierJPerTh'], 'Frontier efficiency', 'J/TH'),
  num(['network', 'frontierEfficiencyGainPctPerYear'], 'Frontier improvement', '%/yr'),
  num(['network', 'networkPowerPriceUsdPerMwh'], 'Network power price', '$/MWh'),
];

/** Which price case the recommendation, breakevens and sensitivity use: one of the draft's cases. */
export function referenceCaseField(caseNames: readonly string[]): FieldDef {
  return {
    kind: 'select',
    path: ['referenceCase'],
    label: 'Reference case',
    options: caseNames.map((name) => ({ value: name, label: name })),
  };
}

/** The names of the draft's price cases, as typed (blank names left out). */
export function caseNamesOf(draft: unknown): string[] {
  return listAt(draft, ['priceCases']).flatMap((c) =>
    isRecord(c) && typeof c.name === 'string' && c.name.trim() !== '' ? [c.name.trim()] : [],
  );
}

export function priceCaseFields(index: number, kind: unknown): FieldDef[] {
  const at = under('priceCases', index);
  const head: FieldDef[] = [
    { kind: 'text', path: at('name'), label: 'Case name' },
    {
      kind: 'variant',
      path: at('kind'),
      label: 'Price path',
      options: [
        { value: 'growth', label: 'Start price and growth' },
        { value: 'yearly', label: 'Price by year' },
        { value: 'monthly', label: 'Price by month' },
      ],
      template: (current, next) => priceCaseOfKind(current, next as PriceCaseKind),
    },
  ];
  switch (kind) {
    case 'yearly':
      return [
        ...head,
        { kind: 'number-list', path: at('pricesUsdByYear'), label: 'BTC price by year', unit: '$' },
      ];
    case 'monthly':
      return [
        ...head,
        {
          kind: 'number-list',
          path: at('pricesUsdByMonth'),
          label: 'BTC price by month',
          unit: '$',
        },
      ];
    default:
      return [
        ...head,
        num(at('startPriceUsd'), 'BTC price, first month', '$'),
        num(at('growthPctPerYear'), 'BTC price growth', '%/yr'),
      ];
  }
}

export const CONVERSION_FIELDS: readonly FieldDef[] = [
  num(['conversion', 'capexUsdPerItMw'], 'Conversion capex', '$/IT MW'),
  num(['conversion', 'tenantFundedPct'], 'Tenant-funded capex', '%'),
  num(['conversion', 'constructionMonths'], 'Construction time', 'months'),
  num(['conversion', 'grossToItRatio'], 'Utility-to-IT ratio', '×'),
  optional(['conversion', 'itMw'], 'Critical IT capacity', 'MW', 'utility MW ÷ ratio'),
];

export function trancheFields(index: number): FieldDef[] {
  return [
    num(['conversion', 'tranches', index, 'deliveryMonth'], 'Delivery month', 'month'),
    num(['conversion', 'tranches', index, 'itMwPct'], 'Share of IT MW', '%'),
  ];
}

export const LEASE_FIELDS: readonly FieldDef[] = [
  num(['lease', 'rateUsdPerKwMonth'], 'Lease rate, year 1', '$/kW-mo'),
  num(['lease', 'escalatorPctPerYear'], 'Rent escalator', '%/yr'),
  num(['lease', 'termYears'], 'Lease term', 'years'),
  {
    kind: 'select',
    path: ['lease', 'leaseType'],
    label: 'Lease type',
    options: [
      { value: 'nnn', label: 'NNN (tenant pays power and opex)' },
      { value: 'modified-gross', label: 'Modified gross' },
    ],
  },
];

export const LEASE_ADVANCED_FIELDS: readonly FieldDef[] = [
  num(['lease', 'landlordOpexPctOfRent'], 'Landlord opex', '% of rent'),
  num(['lease', 'modifiedGrossCostUsdPerKwMonth'], 'Modified-gross cost', '$/kW-mo'),
  num(['lease', 'freeRentMonths'], 'Free rent', 'months'),
  num(['lease', 'prepaymentMonthsOfRent'], 'Prepayment', 'months of rent'),
  num(['lease', 'tenantDefaultPctPerYear'], 'Tenant default probability', '%/yr'),
  num(['lease', 'recoveryPct'], 'Recovery after default', '%'),
  num(['lease', 'backstopPct'], 'Backstop cover', '%'),
  num(['lease', 'renewalProbabilityPct'], 'Renewal probability', '%'),
  {
    kind: 'variant',
    path: ['lease', 'terminalValue', 'kind'],
    label: 'Terminal value',
    options: [
      { value: 'none', label: 'None' },
      { value: 'renewal-dcf', label: 'Renewal DCF' },
      { value: 'exit-cap', label: 'Exit cap, next 12 months NOI' },
    ],
    template: (_current, kind) => terminalValueOfKind(kind as TerminalValueKind),
  },
];

export function terminalValueFields(kind: unknown): FieldDef[] {
  if (kind === 'renewal-dcf') {
    return [num(['lease', 'terminalValue', 'valuationLifeYears'], 'Data hall life', 'years')];
  }
  return kind === 'exit-cap'
    ? [num(['lease', 'terminalValue', 'exitCapRatePct'], 'Exit cap rate', '%')]
    : [];
}

export const STRATEGY_FIELDS: readonly FieldDef[] = [
  optional(['strategies', 'partialConvertUtilityMw'], 'Partial conversion', 'MW', 'half the site'),
  num(['strategies', 'convertAtMonth'], 'Convert later at month', 'month'),
];

export const FINANCE_FIELDS: readonly FieldDef[] = [
  num(['finance', 'discountRatePctPerYear'], 'Discount rate (WACC)', '%/yr'),
];

export const FINANCE_ADVANCED_FIELDS: readonly FieldDef[] = [
  optional(['finance', 'miningDiscountRatePctPerYear'], 'Mining cash flows', '%/yr', 'the WACC'),
  optional(
    ['finance', 'constructionDiscountRatePctPerYear'],
    'Construction capex',
    '%/yr',
    'the WACC',
  ),
  optional(['finance', 'leaseDiscountRatePctPerYear'], 'Contracted lease cash', '%/yr', 'the WACC'),
  num(['site', 'residualUsdPerMw'], 'Site value at horizon', '$/MW'),
];

/** The Monte Carlo's price model (paths and seed sit in the Uncertainty section itself). */
export const MONTE_CARLO_FIELDS: readonly FieldDef[] = [
  num(['monteCarlo', 'volatilityPctPerYear'], 'BTC price volatility', '%/yr'),
  optional(['monteCarlo', 'driftPctPerYear'], 'BTC price drift', '%/yr', "the price case's path"),
  {
    kind: 'variant',
    path: ['monteCarlo', 'jumps', 'kind'],
    label: 'Price jumps',
    options: [
      { value: 'none', label: 'None (geometric Brownian motion)' },
      { value: 'merton', label: 'Merton jumps' },
    ],
    // A new Merton block starts from the schema's defaults: one −20% jump a year.
    template: (_current, kind) =>
      kind === 'merton'
        ? { kind, jumpsPerYear: 1, medianJumpPct: -20, jumpVolatilityPctPerJump: 15 }
        : { kind: 'none' },
  },
];

export function jumpFields(kind: unknown): FieldDef[] {
  return kind === 'merton'
    ? [
        num(['monteCarlo', 'jumps', 'jumpsPerYear'], 'Jumps per year', 'per yr'),
        num(['monteCarlo', 'jumps', 'medianJumpPct'], 'Median jump', '%'),
        num(['monteCarlo', 'jumps', 'jumpVolatilityPctPerJump'], 'Jump volatility', '%'),
      ]
    : [];
}

export const MONTE_CARLO_ADVANCED_FIELDS: readonly FieldDef[] = [
  num(['monteCarlo', 'difficultyElasticityPerMonth'], 'Difficulty response', 'per month'),
  num(['monteCarlo', 'difficultyLagMonths'], 'Difficulty lag', 'months'),
];

/** The board view and, once there is a financing section, the cost of equity. */
export const BOARD_VIEW_FIELD: FieldDef = {
  kind: 'select',
  path: ['financing', 'boardView'],
  label: 'Figures the board sees',
  options: FINANCIAL_VIEWS.map((view) => ({ value: view, label: VIEW_LABELS[view] })),
};

export const COST_OF_EQUITY_FIELD: FieldDef = num(
  ['financing', 'costOfEquityPctPerYear'],
  'Cost of equity',
  '%/yr',
);

const sectionSwitch = (section: SectionId, label: string): FieldDef => ({
  kind: 'section',
  path: SECTION_PATHS[section],
  label,
  section,
});

export const PROJECT_DEBT_SWITCH = sectionSwitch('projectDebt', 'Project debt on the conversion');
export const FLEET_DEBT_SWITCH = sectionSwitch('fleetDebt', 'Equipment loan on mining capex');
export const TAX_SWITCH = sectionSwitch('tax', 'Corporate income tax');

const projectDebt = under('financing', 'projectDebt');
export const PROJECT_DEBT_FIELDS: readonly FieldDef[] = [
  num(projectDebt('loanToCostPct'), 'Loan-to-cost', '%'),
  num(projectDebt('minDscr'), 'Minimum DSCR', '×'),
  num(projectDebt('backstopLoanToCostPct'), 'Loan-to-cost, fully backstopped lease', '%'),
  num(projectDebt('backstopMinDscr'), 'Minimum DSCR, fully backstopped lease', '×'),
  num(projectDebt('constructionCouponPctPerYear'), 'Construction loan rate', '%/yr'),
  num(projectDebt('constructionFeePct'), 'Construction loan fee', '%'),
  {
    kind: 'checkbox',
    path: projectDebt('capitaliseConstructionInterest'),
    label: 'Capitalise construction interest',
  },
  num(projectDebt('termCouponPctPerYear'), 'Term loan rate', '%/yr'),
  num(projectDebt('termFeePct'), 'Term loan fee', '%'),
  num(projectDebt('tenorYears'), 'Term loan tenor', 'years'),
  {
    kind: 'select',
    path: projectDebt('amortisation'),
    label: 'Term loan repayment',
    options: [
      { value: 'sculpted', label: 'Sculpted to the minimum DSCR' },
      { value: 'level', label: 'Level monthly payments' },
    ],
  },
];

const fleetDebt = under('financing', 'fleetDebt');
export const FLEET_DEBT_FIELDS: readonly FieldDef[] = [
  num(fleetDebt('loanToValuePct'), 'Equipment loan-to-cost', '%'),
  num(fleetDebt('couponPctPerYear'), 'Equipment loan rate', '%/yr'),
  num(fleetDebt('tenorYears'), 'Equipment loan tenor', 'years'),
  num(fleetDebt('upfrontFeePct'), 'Equipment loan fee', '%'),
];

const tax = under('tax');
export const TAX_FIELDS: readonly FieldDef[] = [
  num(tax('federalRatePct'), 'Federal tax rate', '%'),
  num(tax('stateRatePct'), 'State tax rate', '%'),
  num(tax('bonusDepreciationPct'), 'Bonus depreciation', '%'),
  num(tax('fitOut15YearSharePct'), 'Fit-out in the 15-year class', '%'),
  {
    kind: 'checkbox',
    path: tax('interestLimitation'),
    label: 'Cap deductible interest at 30% of EBITDA',
  },
  num(tax('lossUsePctOfTaxableIncome'), 'Loss carryforward use limit', '% of taxable income'),
  num(tax('openingLossCarryforwardUsd'), 'Tax losses carried in', '$'),
  optional(tax('discountRatePctPerYear'), 'Discount rate of taxes', '%/yr', 'the WACC'),
];

/** The financing and tax fields the draft shows: the switches, and each section's fields when on. */
export function financingFields(draft: unknown): FieldDef[] {
  return [
    BOARD_VIEW_FIELD,
    ...(isRecord(getAt(draft, ['financing'])) ? [COST_OF_EQUITY_FIELD] : []),
    PROJECT_DEBT_SWITCH,
    ...(sectionIsOn(draft, 'projectDebt') ? PROJECT_DEBT_FIELDS : []),
    FLEET_DEBT_SWITCH,
    ...(sectionIsOn(draft, 'fleetDebt') ? FLEET_DEBT_FIELDS : []),
    TAX_SWITCH,
    ...(sectionIsOn(draft, 'tax') ? TAX_FIELDS : []),
  ];
}

const risk = under('monteCarlo', 'leaseRisk');

/** The lease side of the Monte Carlo (docs/monte-carlo.md §2.4). */
export const LEASE_RISK_FIELDS: readonly FieldDef[] = [
  num(risk('constructionDelayModeMonths'), 'Construction delay, most likely', 'months'),
  num(risk('constructionDelayMaxMonths'), 'Construction delay, largest', 'months'),
  num(risk('capexOverrunMinPct'), 'Capex overrun, smallest', '%'),
  num(risk('capexOverrunModePct'), 'Capex overrun, most likely', '%'),
  num(risk('capexOverrunMaxPct'), 'Capex overrun, largest', '%'),
  {
    kind: 'checkbox',
    path: risk('drawTenantDefault'),
    label: 'Draw the tenant default as an event',
  },
  optional(risk('relettingDowntimeMonths'), 'Re-letting after a default', 'months', 'never re-let'),
  { kind: 'checkbox', path: risk('drawRenewal'), label: 'Draw each renewal' },
  num(risk('marketRentVolatilityPct'), 'Market rent spread at renewal', '%'),
  num(risk('exitCapVolatilityBp'), 'Exit cap spread', 'bp'),
  num(risk('cycleCorrelation'), 'Correlation with the BTC cycle', '−1 to 1'),
];

/** The fields of stress test `index`. */
export function stressTestFields(index: number): FieldDef[] {
  const at = under('stressTests', index);
  return [
    { kind: 'text', path: at('name'), label: 'Name' },
    num(at('btcPriceChangePct'), 'BTC price change', '%'),
    optional(at('btcPriceChangeMonths'), 'BTC change lasts', 'months', 'the whole horizon'),
    num(at('difficultyChangePct'), 'Difficulty change over year 1', '%'),
    num(at('powerPriceChangePct'), 'Power price change', '%'),
    num(at('capexChangePct'), 'Capex change', '%'),
    num(at('constructionDelayMonths'), 'Delivery late by', 'months'),
    optional(
      at('tenantDefaultLeaseMonth'),
      'Tenant defaults in lease month',
      'month',
      'no default',
    ),
    optional(at('relettingDowntimeMonths'), 'Re-let after', 'months', 'never re-let'),
    num(at('exitCapChangeBp'), 'Exit cap change', 'bp'),
  ];
}

/** Where the schema describes a field: a form chooser is described by the object it shapes. */
export function schemaPathOf(def: FieldDef): FieldPath {
  return def.kind === 'variant' ? def.path.slice(0, -1) : def.path;
}

/** Every field the draft currently shows, in page order (rows and variants included). */
export function allFields(draft: unknown): FieldDef[] {
  const fleet = listAt(draft, ['fleet']);
  const cases = listAt(draft, ['priceCases']);
  const tranches = listAt(draft, ['conversion', 'tranches']);
  const stressTests = listAt(draft, ['stressTests']);
  return [
    ...SITE_FIELDS,
    ...pricingFields(getAt(draft, ['power', 'pricing', 'kind'])),
    ...POWER_FIELDS,
    ...SITE_ADVANCED_FIELDS,
    ...fleet.flatMap((_, i) => [...fleetRowFields(i), ...fleetRowAdvancedFields(i)]),
    ...OPERATIONS_FIELDS,
    ...NETWORK_FIELDS,
    ...NETWORK_ADVANCED_FIELDS,
    ...cases.flatMap((c, i) => priceCaseFields(i, isRecord(c) ? c.kind : undefined)),
    referenceCaseField(caseNamesOf(draft)),
    ...CONVERSION_FIELDS,
    ...tranches.flatMap((_, i) => trancheFields(i)),
    ...LEASE_FIELDS,
    ...LEASE_ADVANCED_FIELDS,
    ...terminalValueFields(getAt(draft, ['lease', 'terminalValue', 'kind'])),
    ...STRATEGY_FIELDS,
    ...FINANCE_FIELDS,
    ...FINANCE_ADVANCED_FIELDS,
    ...financingFields(draft),
    ...MONTE_CARLO_FIELDS,
    ...jumpFields(getAt(draft, ['monteCarlo', 'jumps', 'kind'])),
    ...MONTE_CARLO_ADVANCED_FIELDS,
    ...LEASE_RISK_FIELDS,
    ...stressTests.flatMap((_, i) => stressTestFields(i)),
  ];
}

/** The row a path belongs to, as people count ("Fleet model 2"), for labels outside the row. */
export function rowPrefix(path: FieldPath): string {
  for (const [list, name] of ROW_NAMES) {
    const index = path[list.length];
    if (typeof index === 'number' && list.every((part, k) => path[k] === part)) {
      return `${name} ${index + 1} · `;
    }
  }
  return '';
}

/** The lists whose items are rows, and what one row is called. */
const ROW_NAMES: readonly (readonly [FieldPath, string])[] = [
  [['fleet'], 'Fleet model'],
  [['priceCases'], 'Price case'],
  [['stressTests'], 'Stress test'],
  [['conversion', 'tranches'], 'Tranche'],
];

/** A field's name outside its group, e.g. "Fleet model 2 · Power per unit". */
export function fullLabel(def: FieldDef): string {
  return `${rowPrefix(def.path)}${def.label}`;
}

/** The field an issue or a compared value belongs to: its own path, or an item of its list. */
export function fieldForKey(key: string, draft: unknown): FieldDef | undefined {
  const fields = allFields(draft);
  return (
    fields.find((field) => pathKey(field.path) === key) ??
    fields.find(
      (field) => field.kind === 'number-list' && key.startsWith(`${pathKey(field.path)}[`),
    )
  );
}

const LIST_LABELS: Readonly<Record<string, string>> = {
  fleet: 'Fleet',
  priceCases: 'Price cases',
  'conversion.tranches': 'Delivery tranches',
  stressTests: 'Stress tests',
  '(file)': 'Scenario',
};

/** A readable name for any scenario path (`fleet[1].powerW`): the field's label, or the path. */
export function labelForKey(key: string, draft: unknown): string {
  const def = fieldForKey(key, draft);
  return def ? fullLabel(def) : (LIST_LABELS[key] ?? key);
}
