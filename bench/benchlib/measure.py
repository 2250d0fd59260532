"""Running a program and measuring it: wall-clock and CPU seconds, peak resident set
size (the kernel's ru_maxrss from wait4), exit status and output, with a time limit.
The measuring is done by a small launcher program (bench/tools/launch.c); see there why.
"""
import os
import signal
import subprocess
import tempfile
from dataclasses import dataclass


@dataclass
class Sample:
    wall: float            # seconds, all executions of the sample together
    cpu: float             # user + system seconds of the same
    maxrss_kib: int        # the largest peak RSS of any one execution


@dataclass
class Outcome:
    sample: Sample = None  # None when the run failed
    problem: str = ''      # why it failed: status, signal, time-out, wrong output
    stdout: bytes = b''


def run(launcher, cmd, repeat=1, timeout=300, expected=None):
    """Execute cmd `repeat` times back to back through the launcher. Every execution
    must exit 0 and print the same output, which must be `expected` when that is given;
    the Outcome's stdout is one execution's output."""
    sample, problem, out, err = _execute(launcher, cmd, repeat, timeout)
    one = out[:len(out) // repeat]
    if not problem and one * repeat != out:
        problem = 'the executions printed different output'
    elif not problem and expected is not None and one != expected:
        problem = ('MISMATCH: output differs from the native build\'s:\n'
                   + _show('expected', expected) + _show('got', one))
    if problem:
        if err:
            problem += '\n' + _show('stderr', err)
        return Outcome(None, problem, one)
    return Outcome(sample, '', one)


def _execute(launcher, cmd, repeat, timeout):
    """(Sample or None, problem, stdout, stderr) of `repeat` executions."""
    with tempfile.NamedTemporaryFile(prefix='bench-') as res, \
            tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        # Its own session, so that if the launcher does not stop the program when told
        # (SIGTERM), both can be killed together.
        proc = subprocess.Popen([launcher, res.name, str(repeat), *cmd],
                                stdin=subprocess.DEVNULL, stdout=out, stderr=err,
                                start_new_session=True)
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            _stop(proc)
            return None, f'timed out after {timeout:g} s', b'', b''
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
        if proc.returncode != 0:
            why = stderr.decode('utf-8', 'replace').strip().splitlines()
            return None, why[-1] if why else f'launcher failed ({proc.returncode})', b'', b''
        fields = res.read().split()
    status, rss, user, system, wall = int(fields[0]), int(fields[1]), *map(float, fields[2:])
    problem = _status_problem(os.waitstatus_to_exitcode(status))
    return Sample(wall, user + system, rss), problem, stdout, stderr


def _stop(proc):
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


def _status_problem(code):
    if code < 0:
        try:
            return f'killed by {signal.Signals(-code).name}'
        except ValueError:
            return f'killed by signal {-code}'
    if code > 0:
        return f'exit status {code}'
    return ''


def _show(label, data, limit=400):
    text = data.decode('utf-8', 'replace').rstrip('\n')
    if len(text) > limit:
        text = text[:limit] + ' ...'
    return '    ' + label + ': ' + text.replace('\n', '\n    ' + ' ' * (len(label) + 2)) + '\n'
