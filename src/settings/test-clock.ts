/**
 * The time reply-due timers count with: the computer's clock, and in e2e builds only, plus an
 * offset a test sets under the storage.local key `e2e:clockOffsetMs` (like the injected policy
 * of ./policy.ts). Waiting a real minute for a chat to turn red would make the suite slow and
 * flaky; moving every context's "now" forward by the same amount drives the very code the agent
 * runs. Production builds never read the key: `TEST_BUILD` is fixed at build time and the branch
 * is removed (test/e2e/store-build.test.ts checks the key is absent from the store zips).
 */
import { browser } from 'wxt/browser';

const TEST_BUILD = import.meta.env.MODE === 'e2e';
const KEY = TEST_BUILD ? 'e2e:clockOffsetMs' : '';

let offsetMs = 0;

/** Now, in ms: `Date.now()`, moved by the test's offset in e2e builds. */
export function clockNow(): number {
  return Date.now() + offsetMs;
}

/**
 * e2e builds: reads the test's offset and follows its changes, calling `onJump` after each (a
 * jump in time must be seen at once, not at the next tick). Other builds: nothing.
 */
export function followTestClock(onJump: () => void): void {
  if (!TEST_BUILD) return;
  const apply = (value: unknown) => {
    offsetMs = typeof value === 'number' && Number.isFinite(value) ? value : 0;
    onJump();
  };
  void browser.storage.local.get(KEY).then((items) => apply(items[KEY]));
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && KEY in changes) apply(changes[KEY]?.newValue);
  });
}
