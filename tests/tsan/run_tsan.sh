#!/bin/sh
# The guest thread programs under a ThreadSanitizer build of crossrun: every program must
# pass as in the guest suite (same runner, same expected output) with no report from TSan
# (halt_on_error makes a report fail the run).
# usage: tests/tsan/run_tsan.sh TSAN_CROSSRUN BUILD_DIR
# BUILD_DIR is a normal build whose tests/guest holds the cross-compiled programs.
# Left out: sig_threads and sig_stress (TSan holds asynchronous signals until its next
# intercepted call, which a guest spinning in translated code never makes, and merges
# queued real-time signals), and 64-bit guests (their address-space reservation collides
# with TSan's shadow memory layout).
set -eu
cr=$1 build=$2
here=$(cd "$(dirname "$0")/.." && pwd)
fail=0
for prog in threads futex_ops atomics proc_fork; do
    for guest in arm mipsel mips; do
        variant=$guest-O2
        [ $guest = arm ] && variant=O2
        bin=$build/tests/guest/$prog.$variant
        expected=$here/guest/expected/$guest/$prog.out
        [ -e "$expected" ] || expected=$here/guest/expected/$prog.out
        [ -e "$bin" ] || { echo "tsan: $bin missing"; fail=1; continue; }
        if TSAN_OPTIONS=halt_on_error=1:exitcode=66 timeout -s KILL 120 python3 \
            "$here/guest/run_guest.py" --emulator "$cr" \
            --expected "$expected" --status exit:0 -- "$bin" \
            > /tmp/crossrun-tsan.$$ 2>&1; then
            echo "ok   $prog.$variant"
        else
            echo "FAIL $prog.$variant"; cat /tmp/crossrun-tsan.$$; fail=1
        fi
    done
done
rm -f /tmp/crossrun-tsan.$$
exit $fail
