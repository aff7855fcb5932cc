import type { Evaluation } from '../../engine/index';
import type { Scenario } from '../../schema/scenario';
import { formatNumber, formatUsd, formatUsdShort } from '../format';

/** One line of the board pack's assumptions: what, and its value with units. */
export interface Assumption {
  readonly label: string;
  readonly value: string;
}

export interface AssumptionGroup {
  readonly title: string;
  readonly rows: readonly Assumption[];
}

const mw = (value: number) => `${formatNumber(value, 1)} MW`;
const pct = (value: number) => `${formatNumber(value, 2)}%`;
const perYear = (value: number) => `${value > 0 ? '+' : ''}${pct(value)} per year`;
const perMwh = (value: number) => `${formatUsd(value, 2)}/MWh`;

function powerPrice(pricing: Scenario['power']['pricing']): string {
  if (pricing.kind === 'fixed') {
    return `Fixed ${perMwh(pricing.priceUsdPerMwh)}, ${perYear(pricing.escalatorPctPerYear)}`;
  }
  const prices = pricing.priceUsdPerMwhByMonth;
  const average = prices.reduce((sum, price) => sum + price, 0) / prices.length;
  return `Index path of ${prices.length} months (average ${perMwh(average)}) plus ${perMwh(pricing.adderUsdPerMwh)}`;
}

function priceCase(caseInput: Scenario['priceCases'][number]): string {
  switch (caseInput.kind) {
    case 'growth':
      return `${formatUsd(caseInput.startPriceUsd)} in the first month, ${perYear(caseInput.growthPctPerYear)}`;
    case 'yearly': {
      const prices = caseInput.pricesUsdByYear;
      return `By year: ${prices.map((price) => formatUsdShort(price)).join(' → ')}${prices.length > 1 ? ', then held' : ''}`;
    }
    case 'monthly': {
      const prices = caseInput.pricesUsdByMonth;
      return `Monthly series of ${prices.length} months, ${formatUsd(prices[0]!)} to ${formatUsd(prices.at(-1)!)}, then held`;
    }
  }
}

/** When machines are replaced (docs/model.md §5), in words. */
export function fleetRefresh(refresh: Scenario['mining']['refresh']): string {
  if (!refresh.enabled) return 'None: the installed machines mine to the horizon';
  const machine = `Frontier machine at ${formatUsd(refresh.frontierUsdPerTh, 2)} per TH/s (follows hashprice), bought at end of life (${formatNumber(refresh.lifeYears, 1)} years)`;
  return refresh.trigger === 'payback'
    ? `${machine} or earlier when it pays back within ${formatNumber(refresh.paybackMonths, 1)} months`
    : machine;
}

function tranches(conversion: Scenario['conversion']): string {
  if (conversion.tranches.length === 0) return 'All IT MW at the end of construction';
  return conversion.tranches
    .map((tranche) => `${pct(tranche.itMwPct)} in month ${tranche.deliveryMonth}`)
    .join('; ');
}

/**
 * The main assumptions of an evaluation, grouped as the inputs are, in words and units for a
 * board: the scenario's own values, plus the engine's derived figures (IT MW, fleet draw).
 */
export function assumptionGroups(evaluation: Evaluation): AssumptionGroup[] {
  const { scenario: s, derived } = evaluation;
  const lease = s.lease;
  return [
    {
      title: 'Site and power',
      rows: [
        { label: 'Utility capacity', value: mw(s.site.utilityMw) },
        {
          label: 'Critical IT after conversion',
          value:
            s.conversion.itMw === null
              ? `${mw(derived.siteItMw)} (utility ÷ ${formatNumber(s.conversion.grossToItRatio, 2)})`
              : `${mw(derived.siteItMw)} (as entered)`,
        },
        { label: 'Power price', value: powerPrice(s.power.pricing) },
        { label: 'Take-or-pay minimum', value: pct(s.power.takeOrPayMinimumPct) },
        {
          label: 'Demand charge',
          value: `${formatUsd(s.power.demandChargeUsdPerKwMonth, 2)} per kW-month`,
        },
      ],
    },
    {
      title: 'Fleet and network',
      rows: [
        ...s.fleet.map((model) => ({
          label: model.model,
          value: `${formatNumber(model.units)} units × ${formatNumber(model.hashrateThs, 1)} TH/s at ${formatNumber(model.powerW)} W`,
        })),
        {
          label: 'Fleet total',
          value: `${formatNumber(derived.fleetHashrateThs / 1e6, 2)} EH/s, drawing ${mw(derived.fleetUtilityMw)} with overhead`,
        },
        {
          label: 'Uptime, pool fee',
          value: `${pct(s.mining.uptimePct)}, ${pct(s.mining.poolFeePct)}`,
        },
        { label: 'Fleet refresh', value: fleetRefresh(s.mining.refresh) },
        {
          label: 'Difficulty',
          value: `${formatNumber(s.network.difficulty / 1e12, 2)} T, ${perYear(s.network.difficultyGrowthPctPerYear)}`,
        },
        { label: 'Fees', value: `${formatNumber(s.network.feesBtcPerBlock, 3)} BTC per block` },
      ],
    },
    {
      title: 'BTC price cases',
      rows: s.priceCases.map((c) => ({ label: c.name, value: priceCase(c) })),
    },
    {
      title: 'Conversion and lease',
      rows: [
        {
          label: 'Capex',
          value: `${formatUsdShort(s.conversion.capexUsdPerItMw)} per IT MW (${pct(s.conversion.tenantFundedPct)} tenant-funded)`,
        },
        {
          label: 'Construction, delivery',
          value: `${s.conversion.constructionMonths} months per tranche; ${tranches(s.conversion)}`,
        },
        {
          label: 'Lease rate',
          value: `${formatUsd(lease.rateUsdPerKwMonth, 2)} per kW-month in year 1, ${perYear(lease.escalatorPctPerYear)}`,
        },
        {
          label: 'Term, type',
          value: `${formatNumber(lease.termYears, 1)} years, ${lease.leaseType === 'nnn' ? 'NNN' : 'modified gross'}${lease.freeRentMonths > 0 ? `, ${lease.freeRentMonths} months rent-free` : ''}`,
        },
        {
          label: 'Tenant credit',
          value: `${pct(lease.tenantDefaultPctPerYear)} default per year, ${pct(lease.recoveryPct)} recovery, ${pct(lease.backstopPct)} backstop; ${pct(lease.renewalProbabilityPct)} renewal`,
        },
        {
          label: 'Value at the horizon',
          value:
            lease.terminalValue.kind === 'exit-cap'
              ? `Exit cap rate ${pct(lease.terminalValue.exitCapRatePct)} on the next 12 months of NOI`
              : lease.terminalValue.kind === 'renewal-dcf'
                ? `Contracted and renewal-weighted rent to ${lease.terminalValue.valuationLifeYears} years from delivery, discounted at the lease rate; site ${formatNumber(s.site.residualUsdPerMw / 1e6, 2)} M USD per MW in every strategy`
                : 'None',
        },
      ],
    },
    {
      title: 'Strategies and finance',
      rows: [
        {
          label: 'Horizon',
          value: `${s.horizonMonths} months from ${evaluation.months[0]?.label ?? s.startMonth}`,
        },
        { label: 'Partial conversion', value: mw(derived.partialConvertUtilityMw) },
        { label: 'Mine, then convert', value: `From month ${s.strategies.convertAtMonth}` },
        { label: 'Discount rates', value: evaluation.decision.discountRatesText },
      ],
    },
  ];
}
