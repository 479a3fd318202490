/** Local time or UTC for every absolute time in the window. */
import { useTimeZone } from '../state/timeZoneStore';

export function TimeZoneToggle() {
  const zone = useTimeZone((state) => state.zone);
  const setZone = useTimeZone((state) => state.setZone);
  return (
    <div className="segmented" role="group" aria-label="Time zone">
      <button
        type="button"
        className="small"
        aria-pressed={zone === 'local'}
        onClick={() => setZone('local')}
      >
        Local
      </button>
      <button
        type="button"
        className="small"
        aria-pressed={zone === 'utc'}
        onClick={() => setZone('utc')}
      >
        UTC
      </button>
    </div>
  );
}
