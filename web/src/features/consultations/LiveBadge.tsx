import { useTranslation } from "react-i18next";
import type { LiveStatus } from "./useWaitingRoomLive";

/** The hub connection's state (same look and test id as the front desk's). */
export function LiveBadge({ status }: { status: LiveStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`live-badge live-badge--${status}`} data-testid="live-status" data-state={status} role="status">
      <span className="live-badge__dot" aria-hidden="true" />
      {t(`consultations.live.${status}`)}
    </span>
  );
}
