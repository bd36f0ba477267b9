import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

import { describe, expect, it } from 'vitest';

import { EMULATOR_DEFAULTS } from '../lib/config.js';
import { DEV_ONLY_ACS_ACCESS_KEY } from './constants';

const ROOT = join(__dirname, '..');

function filesUnder(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ts|tsx|mjs|js|md)$/.test(e.name))
    .map((e) => relative(ROOT, join(e.parentPath, e.name)));
}

describe('the dev-only ACS access key exists once', () => {
  it("lib/config.js's mirror equals the emulator's constant", () => {
    expect(EMULATOR_DEFAULTS.accessKey).toBe(DEV_ONLY_ACS_ACCESS_KEY);
  });

  it('no other file of the emulator, e2e, scripts or .env.example spells it out', () => {
    const files = [...filesUnder('emulator'), ...filesUnder('e2e'), ...filesUnder('scripts'), '.env.example'];
    const holders = files.filter((f) => readFileSync(join(ROOT, f), 'utf8').includes(DEV_ONLY_ACS_ACCESS_KEY));
    expect(holders).toEqual(['emulator/constants.ts']);
  });
});
