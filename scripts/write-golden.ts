import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { computeGolden, GOLDEN_DIR, goldenText, presetFiles } from './golden-tables';

/**
 * `npm run golden`: rewrites `test/golden/<preset>.json` from the engine as it is now, and
 * removes the tables of presets that no longer exist. Review the diff before committing it: each
 * changed number is a change to the model, listed in docs/model.md ("Changes to the model").
 */
const root = new URL('../', import.meta.url);
const dir = new URL(`${GOLDEN_DIR}/`, root);
mkdirSync(dir, { recursive: true });
const files = presetFiles(root);
for (const stale of readdirSync(dir).filter((name) => name.endsWith('.json'))) {
  if (!files.includes(stale)) {
    rmSync(new URL(stale, dir));
    console.log(`removed ${GOLDEN_DIR}/${stale}`);
  }
}
for (const file of files) {
  writeFileSync(new URL(file, dir), goldenText(computeGolden(root, file)));
  console.log(`wrote ${GOLDEN_DIR}/${file}`);
}
