/** The ring's countdown to LivePerson's automatic Away, ticking while a chat rings (popup and panel). */
import { useEffect, useState } from 'preact/hooks';
import { secondsUntilAway } from '../agent/timing';
import { view } from './store';
import { useSignalValue } from './state/use-signal-value';

/** Seconds left before an unanswered ring sets the agent Away; undefined while nothing rings. */
export function useRingCountdown(): number | undefined {
  const { ringing } = useSignalValue(view);
  const since = ringing.count > 0 ? ringing.since : undefined;
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (since === undefined) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [since]);
  return since === undefined ? undefined : secondsUntilAway(since, now);
}
