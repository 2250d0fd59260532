"""One row of results, a workload on one guest, and the statistics drawn from it:
medians of the timed samples, the largest peak RSS, geometric means over rows."""
import math
import statistics
from dataclasses import dataclass, field

RUNNERS = ('native', 'qemu', 'crossrun')


@dataclass
class Row:
    workload: object                                # workloads.Workload
    guest: object                                   # guests.Build
    samples: dict = field(default_factory=dict)     # runner -> [measure.Sample]
    problems: dict = field(default_factory=dict)    # runner -> why it failed
    skipped: set = field(default_factory=set)       # runners not run (qemu missing)
    repeat: int = 1                                 # executions per sample

    def seconds(self, runner, clock):
        """Median over the samples in the chosen clock ('wall' or 'cpu'); None when the
        runner failed or did not run."""
        if runner in self.problems or runner in self.skipped or not self.samples.get(runner):
            return None
        return statistics.median(getattr(s, clock) for s in self.samples[runner])

    def rss_mib(self, runner):
        if runner in self.problems or runner in self.skipped or not self.samples.get(runner):
            return None
        return max(s.maxrss_kib for s in self.samples[runner]) / 1024

    def ratio(self, num, den, clock):
        a, b = self.seconds(num, clock), self.seconds(den, clock)
        return a / b if a is not None and b else None

    @property
    def failed(self):
        return bool(self.problems)


def geomean(values):
    """Geometric mean of the positive values given; None for none."""
    vals = [v for v in values if v is not None and v > 0]
    if not vals:
        return None
    return math.exp(sum(math.log(v) for v in vals) / len(vals))
