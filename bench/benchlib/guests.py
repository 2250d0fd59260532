"""What each workload is built and run as: the host build and one row per guest variant.

Adding a guest crossrun supports is one line in GUESTS: its name (the table's "guest"
column), its architecture family (what --guests also accepts), the cross compiler and
its flags, and the qemu-user binary with the arguments that make it emulate a CPU like
crossrun's.
"""
from dataclasses import dataclass


@dataclass(frozen=True)
class Build:
    name: str              # directory under <build>/bench/ and the table's guest column
    arch: str              # family: --guests matches this or the name
    cc: str                # compiler, looked up on PATH
    cflags: tuple          # optimization and ISA flags
    qemu: str = ''         # qemu-user binary ('' for the host build)
    qemu_args: tuple = ()


# Every build, host and guest alike: static (startup without a dynamic loader, and no
# sysroot needed), warnings fatal, and no fused multiply-adds so FP results are the same
# doubles everywhere and the checksums can be compared.
COMMON_CFLAGS = ('-std=c11', '-Wall', '-Wextra', '-Werror', '-ffp-contract=off', '-static')
LIBS = ('-lm',)

NATIVE = Build('native', 'x86_64', 'gcc', ('-O2',))

GUESTS = (
    Build('arm-a32', 'arm', 'arm-linux-gnueabihf-gcc', ('-O2', '-marm'),
          'qemu-arm', ('-cpu', 'cortex-a15')),
    Build('arm-t32', 'arm', 'arm-linux-gnueabihf-gcc', ('-O2', '-mthumb'),
          'qemu-arm', ('-cpu', 'cortex-a15')),
    Build('aarch64', 'aarch64', 'aarch64-linux-gnu-gcc', ('-O2',),
          'qemu-aarch64', ('-cpu', 'cortex-a76')),
    Build('mips', 'mips', 'mips-linux-gnu-gcc', ('-O2',), 'qemu-mips', ('-cpu', '24Kf')),
    Build('mipsel', 'mips', 'mipsel-linux-gnu-gcc', ('-O2',), 'qemu-mipsel', ('-cpu', '24Kf')),
    Build('mips64el', 'mips', 'mips64el-linux-gnuabi64-gcc', ('-O2',),
          'qemu-mips64el', ('-cpu', 'MIPS64R2-generic')),
)


def select(spec):
    """The guests named by a --guests value ('arm,arm-t32'); None means all.
    Raises ValueError naming what matched nothing."""
    if spec is None:
        return list(GUESTS)
    wanted = [w.strip() for w in spec.split(',') if w.strip()]
    if not wanted:
        raise ValueError('--guests: empty list')
    for w in wanted:
        if not any(w in (g.name, g.arch) for g in GUESTS):
            names = ', '.join(sorted({g.arch for g in GUESTS} | {g.name for g in GUESTS}))
            raise ValueError(f'--guests: unknown guest {w!r} (known: {names})')
    return [g for g in GUESTS if g.name in wanted or g.arch in wanted]
