/** Every tray state the model can choose has its generated PNG (scripts/generate-icons.mjs). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TRAY_ICON_STATES } from '../../../src/main/desktop/trayIconState';

const TRAY_DIR = join(import.meta.dirname, '..', '..', '..', 'resources', 'tray');
const PNG_SIGNATURE = '89504e470d0a1a0a';

function pngSize(path: string): { width: number; height: number } {
  const bytes = readFileSync(path);
  expect(bytes.subarray(0, 8).toString('hex')).toBe(PNG_SIGNATURE);
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('tray icon assets', () => {
  it.each(TRAY_ICON_STATES)('%s has a 16 px PNG and its @2x', (state) => {
    expect(pngSize(join(TRAY_DIR, `${state}.png`))).toEqual({ width: 16, height: 16 });
    expect(pngSize(join(TRAY_DIR, `${state}@2x.png`))).toEqual({ width: 32, height: 32 });
  });
});
