#!/usr/bin/env python3
"""Make (or check) the expected outputs of tests/guest and tests/isa with qemu-user.

qemu-user is the reference for what a real board prints. Each test names its own oracle
(--oracle qemu-arm --oracle-args '-cpu cortex-a15', from the guest table in
tests/guest/meson.build), the same CPU the differential suites use. The test commands are
read from meson itself (`meson introspect --tests`), so this script replays exactly what
the suites run, with the oracle in place of crossrun:

  1. for each expected file, the first test using it (in the order meson defines them:
     ARM first) writes it under its oracle;
  2. every other test using the file must then print the same under its own oracle (one
     file is shared by all variants of a program, and by all guests unless a guest has
     its own expected/<guest>/<name>.out: create that file, reconfigure, then regenerate);
  3. programs marked "guest-test: portable" in their first line are also compiled for the
     host with the system cc and must print the same natively (-frounding-math because
     fp_libm changes rounding modes, which gcc otherwise assumes it may ignore).
  4. programs marked "native-oracle" as well ("guest-test: portable, native-oracle") take
     their expected file from that native build instead: qemu-user cannot run them right
     (see guest_native_oracle in tests/guest/meson.build).

Usage: tests/guest/regen_expected.py [--check] [--match=TEXT] [BUILD_DIR]
  (default BUILD_DIR: build-tst)
  --check        do not write anything; report every disagreement (exit 1 if any)
  --match=TEXT   only the expected files some test whose name contains TEXT uses
                 (e.g. --match=aarch64-)
Build BUILD_DIR first (meson compile -C BUILD_DIR) so the guest binaries exist.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def introspect(build):
    out = subprocess.run(["meson", "introspect", build, "--tests"], check=True,
                         stdout=subprocess.PIPE).stdout
    return json.loads(out)


def option(cmd, name):
    i = cmd.index(name)
    return cmd[i + 1]


# Tests that name no oracle (tests/isa/arm predates --oracle) are ARM ones.
DEFAULT_ORACLE = ["--oracle", "qemu-arm", "--oracle-args=-cpu cortex-a15"]


def oracle_name(cmd):
    return option(cmd if "--oracle" in cmd else DEFAULT_ORACLE, "--oracle")


def oracle_of(cmd):
    """The test's --oracle (installed path) and --oracle-args."""
    if "--oracle" not in cmd:
        cmd = DEFAULT_ORACLE
    name = option(cmd, "--oracle")
    args = [a for a in cmd if a.startswith("--oracle-args=")]
    path = shutil.which(name)
    if not path:
        sys.exit("regen_expected: %s is not installed (apt install qemu-user)" % name)
    return path, args[0][len("--oracle-args="):] if args else ""


def with_qemu(cmd, write):
    """The test's command with its oracle as the emulator (and --write-expected if asked)."""
    qemu, qargs = oracle_of(cmd)
    cmd = list(cmd)
    i = cmd.index("--emulator")
    cmd[i + 1] = qemu
    cmd[i + 2:i + 2] = ["--emulator-args=" + qargs] + (["--write-expected"] if write else [])
    return cmd


def native_cmd(cmd, native_bin):
    cmd = list(cmd)
    i = cmd.index("--emulator")
    del cmd[i:i + 2]
    j = cmd.index("--")
    cmd[j + 1] = native_bin
    return cmd


def build_native(src, out):
    subprocess.run(["cc", "-std=gnu11", "-O2", "-frounding-math", "-o", out, src, "-lm"],
                   check=True, stderr=subprocess.DEVNULL)


def native_oracle(first, native_dir, build, check):
    """Writes (or checks) the expected file from the native build; returns problems."""
    name = os.path.basename(option(first["cmd"], "--expected"))[:-len(".out")]
    nb = os.path.join(native_dir, name)
    build_native(os.path.join(HERE, name + ".c"), nb)
    cmd = native_cmd(first["cmd"], nb)
    if not check:
        cmd.insert(cmd.index("--"), "--write-expected")
    rc, out = run(cmd, build)
    if rc != 0:
        print("!! %s: native run failed:\n%s" % (name, out))
        return 1
    return 0


def run(cmd, build):
    # meson runs tests from the build directory; the commands' paths are relative to it.
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, cwd=build)
    return p.returncode, p.stdout.decode("utf-8", "replace")


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    check = "--check" in sys.argv[1:]
    match = [a[len("--match="):] for a in sys.argv[1:] if a.startswith("--match=")]
    build = args[0] if args else "build-tst"
    tests = [t for t in introspect(build)
             if any(s.endswith(":guest") or s.endswith(":isa") for s in t["suite"])]
    # Group the variants of one program by their expected file.
    groups = {}
    for t in tests:
        if "--expected" not in t["cmd"]:
            continue
        groups.setdefault(option(t["cmd"], "--expected"), []).append(t)
    problems = 0
    native_dir = tempfile.mkdtemp(prefix="native-")
    try:
        for expected, ts in sorted(groups.items()):
            if match and not any(m in t["name"] for t in ts for m in match):
                continue
            first = ts[0]
            if oracle_name(first["cmd"]) == "self":     # --oracle self: it checks itself
                print("ok %s (checks itself: left alone)" % os.path.relpath(expected))
                continue
            src = os.path.join(HERE, os.path.basename(expected)[:-len(".out")] + ".c")
            if os.path.exists(src):
                with open(src) as f:
                    if "native-oracle" in f.readline():
                        problems += native_oracle(first, native_dir, build, check)
                        print("ok %s (native oracle)" % os.path.relpath(expected))
                        continue
            if not check:
                rc, out = run(with_qemu(first["cmd"], True), build)
                if rc != 0:
                    print("!! %s: %s run failed:\n%s" % (first["name"],
                                                        oracle_name(first["cmd"]), out))
                    problems += 1
                    continue
            for t in ts if check else ts[1:]:
                rc, out = run(with_qemu(t["cmd"], False), build)
                if rc != 0:
                    print("!! %s under %s disagrees with %s:\n%s" % (
                        t["name"], oracle_name(t["cmd"]), os.path.relpath(expected), out))
                    problems += 1
            name = os.path.basename(expected)[:-len(".out")]
            src = os.path.join(HERE, name + ".c")
            # a guest's own file (expected/<guest>/) is what that guest prints, not x86-64
            shared = os.path.basename(os.path.dirname(expected)) == "expected"
            if shared and os.path.exists(src):
                with open(src) as f:
                    portable = "guest-test: portable" in f.readline()
                if portable:
                    nb = os.path.join(native_dir, name)
                    build_native(src, nb)
                    rc, out = run(native_cmd(first["cmd"], nb), build)
                    if rc != 0:
                        print("!! %s: native x86-64 build disagrees:\n%s" % (name, out))
                        problems += 1
                    else:
                        print("   %s: native build agrees" % name)
            print("ok %s (%d variants)" % (os.path.relpath(expected), len(ts)))
    finally:
        shutil.rmtree(native_dir, ignore_errors=True)
    print("%d problem(s)" % problems)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
