/**
 * Which clock times are shown in: local by default (issue 17: always-UTC times confused people
 * reading their own day), UTC on request. Remembered in localStorage; one per window.
 */
import { create } from 'zustand';
import type { TimeZoneChoice } from '../lib/relativeTime';

const KEY = 'switchboard.timeZone';

function stored(): TimeZoneChoice {
  try {
    return globalThis.localStorage?.getItem(KEY) === 'utc' ? 'utc' : 'local';
  } catch {
    return 'local';
  }
}

interface TimeZoneState {
  zone: TimeZoneChoice;
  setZone(zone: TimeZoneChoice): void;
}

export const useTimeZone = create<TimeZoneState>()((set) => ({
  zone: stored(),
  setZone(zone) {
    try {
      globalThis.localStorage?.setItem(KEY, zone);
    } catch {
      // Storage may be disabled; the choice still holds for this window.
    }
    set({ zone });
  },
}));
