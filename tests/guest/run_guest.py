#!/usr/bin/env python3
"""Run one guest program under an emulator and check what it did.

Used by tests/guest and tests/isa: the test passes only when the guest's stdout equals the
checked-in expected file AND the guest ended the expected way (exit status N, or killed by
signal S).  On a mismatch it prints a unified diff, so a failing test says what went wrong.

Modes:
  default          run under --emulator (crossrun), compare with --expected
  --reference EMU  differential: run under both --emulator and EMU (qemu-user) and compare
                   them with each other (the expected file is not read)
  --write-expected run under --emulator and write the expected file (regen_expected.py uses
                   this with the test's --oracle; the exit status must still match)
  no --emulator    run the binary directly (regen_expected.py checks native builds this way)

The guest sees a fixed environment addition (GUEST_ENV_*) and its own empty TMPDIR, both
identical for every emulator, so programs that read them stay deterministic.
"""
import argparse
import difflib
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile

# Variables the envp test looks for; everything else of the caller's environment passes
# through (sanitizer options must reach crossrun), and guests never print the whole env.
GUEST_ENV = {"GUEST_ENV_A": "hello world", "GUEST_ENV_B": "", "GUEST_ENV_C": "x=y=z"}

DIFF_LINES = 80  # enough context to see a pattern, short enough for a CI log


def parse_status(text):
    """'exit:N' or 'signal:N|NAME' -> the Popen returncode that means it."""
    kind, _, value = text.partition(":")
    if kind == "exit":
        return int(value)
    if kind == "signal":
        if value.isdigit():
            return -int(value)
        return -int(getattr(signal, value if value.startswith("SIG") else "SIG" + value))
    raise SystemExit("run_guest: bad --status %r (want exit:N or signal:NAME)" % text)


def describe(rc):
    if rc is None:
        return "timed out"
    if rc < 0:
        try:
            return "killed by signal %d (%s)" % (-rc, signal.Signals(-rc).name)
        except ValueError:
            return "killed by signal %d" % -rc
    if rc > 128:
        return "exit status %d (a shell-style 128+%d? the guest must be killed by the " \
               "signal itself, as on a board)" % (rc, rc - 128)
    return "exit status %d" % rc


def digest_summary(data):
    """Large outputs are compared through a summary: size, line count, sha256 and the first
    and last lines, so the expected file stays small and a mismatch still shows something."""
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    out = ["bytes %d" % len(data), "lines %d" % len(lines),
           "sha256 %s" % hashlib.sha256(data).hexdigest()]
    for ln in lines[:3]:
        out.append("first " + ln[:100].decode("utf-8", "replace"))
    for ln in lines[-3:]:
        out.append("last " + ln[:100].decode("utf-8", "replace"))
    return ("\n".join(out) + "\n").encode()


def run(emulator, emu_args, binary, args, timeout):
    """Run the guest; returns (stdout bytes, stderr bytes, returncode or None on timeout)."""
    # The guest runs in its own temp dir, so relative paths must be resolved first.
    if emulator and os.sep in emulator:
        emulator = os.path.abspath(emulator)
    binary = os.path.abspath(binary)
    cmd = ([emulator] + emu_args.split() if emulator else []) + [binary] + args
    tmp = tempfile.mkdtemp(prefix="guest-")
    env = dict(os.environ)
    env.update(GUEST_ENV)
    env["TMPDIR"] = tmp
    try:
        p = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, env=env, cwd=tmp, timeout=timeout)
        return p.stdout, p.stderr, p.returncode
    except subprocess.TimeoutExpired as e:
        return e.stdout or b"", e.stderr or b"", None
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def show_diff(expected, actual, from_name, to_name):
    diff = list(difflib.unified_diff(
        expected.decode("utf-8", "replace").splitlines(),
        actual.decode("utf-8", "replace").splitlines(),
        from_name, to_name, lineterm=""))
    for line in diff[:DIFF_LINES]:
        print(line)
    if len(diff) > DIFF_LINES:
        print("... (%d more diff lines)" % (len(diff) - DIFF_LINES))


def show_stderr(label, err):
    if err:
        text = err.decode("utf-8", "replace").splitlines()
        print("--- %s stderr (last 20 lines) ---" % label)
        for line in text[-20:]:
            print(line)


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--emulator", default="", help="crossrun (empty: run natively)")
    ap.add_argument("--emulator-args", default="", help="options for the emulator, "
                    "space-separated (e.g. '-cpu cortex-a15' for qemu-arm)")
    ap.add_argument("--expected", help="expected stdout file")
    ap.add_argument("--status", default="exit:0", help="exit:N or signal:NAME")
    ap.add_argument("--digest", action="store_true", help="compare a summary of stdout")
    ap.add_argument("--reference", help="differential mode: compare with this emulator")
    ap.add_argument("--reference-args", default="", help="options for the reference")
    ap.add_argument("--write-expected", action="store_true")
    ap.add_argument("--oracle", help="the reference emulator that makes the expected file "
                    "(read by regen_expected.py, unused here)")
    ap.add_argument("--oracle-args", default="", help="its options")
    ap.add_argument("--timeout", type=float, default=100)
    ap.add_argument("--fail", metavar="MESSAGE",
                    help="fail at once with MESSAGE (a test that stands for a missing tool)")
    ap.add_argument("binary", nargs="?")
    ap.add_argument("args", nargs=argparse.REMAINDER)
    o = ap.parse_args()

    if o.fail:
        print("FAIL: " + o.fail)
        return 1
    if not o.binary:
        ap.error("no guest binary")
    want_rc = parse_status(o.status)
    post = digest_summary if o.digest else (lambda d: d)

    out, err, rc = run(o.emulator, o.emulator_args, o.binary, o.args, o.timeout)
    name = os.path.basename(o.binary)

    if o.reference:
        ref_out, ref_err, ref_rc = run(o.reference, o.reference_args, o.binary, o.args,
                                      o.timeout)
        ok = True
        if post(out) != post(ref_out):
            print("FAIL %s: stdout differs (--- %s, +++ %s)" % (name, o.reference, o.emulator))
            show_diff(post(ref_out), post(out), o.reference, o.emulator)
            ok = False
        if rc != ref_rc:
            print("FAIL %s: %s ended with %s, %s with %s" % (
                name, o.emulator, describe(rc), o.reference, describe(ref_rc)))
            ok = False
        if rc != want_rc:
            # Both agree but not with the test's declared outcome: still worth a failure.
            print("FAIL %s: expected %s, got %s" % (name, describe(want_rc), describe(rc)))
            ok = False
        if not ok:
            show_stderr(o.emulator, err)
            show_stderr(o.reference, ref_err)
            return 1
        print("ok %s: %s and %s agree (%d bytes, %s)" % (
            name, o.emulator, o.reference, len(out), describe(rc)))
        return 0

    if not o.expected:
        ap.error("--expected is required")
    if rc != want_rc:
        print("FAIL %s: expected %s, got %s" % (name, describe(want_rc), describe(rc)))
        show_stderr(o.emulator or "native", err)
        if not o.write_expected and not out:
            print("(the guest printed nothing on stdout)")
        elif not o.write_expected:
            # Still show how stdout compares: often it says where the guest stopped.
            try:
                with open(o.expected, "rb") as f:
                    show_diff(f.read(), post(out), "expected", "actual")
            except OSError:
                pass
        return 1
    if o.write_expected:
        with open(o.expected, "wb") as f:
            f.write(post(out))
        print("wrote %s (%d bytes)" % (o.expected, len(post(out))))
        return 0
    with open(o.expected, "rb") as f:
        expected = f.read()
    if post(out) != expected:
        print("FAIL %s: stdout differs from %s" % (name, o.expected))
        show_diff(expected, post(out), "expected", "actual")
        show_stderr(o.emulator or "native", err)
        return 1
    print("ok %s: %d bytes as expected, %s" % (name, len(out), describe(rc)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
