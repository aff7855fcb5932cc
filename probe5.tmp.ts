import { readFileSync } from 'node:fs';
import { classDiscountFactors } from './src/engine/discount';
import { createLeaseNpv, planTemplate } from './src/engine/fastNpv';
import { buildLeaseUnitLines } from './src/engine/lease';
import { createLeaseLeg, expectedLeaseOutcome } from './src/engine/leaseOutcome';
import { floatArith } from './src/engine/arith';
import { assertScenario } from './src/schema/validate';
const sc = assertScenario(JSON.parse(readFileSync('scenarios/feb-2026-market-snapshot.json','utf8')));
const f = classDiscountFactors(sc);
const eng = createLeaseNpv(sc, buildLeaseUnitLines(floatArith, sc, sc.horizonMonths), f);
const leg = createLeaseLeg(sc, f);
const t = planTemplate(sc, sc.site.utilityMw);
const pd = sc.lease.tenantDefaultPctPerYear/100; const S = (j:number)=> (1-pd)**((j+1)/12);
for (const k of [0, 24, 42]) {
  let mean = 0;
  for (let tau=0; tau<sc.horizonMonths; tau++){ leg.setOutcome({...expectedLeaseOutcome(sc), defaultIsEvent:true, defaultLeaseMonth:tau, renewalIsEvent:false}); mean += (S(tau-1)-S(tau))*leg.npv(t,k);}
  leg.setOutcome({...expectedLeaseOutcome(sc), defaultIsEvent:true}); mean += S(sc.horizonMonths-1)*leg.npv(t,k);
  console.log(k, eng(t,k), mean, mean-eng(t,k));
}
