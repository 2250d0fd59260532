"""Measuring one row: native, qemu-user and crossrun run in alternation (A B C A B C ...)
so that whatever else the machine does lands on all three alike. The host build's first
output is the reference every later run of every runner must reproduce."""
from . import measure
from .results import RUNNERS, Row


def commands(workload, guest, paths, crossrun, quick, with_qemu):
    """runner -> argv for this workload on this guest."""
    args = [workload.quick_arg] if quick and workload.quick_arg else []
    target = paths[(guest.name, workload.name)]
    cmds = {'native': [paths[('native', workload.name)], *args]}
    if with_qemu:
        cmds['qemu'] = [guest.qemu, *guest.qemu_args, target, *args]
    cmds['crossrun'] = [crossrun, target, *args]
    return cmds


def measure_row(launcher, workload, guest, cmds, runs, repeat, timeout):
    row = Row(workload, guest, repeat=repeat)
    row.skipped = {r for r in RUNNERS if r not in cmds}
    expected = None
    for _ in range(runs):
        for runner in RUNNERS:
            if runner in row.skipped or runner in row.problems:
                continue
            got = measure.run(launcher, cmds[runner], repeat, timeout, expected)
            if got.problem:
                row.problems[runner] = got.problem
                if runner == 'native':
                    return _no_reference(row)
                continue
            if expected is None:
                expected = got.stdout
            row.samples.setdefault(runner, []).append(got.sample)
    return row


def _no_reference(row):
    """Without the host's output nothing can be checked, so nothing else is timed."""
    for runner in RUNNERS:
        if runner != 'native' and runner not in row.skipped:
            row.problems[runner] = 'not run: the native build, the reference, failed'
    return row
