import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The layering (docs/app.md, "Layering") is a lint rule: the repo's biome.json, copied beside
 * probe files laid out like `src/`, must refuse each wrong-way import and accept the right ones.
 * One lint run over every probe; each diagnostic names its file.
 */
const refused: [string, string][] = [
  ['src/engine/probeUi.ts', '../ui/app'],
  ['src/engine/montecarlo/probeState.ts', '../../state/app'],
  ['src/engine/probeIo.ts', '../io/xlsx'],
  ['src/schema/probeEngine.ts', '../engine/evaluate'],
  ['src/io/probeState.ts', '../state/app'],
  ['src/state/probeUi.ts', '../ui/context'],
  ['src/workers/probeUi.ts', '../ui/app'],
];
const accepted: [string, string][] = [
  ['src/engine/probeSchema.ts', '../schema/scenario'],
  ['src/io/probeEngine.ts', '../engine/evaluate'],
  ['src/state/probeIo.ts', '../io/xlsx'],
  ['src/ui/probeState.ts', '../state/app'],
];

const repo = join(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'mine-or-lease-layering-'));
let output = '';

beforeAll(() => {
  const config = JSON.parse(readFileSync(join(repo, 'biome.json'), 'utf8'));
  config.vcs = { enabled: false };
  config.$schema = undefined;
  writeFileSync(join(dir, 'biome.json'), JSON.stringify(config));
  for (const [file, importPath] of [...refused, ...accepted]) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(
      join(dir, file),
      `import { probe } from '${importPath}';\n\nexport const used = probe;\n`,
    );
  }
  const run = spawnSync(
    join(repo, 'node_modules', '.bin', 'biome'),
    ['lint', '--max-diagnostics=100', '--colors=off', 'src'],
    { cwd: dir, encoding: 'utf8' },
  );
  output = `${run.stdout}${run.stderr}`;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The diagnostics of one file: from its header line to the next header. */
function diagnosticsOf(file: string): string {
  return output
    .split(/\n(?=\S+\.ts:\d+:\d+ )/)
    .filter((block) => block.startsWith(`${file}:`))
    .join('\n');
}

describe('the layering rule', () => {
  it.each(refused)('refuses %s importing %s', (file) => {
    expect(diagnosticsOf(file)).toContain('Layering');
  });

  it.each(accepted)('accepts %s importing %s', (file) => {
    expect(diagnosticsOf(file)).toBe('');
  });
});
