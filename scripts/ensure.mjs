// Installs what is missing, and nothing else: Debian packages (as root or with passwordless sudo;
// otherwise it stops with the exact command), then npm packages from package-lock.json when
// node_modules is missing or was installed from another lock file. Uses node built-ins only, since
// it runs before npm packages exist. When everything is present it costs a few file checks.
import { createHash } from 'node:crypto';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** What the build and tests need from Debian, and a file that proves each package is present. */
const SYSTEM = [
  ['cmake', '/usr/bin/cmake'],
  ['g++', '/usr/bin/g++'],
  ['make', '/usr/bin/make'],
  ['emscripten', '/usr/bin/em++'],
  ['libeigen3-dev', '/usr/include/eigen3/Eigen/Core'],
  ['doctest-dev', '/usr/include/doctest/doctest.h'],
  ['chromium', '/usr/bin/chromium'],
  ['firefox-esr', '/usr/bin/firefox-esr'], // the offline test opens the built page from disk in Firefox too
  ['python3-torch', '/usr/lib/python3/dist-packages/torch/__init__.py'], // runs the page's "show the code" (tests/node/show-code.test.mjs)
  ['fonts-noto-cjk', '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc'], // Chinese text in the screenshots of tests/browser/i18n.test.mjs
];

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed with exit code ${r.status}`);
}

function ensureSystemPackages() {
  const missing = SYSTEM.filter(([, file]) => !existsSync(file)).map(([pkg]) => pkg);
  if (missing.length === 0) return;
  const install = ['apt-get', 'install', '-y', '--no-install-recommends', ...missing];
  const isRoot = process.getuid?.() === 0;
  const canSudo = !isRoot && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0;
  if (!isRoot && !canSudo) {
    console.error(
      `Missing Debian packages: ${missing.join(', ')}.\nInstall them with:\n\n` +
        `  sudo apt-get update && sudo ${install.join(' ')}\n\nthen run this command again.`,
    );
    process.exit(1);
  }
  console.log(`Installing Debian packages: ${missing.join(', ')}`);
  const prefix = isRoot ? [] : ['sudo', '-n'];
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const [cmd, ...rest] = [...prefix, 'apt-get', 'update'];
  run(cmd, rest, { env });
  const [cmd2, ...rest2] = [...prefix, ...install];
  run(cmd2, rest2, { env });
}

function ensureNodeModules() {
  const lock = path.join(root, 'package-lock.json');
  const stamp = path.join(root, 'node_modules', '.apl-lock-sha256');
  const want = createHash('sha256').update(readFileSync(lock)).digest('hex');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === want) return;
  console.log('Installing npm packages from package-lock.json (npm ci)');
  run('npm', ['ci', '--no-audit', '--no-fund']);
  writeFileSync(stamp, want);
}

export function ensure() {
  ensureSystemPackages();
  ensureNodeModules();
}

export function commandVersion(cmd, args = ['--version']) {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8' }).split('\n')[0];
  } catch {
    return 'not found';
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) ensure();
