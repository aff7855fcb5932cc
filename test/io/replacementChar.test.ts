import { describe, expect, it } from 'vitest';
import { importScenarioFile, scenarioFileText } from '../../src/io/scenarioFile';
import { decodeShareFragment, encodeShareFragment } from '../../src/io/shareLink';
import { defaultPreset } from '../../src/state/presets';

describe('U+FFFD round-trip (issue 11.10)', () => {
  const scenario = { ...defaultPreset()!.scenario, name: 'Site \uFFFD north' };

  it('a scenario whose name holds U+FFFD is exported and imported back as a file', async () => {
    const result = await importScenarioFile(new Blob([scenarioFileText(scenario)]));
    expect(result.ok && result.scenarios[0]!.name).toBe('Site \uFFFD north');
  });

  it('… and through a share link', () => {
    const result = decodeShareFragment(encodeShareFragment(scenario));
    expect(result.ok && result.scenarios[0]!.name).toBe('Site \uFFFD north');
  });

  it('bytes that are not UTF-8 are still refused', async () => {
    const text = scenarioFileText({ ...scenario, name: 'Caf_' });
    const bytes = new TextEncoder().encode(text);
    bytes[bytes.indexOf('_'.charCodeAt(0))] = 0xe9; // Latin-1 é
    const result = await importScenarioFile(new Blob([bytes]));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems[0]!.rule).toContain('not UTF-8');
  });
});
