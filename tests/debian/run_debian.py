#!/usr/bin/env python3
"""Run one command of tests/debian/cases.py from a Debian root under crossrun.

    run_debian.py --crossrun BUILD/crossrun --arch armhf --dir BUILD/tests/debian/armhf CASE
    run_debian.py --list                    # the case names (meson reads them)

Makes the root first if it is not there yet (sysroot.py; every test of an arch shares it,
the first one downloads, the others wait). The guest runs as
`crossrun -L ROOT ROOT/usr/bin/PROG ARGS` with argv[0] the guest's own path, in a fresh
directory holding the fixture; the test passes when its stdout and exit status are the
expected ones, and fails with a diff otherwise.
"""
import argparse
import difflib
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import cases as C  # noqa: E402
import sysroot  # noqa: E402


def data_bytes():
    """64 KiB, the same on every run: compressible runs mixed with noise."""
    out = bytearray()
    x = 12345
    while len(out) < 65536:
        x = (x * 1103515245 + 12345) & 0x7fffffff
        out += bytes([x >> 16 & 0xff]) * (1 + (x & 7)) if x & 8 else bytes([x >> 8 & 0xff])
    return bytes(out[:65536])


def make_fixture(d):
    for rel, text in C.FIXTURE.items():
        p = os.path.join(d, rel)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, "w") as f:
            f.write(text)
    with open(os.path.join(d, "data.bin"), "wb") as f:
        f.write(data_bytes())


def placeholders(text):
    subs = {
        "%DATA_SHA256%": hashlib.sha256(data_bytes()).hexdigest(),
        "%A_SHA256_16%": hashlib.sha256(C.FIXTURE["a.txt"].encode()).hexdigest()[:16],
    }
    for k, v in subs.items():
        text = text.replace(k, v)
    return text


def environment(home):
    env = {k: v for k, v in os.environ.items()
           if k.startswith(("ASAN_", "UBSAN_", "LSAN_", "CROSSRUN_DEBUG"))}
    env.update({"PATH": "/usr/bin:/bin", "LC_ALL": "C", "TZ": "UTC", "HOME": home,
                "TMPDIR": home, "TERM": "dumb"})
    return env


def run(argv, cwd, env, stdin, timeout):
    try:
        p = subprocess.run(argv, cwd=cwd, env=env, input=stdin or b"",
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout)
        return p.returncode, p.stdout, p.stderr
    except subprocess.TimeoutExpired as e:
        return None, e.stdout or b"", (e.stderr or b"") + b"\n(timed out)"


def show(label, rc, out, err):
    print("--- %s: exit %s" % (label, rc))
    print("--- stdout:\n" + out.decode(errors="replace"))
    if err:
        print("--- stderr:\n" + err.decode(errors="replace")[-4000:])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--list", action="store_true")
    ap.add_argument("--crossrun")
    ap.add_argument("--arch")
    ap.add_argument("--dir")
    ap.add_argument("case", nargs="?")
    a = ap.parse_args()
    if a.list:
        print("\n".join(c.name for c in (C.cases(a.arch) if a.arch else C.CASES)))
        return 0
    case = {c.name: c for c in C.cases(a.arch)}.get(a.case)
    if not case:
        print("run_debian: no case %r" % a.case)
        return 2
    shared = os.environ.get("CROSSRUN_DEBIAN_CACHE")
    top = os.path.join(os.path.abspath(shared), a.arch) if shared else os.path.abspath(a.dir)
    if sysroot.ensure(a.arch, top, C.packages(a.arch)) != 0:
        print("run_debian: FAIL: the Debian %s root could not be made (see above); "
              "case %s not run" % (a.arch, case.name))
        return 1
    root = os.path.join(top, "root")
    prog = case.argv[0]
    host_prog = os.path.join(root, prog.lstrip("/"))
    work = tempfile.mkdtemp(prefix="crossrun-debian-")
    try:
        gdir = os.path.join(work, "guest")
        os.makedirs(gdir)
        make_fixture(gdir)
        argv = [os.path.abspath(a.crossrun), "-L", root, "-0", prog, host_prog] + case.argv[1:]
        rc, out, err = run(argv, gdir, environment(work), case.stdin, case.timeout)
        if case.native:
            ndir = os.path.join(work, "native")
            os.makedirs(ndir)
            make_fixture(ndir)
            nrc, nout, nerr = run(case.argv, ndir, environment(work), case.stdin, case.timeout)
            if nrc != case.status:
                show("native (oracle)", nrc, nout, nerr)
                print("run_debian: the host's own %s did not exit %d: cannot be the oracle"
                      % (prog, case.status))
                return 1
            want = nout.decode(errors="replace")
        else:
            want = placeholders(case.expect) if case.expect is not None else None
        got = out.decode(errors="replace")
        ok = rc == case.status
        if case.regex is not None:
            ok = ok and re.fullmatch(case.regex, got) is not None
        else:
            ok = ok and got == want
        if ok:
            print("ok: %s (%s) printed %d bytes, exit %d" % (case.name, a.arch, len(out), rc))
            return 0
        print("FAIL: %s on %s: %s" % (case.name, a.arch, " ".join(case.argv)))
        if rc != case.status:
            print("exit status %s, want %d" % (rc, case.status))
        if case.regex is not None:
            print("stdout does not match /%s/" % case.regex)
        else:
            sys.stdout.writelines(difflib.unified_diff(
                want.splitlines(True), got.splitlines(True), "expected", "crossrun"))
        show("crossrun", rc, out, err)
        return 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
