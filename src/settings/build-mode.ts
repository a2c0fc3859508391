/**
 * Which build this is. `production` (`npm run build`, `npm run zip`) is the store build: no
 * sandbox, no loopback, no demo account, no performance marks. Every other mode is a sandbox
 * build: `sandbox` (`npm start`), `e2e` (`npm run build:test`, the e2e suite and the bench) and
 * vitest's `test`. The value is fixed at build time, so a store bundle drops the sandbox branches.
 */
export const SANDBOX_BUILD: boolean = import.meta.env.MODE !== 'production';
