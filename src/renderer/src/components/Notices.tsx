import { useNotices, useStores } from '../state/stores';

export function Notices() {
  const notices = useNotices((state) => state.notices);
  const { notices: store } = useStores();
  if (notices.length === 0) return null;
  return (
    <div className="notices" role="status" aria-live="polite">
      {notices.map((notice) => (
        <div
          key={notice.id}
          className={`notice ${notice.kind}`}
          onClick={() => store.getState().dismiss(notice.id)}
        >
          {notice.text}
        </div>
      ))}
    </div>
  );
}
