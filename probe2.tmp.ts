import { readFileSync } from 'node:fs';
import { runMonteCarlo } from './src/engine/montecarlo/index';
const s = JSON.parse(readFileSync(`scenarios/texas-300mw-hut8-style-lease.json`,'utf8'));
const zero = { constructionDelayModeMonths: 0, constructionDelayMaxMonths: 0, capexOverrunMinPct: 0, capexOverrunModePct: 0, capexOverrunMaxPct: 0, drawTenantDefault: false, drawRenewal: false, marketRentVolatilityPct: 0, exitCapVolatilityBp: 0 };
for (const [name, lr] of [['zero', zero], ['default', {}], ['zero', zero], ['default', {}]] as const) {
  const sc = { ...s, monteCarlo: { leaseRisk: lr } };
  runMonteCarlo(sc, { paths: 1000, seed: 1 });
  const t = performance.now();
  runMonteCarlo(sc, { paths: 10000, seed: 42 });
  console.log(name, (performance.now() - t).toFixed(0));
}
