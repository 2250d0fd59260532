"""Building what a benchmark run needs: crossrun itself (meson, in the given build
directory), the measuring launcher, and each workload for the host and for each guest,
into <build>/bench/<variant>/<workload>. A binary is rebuilt when its source or common.h
is newer or its compile command changed (kept in a .cmd file beside it).
"""
import concurrent.futures
import json
import os
import shutil
import subprocess

from . import BenchError
from .guests import COMMON_CFLAGS, LIBS, NATIVE

BENCH_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REPO_ROOT = os.path.dirname(BENCH_DIR)
SOURCES = os.path.join(BENCH_DIR, 'workloads')


def crossrun(builddir, given=None):
    """The crossrun to measure: `given` as it is if set, else builddir's, configured if
    it is not yet and brought up to date."""
    if given:
        if not os.access(given, os.X_OK):
            raise BenchError(f'{given} is not an executable')
        return os.path.abspath(given)
    if not os.path.exists(os.path.join(builddir, 'build.ninja')):
        print(f'bench: {builddir} is not a meson build directory; running meson setup',
              flush=True)
        _check_call(['meson', 'setup', builddir, REPO_ROOT], 'meson setup')
    _check_call(['meson', 'compile', '-C', builddir, 'crossrun'], 'building crossrun')
    path = os.path.abspath(os.path.join(builddir, 'crossrun'))
    if not os.access(path, os.X_OK):
        raise BenchError(f'{path} was not built')
    return path


def build_options(builddir):
    """buildtype and sanitizers of builddir, for the report's header."""
    try:
        out = subprocess.run(['meson', 'introspect', '--buildoptions', builddir],
                             capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return {}
    return {o['name']: o['value'] for o in json.loads(out)
            if o['name'] in ('buildtype', 'b_sanitize', 'optimization')}


def _check_call(cmd, what):
    try:
        r = subprocess.run(cmd, capture_output=True, text=True)
    except FileNotFoundError:
        raise BenchError(f'{what}: {cmd[0]} is not installed') from None
    if r.returncode != 0:
        tail = '\n'.join((r.stdout + r.stderr).rstrip().splitlines()[-20:])
        raise BenchError(f'{what} failed (exit {r.returncode}): {" ".join(cmd)}\n{tail}')


def launcher(builddir):
    """The measuring launcher (bench/tools/launch.c), built static for the host so the
    RSS it hands to the measured program is as small as it can be."""
    out = os.path.join(os.path.abspath(builddir), 'bench', 'launch')
    src = os.path.join(BENCH_DIR, 'tools', 'launch.c')
    cmd = [NATIVE.cc, *COMMON_CFLAGS, '-O2', '-o', out, src]
    _compile_one(out, cmd, [src], 'the launcher')
    return out


def workload_path(builddir, variant, name):
    return os.path.join(os.path.abspath(builddir), 'bench', variant.name, name)


def compile_all(builddir, variants, names):
    """Build every (variant, workload); returns {(variant name, workload): path}.
    Compiles in parallel; raises BenchError with the compiler's output on failure."""
    jobs = [(v, n) for v in variants for n in names]
    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        paths = list(pool.map(lambda job: _compile(builddir, *job), jobs))
    return {(v.name, n): p for (v, n), p in zip(jobs, paths)}


def _compile(builddir, variant, name):
    out = workload_path(builddir, variant, name)
    src = os.path.join(SOURCES, name + '.c')
    cmd = [variant.cc, *variant.cflags, *COMMON_CFLAGS, '-o', out, src, *LIBS]
    _compile_one(out, cmd, [src, os.path.join(SOURCES, 'common.h')],
                 f'{name} for {variant.name}')
    return out


def _compile_one(out, cmd, inputs, what):
    stamp = out + '.cmd'
    if _up_to_date(out, stamp, inputs, cmd):
        return
    os.makedirs(os.path.dirname(out), exist_ok=True)
    try:
        r = subprocess.run(cmd, capture_output=True, text=True)
    except FileNotFoundError:
        raise BenchError(f'compiling {what}: {cmd[0]} is not installed') from None
    if r.returncode != 0:
        raise BenchError(f'compiling {what} failed:\n  {" ".join(cmd)}\n{r.stderr.rstrip()}')
    with open(stamp, 'w') as f:
        f.write(' '.join(cmd) + '\n')


def _up_to_date(out, stamp, inputs, cmd):
    try:
        built = os.path.getmtime(out)
        with open(stamp) as f:
            same_cmd = f.read() == ' '.join(cmd) + '\n'
    except OSError:
        return False
    return same_cmd and all(os.path.getmtime(i) <= built for i in inputs)


def missing_compilers(variants):
    """The variants whose compiler is not on PATH."""
    return [v for v in variants if shutil.which(v.cc) is None]
