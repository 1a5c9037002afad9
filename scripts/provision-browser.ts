import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

/**
 * Debian's Chromium for the console's browser tests (playwright-core drives it; Playwright's
 * own browser download cannot work on these machines), and a Chinese font for its pages and
 * screenshots. Installed with apt when missing.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CJK_FONT = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';
const PACKAGES = ['chromium', 'fonts-wqy-microhei'];

function say(message: string): void {
  process.stderr.write(`[provision] ${message}\n`);
}

function apt(...args: string[]): boolean {
  const sudo = process.getuid?.() === 0 ? [] : ['sudo', '-n'];
  const [command, ...rest] = [...sudo, 'apt-get', ...args];
  const run = spawnSync(command!, rest, {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return run.status === 0;
}

export function ensureChromium(): string {
  if (fs.existsSync(CHROMIUM) && fs.existsSync(CJK_FONT)) return CHROMIUM;
  say(`installing ${PACKAGES.join(', ')} for the browser tests (apt-get, a few minutes)`);
  const installed =
    apt('install', '-y', '-q', ...PACKAGES) ||
    (apt('update', '-q') && apt('install', '-y', '-q', ...PACKAGES));
  if (!installed || !fs.existsSync(CHROMIUM)) {
    throw new Error(
      'could not install chromium with apt-get; install it (or set CHROMIUM_PATH) and run again',
    );
  }
  return CHROMIUM;
}

if (require.main === module) {
  say(`chromium: ${ensureChromium()}`);
}
