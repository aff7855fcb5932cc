import { readFileSync } from 'node:fs';
import { runMonteCarlo } from './src/engine/montecarlo/index';
const s = JSON.parse(readFileSync(`scenarios/texas-300mw-hut8-style-lease.json`,'utf8'));
runMonteCarlo(s, { paths: 10000, seed: 42 });
runMonteCarlo(s, { paths: 10000, seed: 43 });
