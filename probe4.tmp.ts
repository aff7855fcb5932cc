import { formatResults } from './bench/harness';
import { runMonteCarloBench } from './bench/montecarlo';
process.stdout.write(formatResults('MC', await runMonteCarloBench()));
