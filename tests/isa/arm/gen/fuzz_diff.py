#!/usr/bin/env python3
"""Run one isa-fuzz guest program under crossrun and under qemu-user (qemu-arm, or the
emulator --qemu names: qemu-aarch64 for tests/isa/aarch64/gen) and compare the outputs
line by line; they must be identical and both runs must exit 0.

The guest programs print one line per case (instruction, inputs, results) and, before a
group of cases, a header line starting with '@ ' naming the instruction form (or name the
form on the line itself as form=NAME). On a mismatch this prints the first differing lines,
each with its form, how many lines differ per form, and, when asked:
  --detail      reruns both emulators with `-v CASE` (CASE = the line's first word) for the
                first few differing cases; the guest then prints every input and output of
                that one case (for programs whose inputs are seeded rather than printed)
  --objdump X   disassembles the `code=` encodings of differing lines with X (binutils
                objdump), with --thumb for T32 encodings; --objdump-arch names objdump's
                machine (arm, aarch64)
"""
import argparse
import collections
import os
import re
import subprocess
import sys
import tempfile

SHOW = 12          # differing lines printed in full
SHOW_FORMS = 25    # forms listed in the per-form summary
DETAIL = 3         # cases rerun with -v under --detail


def launch(cmd, out, err):
    return subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=out, stderr=err)


def run_pair(cmds, timeout):
    """Run both commands at once (each test uses two emulators; meson already spreads the
    tests over the cores). Returns [(stdout bytes, stderr bytes, rc or None), ...]."""
    with tempfile.TemporaryDirectory(prefix='isa-fuzz-') as tmp:
        files, procs = [], []
        for i, cmd in enumerate(cmds):
            out = open(os.path.join(tmp, '%d.out' % i), 'w+b')
            err = open(os.path.join(tmp, '%d.err' % i), 'w+b')
            files.append((out, err))
            procs.append(launch(cmd, out, err))
        results = []
        for p, (out, err) in zip(procs, files):
            try:
                rc = p.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()
                rc = None
            out.seek(0)
            err.seek(0)
            results.append((out.read(), err.read(), rc))
            out.close()
            err.close()
        return results


def describe(rc):
    if rc is None:
        return 'timed out'
    if rc < 0:
        return 'killed by signal %d' % -rc
    return 'exit status %d' % rc


def tail(label, err, n=15):
    lines = err.decode('utf-8', 'replace').splitlines()
    if lines:
        print('--- %s stderr (last %d lines) ---' % (label, n))
        for line in lines[-n:]:
            print('  ' + line)


def disassemble(objdump, arch, thumb, line):
    """objdump's reading of the `code=ENC:ENC...` encodings on a line, or ''. Each ENC is an
    A32 word, a T16 halfword, or a T32 instruction as hw1 hw2."""
    m = re.search(r'code=([0-9a-f:]+)', line)
    if not objdump or not m:
        return ''
    data = b''
    for enc in m.group(1).split(':'):
        if thumb and len(enc) == 8:   # two halfwords, the first one first in memory
            data += int(enc[:4], 16).to_bytes(2, 'little') + int(enc[4:], 16).to_bytes(2, 'little')
        else:
            data += int(enc, 16).to_bytes(len(enc) // 2, 'little')
    with tempfile.NamedTemporaryFile(suffix='.bin') as f:
        f.write(data)
        f.flush()
        cmd = [objdump, '-D', '-b', 'binary', '-m', arch, '-EL']
        if thumb:
            cmd += ['-M', 'force-thumb']
        try:
            text = subprocess.run(cmd + [f.name], capture_output=True, timeout=30,
                                  check=False).stdout.decode('utf-8', 'replace')
        except OSError:
            return ''
    insns = [ln.split('\t', 2)[-1].strip() for ln in text.splitlines()
             if re.match(r'\s+[0-9a-f]+:\t', ln)]
    return '; '.join(insns)


def compare(ref_out, out, args):
    """Print the differences of two outputs; returns the number of differing lines."""
    ref = ref_out.decode('utf-8', 'replace').splitlines()
    got = out.decode('utf-8', 'replace').splitlines()
    header = '(before any header)'
    shown, ndiff, per_form, first_cases = 0, 0, collections.Counter(), []
    for i in range(max(len(ref), len(got))):
        a = ref[i] if i < len(ref) else '<no line: qemu output ended>'
        b = got[i] if i < len(got) else '<no line: crossrun output ended>'
        if a.startswith('@ '):
            header = a[2:]
        if a == b:
            continue
        ndiff += 1
        # Lines of randomly mixed forms name their own (form=NAME) instead of a header.
        own = re.search(r' form=(\S+)', a if not a.startswith('<') else b)
        per_form[own.group(1) if own else header] += 1
        if len(first_cases) < DETAIL and not a.startswith(('@', '<')):
            first_cases.append(a.split(' ', 1)[0])
        if shown < SHOW:
            shown += 1
            print('line %d, form: %s' % (i + 1, own.group(1) if own else header))
            print('  qemu:     ' + a)
            print('  crossrun: ' + b)
            asm = disassemble(args.objdump, args.objdump_arch, args.thumb,
                              a if not a.startswith('<') else b)
            if asm:
                print('  insn:     ' + asm)
    if ndiff:
        print('%d of %d lines differ; by form (most first):' % (ndiff, len(ref)))
        for form, n in per_form.most_common(SHOW_FORMS):
            print('  %6d  %s' % (n, form))
        if len(per_form) > SHOW_FORMS:
            print('  ... and %d more forms' % (len(per_form) - SHOW_FORMS))
    return ndiff, first_cases


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--crossrun', required=True)
    ap.add_argument('--qemu', required=True)
    ap.add_argument('--qemu-args', default='-cpu cortex-a15')
    ap.add_argument('--objdump', default='')
    ap.add_argument('--objdump-arch', default='arm')
    ap.add_argument('--thumb', action='store_true', help='encodings on the lines are T32')
    ap.add_argument('--detail', action='store_true', help='guest understands -v CASE')
    ap.add_argument('--timeout', type=float, default=300)
    ap.add_argument('binary')
    ap.add_argument('args', nargs=argparse.REMAINDER)
    args = ap.parse_args()

    binary = os.path.abspath(args.binary)
    ref = os.path.basename(args.qemu)
    emus = [[args.qemu] + args.qemu_args.split(), [os.path.abspath(args.crossrun)]]
    (ref_out, ref_err, ref_rc), (out, err, rc) = run_pair(
        [e + [binary] + args.args for e in emus], args.timeout)

    name = os.path.basename(binary) + ''.join(' ' + a for a in args.args)
    ok = True
    if ref_rc != 0:
        # The reference itself failing means the test program is broken, not crossrun.
        print('FAIL %s: %s ended with %s (the test program must exit 0 there)'
              % (name, ref, describe(ref_rc)))
        tail(ref, ref_err)
        ok = False
    if rc != ref_rc:
        print('FAIL %s: crossrun ended with %s, %s with %s'
              % (name, describe(rc), ref, describe(ref_rc)))
        tail('crossrun', err)
        ok = False
    if out != ref_out:
        print('FAIL %s: outputs differ (%s %d bytes, crossrun %d bytes)'
              % (name, ref, len(ref_out), len(out)))
        ndiff, cases = compare(ref_out, out, args)
        if args.detail:
            for case in cases:
                print('=== case %s in detail (%s, then crossrun) ===' % (case, ref))
                res = run_pair([e + [binary, '-v', case] for e in emus], 60)
                for label, (o, _, r) in zip((ref, 'crossrun'), res):
                    print('--- %s (%s) ---' % (label, describe(r)))
                    sys.stdout.write(o.decode('utf-8', 'replace'))
        ok = False
    if not ok:
        return 1
    lines = ref_out.count(b'\n')
    forms = sum(1 for ln in ref_out.split(b'\n') if ln.startswith(b'@ '))
    print('ok %s: crossrun and %s agree on %d lines%s' % (
        name, ref, lines, ' (%d forms)' % forms if forms else ''))
    return 0


if __name__ == '__main__':
    sys.exit(main())
