"""The workloads: one C source each in bench/workloads/, and the size argument --quick
passes (the full size is each program's own default, stated at the top of its source).

Every workload prints its result; a run counts only if its output is byte-for-byte the
host build's. 'startup' workloads are timed over many back-to-back runs and kept out of
the geometric means, which summarize the CPU-bound workloads.
"""
from dataclasses import dataclass


@dataclass(frozen=True)
class Workload:
    name: str
    quick_arg: str         # size argument under --quick
    kind: str = 'cpu'      # 'cpu' or 'startup'
    repeat: int = 1        # back-to-back executions per timed sample
    quick_repeat: int = 1


WORKLOADS = (
    Workload('sha256', '20'),         # MiB hashed (full: 160)
    Workload('crc32', '96'),          # MiB (full: 768)
    Workload('qsort', '524288'),      # ints (full: 4M)
    Workload('interp', '32768'),      # Collatz starting values (full: 256K)
    Workload('nbody', '180000'),      # steps (full: 1.5M)
    Workload('matmul', '320'),        # matrix side (full: 640)
    Workload('strings', '50'),        # rounds (full: 400)
    Workload('malloc', '786432'),     # allocations (full: 6M)
    Workload('recurse', '40'),        # rounds (full: 300)
    Workload('int64', '3145728'),     # steps (full: 24M)
    Workload('hello', '', kind='startup', repeat=200, quick_repeat=20),
)


def select(spec, option='--only'):
    """The workloads named by an --only value ('sha256,crc32'); None means all.
    Raises ValueError, naming `option`, for an unknown workload."""
    if spec is None:
        return list(WORKLOADS)
    wanted = [w.strip() for w in spec.split(',') if w.strip()]
    known = {w.name for w in WORKLOADS}
    for w in wanted:
        if w not in known:
            raise ValueError(f'{option}{": " if option else ""}unknown workload {w!r} '
                             f'(known: {", ".join(sorted(known))})')
    if not wanted:
        raise ValueError(f'{option or "workloads"}: empty list')
    return [w for w in WORKLOADS if w.name in wanted]
