import type { z } from 'zod/mini';
import type { ScenarioFields } from './scenario';
import { maxStableDifficultyElasticity } from './uncertainty';

/**
 * The rules that read more than one field (the fleet fits the site, unique case names, tranches
 * add up, …). They run only on a file whose every field is valid on its own (scenario.ts), so they
 * never report nonsense such as "more than the site's −5 MW".
 */
export function checkCrossFieldRules(scenario: ScenarioFields, ctx: z.core.$RefinementCtx): void {
  const fleetMw =
    (scenario.fleet.reduce((sum, m) => sum + m.units * m.powerW, 0) / 1e6) *
    scenario.mining.overheadMultiplier;
  if (fleetMw > scenario.site.utilityMw * (1 + 1e-9)) {
    ctx.addIssue({
      code: 'custom',
      path: ['fleet'],
      input: Number(fleetMw.toFixed(3)),
      message: `the fleet draws ${fleetMw.toFixed(3)} MW with overhead, more than the site's ${scenario.site.utilityMw} MW`,
    });
  }
  const names = checkUniqueNames(scenario.priceCases, 'priceCases', 'the price cases', ctx);
  const { tranches, constructionMonths, itMw } = scenario.conversion;
  if (tranches.length > 0) {
    const totalPct = tranches.reduce((sum, t) => sum + t.itMwPct, 0);
    if (Math.abs(totalPct - 100) > 1e-6) {
      ctx.addIssue({
        code: 'custom',
        path: ['conversion', 'tranches'],
        input: totalPct,
        message: 'the tranches must deliver 100% of the IT MW in total',
      });
    }
    tranches.forEach((tranche, index) => {
      if (tranche.deliveryMonth < constructionMonths) {
        ctx.addIssue({
          code: 'custom',
          path: ['conversion', 'tranches', index, 'deliveryMonth'],
          input: tranche.deliveryMonth,
          message: `must be at least the construction time (${constructionMonths} months)`,
        });
      }
    });
  }
  // Neither the converted IT MW nor the partial conversion can exceed the site.
  const withinSite: [(string | number)[], number | null][] = [
    [['conversion', 'itMw'], itMw],
    [['strategies', 'partialConvertUtilityMw'], scenario.strategies.partialConvertUtilityMw],
  ];
  for (const [path, mw] of withinSite) {
    if (mw !== null && mw > scenario.site.utilityMw) {
      ctx.addIssue({
        code: 'custom',
        path,
        input: mw,
        message: `must not exceed the site's utility capacity (${scenario.site.utilityMw} MW)`,
      });
    }
  }
  if (scenario.strategies.convertAtMonth >= scenario.horizonMonths) {
    ctx.addIssue({
      code: 'custom',
      path: ['strategies', 'convertAtMonth'],
      input: scenario.strategies.convertAtMonth,
      message: `must be before the end of the horizon (${scenario.horizonMonths} months)`,
    });
  }
  if (!names.has(scenario.referenceCase)) {
    ctx.addIssue({
      code: 'custom',
      path: ['referenceCase'],
      input: scenario.referenceCase,
      message: `must name one of the price cases (${[...names].join(', ')})`,
    });
  }
  const { monteCarlo } = scenario;
  if (monteCarlo.priceCase !== null && !names.has(monteCarlo.priceCase)) {
    ctx.addIssue({
      code: 'custom',
      path: ['monteCarlo', 'priceCase'],
      input: monteCarlo.priceCase,
      message: `must name one of the price cases (${[...names].join(', ')})`,
    });
  }
  const maxElasticity = maxStableDifficultyElasticity(monteCarlo.difficultyLagMonths);
  if (monteCarlo.difficultyElasticityPerMonth >= maxElasticity) {
    ctx.addIssue({
      code: 'custom',
      path: ['monteCarlo', 'difficultyElasticityPerMonth'],
      input: monteCarlo.difficultyElasticityPerMonth,
      message: `must be below ${maxElasticity.toFixed(3)} with a ${monteCarlo.difficultyLagMonths}-month lag, or difficulty swings ever wider around the price`,
    });
  }
  const risk = monteCarlo.leaseRisk;
  if (risk.constructionDelayModeMonths > risk.constructionDelayMaxMonths) {
    ctx.addIssue({
      code: 'custom',
      path: ['monteCarlo', 'leaseRisk', 'constructionDelayModeMonths'],
      input: risk.constructionDelayModeMonths,
      message: `must not exceed the largest delay (${risk.constructionDelayMaxMonths} months)`,
    });
  }
  if (risk.capexOverrunMinPct > risk.capexOverrunModePct) {
    ctx.addIssue({
      code: 'custom',
      path: ['monteCarlo', 'leaseRisk', 'capexOverrunMinPct'],
      input: risk.capexOverrunMinPct,
      message: `must not exceed the most likely overrun (${risk.capexOverrunModePct}%)`,
    });
  }
  if (risk.capexOverrunModePct > risk.capexOverrunMaxPct) {
    ctx.addIssue({
      code: 'custom',
      path: ['monteCarlo', 'leaseRisk', 'capexOverrunModePct'],
      input: risk.capexOverrunModePct,
      message: `must not exceed the largest overrun (${risk.capexOverrunMaxPct}%)`,
    });
  }
  checkUniqueNames(scenario.stressTests, 'stressTests', 'the stress tests', ctx);
  monteCarlo.policy.deadlineMonths.forEach((month, index) => {
    if (month >= scenario.horizonMonths) {
      ctx.addIssue({
        code: 'custom',
        path: ['monteCarlo', 'policy', 'deadlineMonths', index],
        input: month,
        message: `must be before the end of the horizon (${scenario.horizonMonths} months)`,
      });
    }
  });
}

/** Each item's `name` must be unique in its list: every repeat is an issue. Returns the names. */
function checkUniqueNames(
  items: readonly { readonly name: string }[],
  list: string,
  among: string,
  ctx: z.core.$RefinementCtx,
): Set<string> {
  const names = new Set<string>();
  items.forEach((item, index) => {
    if (names.has(item.name)) {
      ctx.addIssue({
        code: 'custom',
        path: [list, index, 'name'],
        input: item.name,
        message: `must be unique among ${among}`,
      });
    }
    names.add(item.name);
  });
  return names;
}
