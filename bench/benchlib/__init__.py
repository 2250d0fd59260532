"""crossrun's benchmark suite: shared code of bench/run and bench/profile."""


class BenchError(Exception):
    """Something the user must fix (a missing tool, a failed build, a bad option):
    the scripts print the message and exit non-zero."""
