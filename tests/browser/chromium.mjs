// How every browser run here launches Debian's Chromium (the browser tests
// and the benchmark): its path, and flags for running as root on a machine
// with a closed network. Playwright adds --headless and a fresh temporary
// --user-data-dir per launch.

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];
