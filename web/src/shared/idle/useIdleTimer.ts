import { useEffect, useState, useSyncExternalStore } from "react";
import { activityStore } from "../api/activity";
import { computeIdleState, msUntilNextChange, type IdleConfig, type IdleState } from "./idleTimer";

/**
 * The idle state for the current last activity, re-evaluated on Date.now() at the moments it can
 * change (never more than a second apart), so a fake clock that jumps forward is followed at once.
 */
export function useIdleState(config: IdleConfig): IdleState {
  const lastActivityAt = useSyncExternalStore(activityStore.subscribe, activityStore.get);
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const schedule = () => {
      const current = Date.now();
      setNow(current);
      const next = msUntilNextChange(computeIdleState(activityStore.get(), current, config), current);
      const delay = next === null ? 1000 : Math.min(Math.max(next, 50), 1000);
      timer = setTimeout(schedule, delay);
    };
    schedule();
    return () => clearTimeout(timer);
  }, [lastActivityAt, config.timeoutSeconds, config.warningSeconds]); // eslint-disable-line react-hooks/exhaustive-deps

  // A fresh activity is newer than the last tick: never count from before it.
  return computeIdleState(lastActivityAt, Math.max(now, lastActivityAt), config);
}
