#!/usr/bin/env python3
"""Make (or check) the expected outputs of tests/guest and tests/isa with qemu-arm.

qemu-arm is the reference for what an ARMv7 board prints, run with the same CPU the
differential suites use (keep QEMU_ARGS in step with guest_qemu_args in
tests/guest/meson.build). The test commands are read from meson itself (`meson introspect
--tests`), so this script replays exactly what the suites run, with qemu-arm in place of
crossrun:

  1. for each program, the first variant's run under qemu-arm writes expected/<name>.out;
  2. every other variant must then print the same under qemu-arm (one expected file is
     shared by all four variants, so they must agree);
  3. programs marked "guest-test: portable" in their first line are also compiled for the
     host with the system cc and must print the same natively (-frounding-math because
     fp_libm changes rounding modes, which gcc otherwise assumes it may ignore).

Usage: tests/guest/regen_expected.py [--check] [BUILD_DIR]   (default BUILD_DIR: build-tst)
  --check   do not write anything; report every disagreement (exit 1 if any)
Build BUILD_DIR first (meson compile -C BUILD_DIR) so the guest binaries exist.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

QEMU_ARGS = "-cpu cortex-a15"
HERE = os.path.dirname(os.path.abspath(__file__))


def introspect(build):
    out = subprocess.run(["meson", "introspect", build, "--tests"], check=True,
                         stdout=subprocess.PIPE).stdout
    return json.loads(out)


def option(cmd, name):
    i = cmd.index(name)
    return cmd[i + 1]


def with_qemu(cmd, qemu, write):
    """The test's command with qemu-arm as the emulator (and --write-expected if asked)."""
    cmd = list(cmd)
    i = cmd.index("--emulator")
    cmd[i + 1] = qemu
    cmd[i + 2:i + 2] = ["--emulator-args=" + QEMU_ARGS] + (["--write-expected"] if write else [])
    return cmd


def native_cmd(cmd, native_bin):
    cmd = list(cmd)
    i = cmd.index("--emulator")
    del cmd[i:i + 2]
    j = cmd.index("--")
    cmd[j + 1] = native_bin
    return cmd


def run(cmd, build):
    # meson runs tests from the build directory; the commands' paths are relative to it.
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, cwd=build)
    return p.returncode, p.stdout.decode("utf-8", "replace")


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    check = "--check" in sys.argv[1:]
    build = args[0] if args else "build-tst"
    qemu = shutil.which("qemu-arm")
    if not qemu:
        sys.exit("regen_expected: qemu-arm is not installed (apt install qemu-user)")
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
            ts.sort(key=lambda t: t["name"])
            first = ts[0]
            if not check:
                rc, out = run(with_qemu(first["cmd"], qemu, True), build)
                if rc != 0:
                    print("!! %s: qemu-arm run failed:\n%s" % (first["name"], out))
                    problems += 1
                    continue
            for t in ts if check else ts[1:]:
                rc, out = run(with_qemu(t["cmd"], qemu, False), build)
                if rc != 0:
                    print("!! %s under qemu-arm disagrees with %s:\n%s" % (
                        t["name"], os.path.relpath(expected), out))
                    problems += 1
            name = os.path.basename(expected)[:-len(".out")]
            src = os.path.join(HERE, name + ".c")
            if os.path.exists(src):
                with open(src) as f:
                    portable = "guest-test: portable" in f.readline()
                if portable:
                    nb = os.path.join(native_dir, name)
                    subprocess.run(["cc", "-std=gnu11", "-O2", "-frounding-math", "-o", nb, src,
                                    "-lm"], check=True, stderr=subprocess.DEVNULL)
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
