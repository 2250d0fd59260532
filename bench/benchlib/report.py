"""The table bench/run prints: a line per workload and guest, then geometric means over
the CPU-bound workloads per guest and overall (startup rows are shown but not averaged;
failed rows are marked and left out of the means)."""
from .results import geomean

COLUMNS = (  # heading, width
    ('workload', 10), ('guest', 8), ('native s', 9), ('qemu s', 8), ('crossrun s', 10),
    ('cr/qemu', 8), ('cr/native', 9), ('qemu RSS', 9), ('crossrun RSS', 12),
)


def table(rows, clock, with_qemu):
    """The table as a list of lines; with_qemu False drops the qemu columns."""
    cols = [c for c in COLUMNS if with_qemu or 'qemu' not in c[0]]
    lines = [_line(cols, [c[0] for c in cols]), _line(cols, ['-' * c[1] for c in cols])]
    for row in rows:
        lines.append(_line(cols, _cells(row, clock, cols)))
    cpu_rows = [r for r in rows if r.workload.kind == 'cpu' and not r.failed]
    guests = []
    for r in rows:
        if r.guest.name not in guests:
            guests.append(r.guest.name)
    summaries = [(g, [r for r in cpu_rows if r.guest.name == g]) for g in guests]
    if len(guests) > 1:
        summaries.append(('all', cpu_rows))
    lines.append(_line(cols, ['-' * c[1] for c in cols]))
    for name, group in summaries:
        lines.append(_line(cols, _mean_cells(name, group, clock, cols)))
    return lines


def _values(row, clock):
    return {
        'native s': row.seconds('native', clock),
        'qemu s': row.seconds('qemu', clock),
        'crossrun s': row.seconds('crossrun', clock),
        'cr/qemu': row.ratio('crossrun', 'qemu', clock),
        'cr/native': row.ratio('crossrun', 'native', clock),
        'qemu RSS': row.rss_mib('qemu'),
        'crossrun RSS': row.rss_mib('crossrun'),
    }


def _cells(row, clock, cols):
    name = row.workload.name
    if row.workload.kind == 'startup':
        name += f'x{row.repeat}'
    values = _values(row, clock)
    runner_of = {'native s': 'native', 'qemu s': 'qemu', 'crossrun s': 'crossrun',
                 'qemu RSS': 'qemu', 'crossrun RSS': 'crossrun'}
    cells = [name, row.guest.name]
    for heading, _ in cols[2:]:
        runner = runner_of.get(heading)
        if runner in row.problems:
            cells.append('FAIL')
        elif runner in row.skipped:
            cells.append('n/a')
        else:
            cells.append(_fmt(heading, values[heading]))
    return cells


def _mean_cells(name, group, clock, cols):
    cells = ['geomean', name]
    for heading, _ in cols[2:]:
        cells.append(_fmt(heading, geomean(_values(r, clock)[heading] for r in group)))
    return cells


def _fmt(heading, value):
    if value is None:
        return '-'
    if heading.endswith('RSS'):
        return f'{value:.1f}M'
    if heading.startswith('cr/'):
        return f'{value:.2f}'
    return f'{value:.3f}' if value < 100 else f'{value:.1f}'


def _line(cols, cells):
    first = f'{cells[0]:<{cols[0][1]}} {cells[1]:<{cols[1][1]}}'
    rest = ' '.join(f'{cell:>{width}}' for cell, (_, width) in zip(cells[2:], cols[2:]))
    return (first + ' ' + rest).rstrip()
