/** Every lease-side risk of the Monte Carlo at zero: each path has the deterministic lease leg. */
export const NO_LEASE_RISK = {
  constructionDelayModeMonths: 0,
  constructionDelayMaxMonths: 0,
  capexOverrunMinPct: 0,
  capexOverrunModePct: 0,
  capexOverrunMaxPct: 0,
  drawTenantDefault: false,
  drawRenewal: false,
  marketRentVolatilityPct: 0,
  exitCapVolatilityBp: 0,
} as const;
