// The native contenders: bench/native_bench.cpp linked to apl_core, built by CMake in two folders
// of its own (Release = -O3; and -O3 -march=native), then run once each. Returns
// { build: { 'W1/500/auto': ms, … } }.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const BUILDS = {
  'native -O3': { dir: 'build/bench-o3', flags: '' },
  'native -O3 -march=native': { dir: 'build/bench-march', flags: '-march=native' },
};

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

export function buildNative() {
  for (const { dir, flags } of Object.values(BUILDS)) {
    if (!existsSync(path.join(root, dir, 'CMakeCache.txt'))) {
      run('cmake', ['-S', '.', '-B', dir, '-DCMAKE_BUILD_TYPE=Release', '-DAPL_TESTS=OFF', '-DAPL_BENCH=ON',
        `-DCMAKE_CXX_FLAGS=${flags}`]);
    }
    run('cmake', ['--build', dir, '-j', '2', '--target', 'native_bench']);
  }
}

/** `only`: the workloads to run (null: all). */
export function runNative({ quick = false, only = null } = {}) {
  const out = {};
  const args = [...(quick ? ['quick'] : []), ...(only ? [`only=${only.join(',')}`] : [])];
  for (const [name, { dir }] of Object.entries(BUILDS)) {
    const stdout = execFileSync(path.join(root, dir, 'native_bench'), args, {
      encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 20,
    });
    out[name] = JSON.parse(stdout);
  }
  return out;
}

export function compilerVersions() {
  const first = (cmd, args) => {
    try {
      return execFileSync(cmd, args, { encoding: 'utf8', env: { ...process.env, NODE_PATH: '/usr/share/nodejs' } }).split('\n')[0];
    } catch {
      return 'unknown';
    }
  };
  return { gxx: first('g++', ['--version']), emxx: first('em++', ['--version']) };
}

/**
 * The widest vectors g++ -march=native targets on this machine, from its predefined macros:
 * [name, doubles per vector]. (SSE2, two doubles, is what plain -O3 targets on x86-64.)
 */
export function nativeVectorWidth() {
  try {
    const macros = execFileSync('g++', ['-march=native', '-dM', '-E', '-x', 'c++', '/dev/null'], { encoding: 'utf8' });
    if (macros.includes('__AVX512F__')) return ['AVX-512', 8];
    if (macros.includes('__AVX__')) return ['AVX', 4];
    if (macros.includes('__SSE2__')) return ['SSE2', 2];
  } catch {
    // no g++: the report says so
  }
  return ['unknown', NaN];
}
