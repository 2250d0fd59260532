"""The commands tests/debian runs from a Debian root under crossrun, and what they must print.

Each case runs in a fresh directory holding the same small fixture (FIXTURE below and a
64 KiB file of deterministic bytes, data.bin), with LC_ALL=C, TZ=UTC and PATH=/usr/bin:/bin.
A case passes when stdout and the exit status are as expected:
  expect   the exact stdout
  regex    a regular expression stdout must match in full (for version numbers)
  native   True: the same command run by the host's own Debian 12 tools in an identical
           directory is the oracle (only for the Essential tools every Debian host has:
           bash, coreutils, findutils, grep, sed, tar, gzip, diffutils, perl)
Every command is a real program of the root: bash, coreutils, python3 ... never crossrun
itself; `bash -c` pipelines exercise fork, execve and pipes through crossrun.
"""

# More for one architecture only: arm64 is what people build container images for, so
# its root also gets a compiler (gcc compiling and running a program inside the root).
ARCH_PACKAGES = {"arm64": ["openssl", "gcc", "libc6-dev"]}

PACKAGES = [
    "bash", "coreutils", "findutils", "grep", "sed", "gawk", "diffutils", "tar", "gzip",
    "xz-utils", "bzip2", "python3-minimal", "libpython3.11-stdlib", "perl-base", "make",
    "file", "dpkg", "dash", "sqlite3", "busybox-static",
]

FIXTURE = {
    "a.txt": "banana\napple\ncherry\napple\ndate\n",
    "b.txt": "banana\napricot\ncherry\ndate\nelderberry\n",
    "nums.txt": "".join("%d\n" % ((i * 37) % 101) for i in range(1, 60)),
    "dir/one.txt": "needle in dir\n",
    "dir/sub/two.txt": "no match here\nanother needle\n",
    "dir/sub/three.c": "int main(void) { return 0; } /* needle */\n",
    "Makefile": ("all: out.txt\n\t@cat out.txt\n\n"
                 "out.txt: a.txt b.txt\n\t@sort -u a.txt b.txt > $@\n\t@echo built $@\n\n"
                 "clean:\n\t@rm -f out.txt\n"),
    "script.sh": "#!/bin/sh\necho \"script: $# args: $*\"\nexit 7\n",
}


class Case:
    def __init__(self, name, argv, expect=None, regex=None, native=False, status=0,
                 stdin=None, timeout=120, arches=None):
        self.name, self.argv, self.expect, self.regex = name, argv, expect, regex
        self.native, self.status, self.stdin, self.timeout = native, status, stdin, timeout
        self.arches = arches                  # None: every architecture


def sh(name, script, **kw):
    return Case(name, ["/usr/bin/bash", "-c", script], **kw)


def py(name, code, **kw):
    return Case(name, ["/usr/bin/python3", "-c", code], **kw)


CASES = [
    # --- bash and coreutils pipelines (fork, execve, pipes) ---
    sh("bash-echo", "echo hello; echo $((6 * 7)); echo ${BASH_VERSINFO[0]}",
       expect="hello\n42\n5\n"),
    sh("ls-sort-head", "ls | sort | head -3", native=True),
    sh("sort-uniq-wc", "sort a.txt b.txt | uniq -c | sort -rn | head -4; cat a.txt | wc -l",
       native=True),
    sh("sort-numeric", "sort -n nums.txt | tail -5 | tr '\\n' ' '; echo", native=True),
    sh("seq-awk-sum", "seq 1 100 | awk '{ s += $1 } END { print s }'", expect="5050\n"),
    sh("sha256sum", "sha256sum a.txt b.txt data.bin", native=True),
    sh("md5-b2sum", "md5sum data.bin; b2sum -l 128 data.bin; cksum a.txt", native=True),
    sh("wc-cut-tr", "wc -lwc a.txt b.txt; cut -c1-3 a.txt | tr a-z A-Z | paste -sd,",
       native=True),
    sh("od-base64", "head -c 48 data.bin | od -An -tx1; head -c 100 data.bin | base64 -w 64",
       native=True),
    sh("files-ops", "mkdir -p x/y/z && cp a.txt x/y/z/ && mv x/y/z/a.txt x/y/moved && "
       "ln -s moved x/y/link && readlink x/y/link && cat x/y/link | head -1 && "
       "touch -d '2001-02-03 04:05:06' x/y/moved && stat -c '%s %Y %F' x/y/moved && stat -c '%s %F %N' x/y/link && "
       "chmod 640 x/y/moved && stat -c %a x/y/moved && rm -r x && ls", native=True),
    sh("find-sort", "find . -name '*.txt' | sort; find dir -type d | sort", native=True),
    sh("grep-r", "grep -rn needle . | sort; grep -c apple a.txt; grep -v a a.txt; "
       "grep -E '^(a|b)' b.txt", native=True),
    sh("grep-missing", "grep -q nothing a.txt", native=True, status=1),
    sh("sed", "sed -e 's/an/AN/g' -e '/cherry/d' a.txt; sed -n '2,3p' b.txt; "
       "printf 'x=1\\ny=2\\n' | sed -E 's/([a-z])=([0-9])/\\2:\\1/'", native=True),
    sh("gawk", "awk -F, 'BEGIN { OFS=\"|\" } { $1 = toupper($1); print NR, $0 }' a.txt; "
       "awk '{ n[$1]++ } END { for (k in n) if (n[k] > 1) print k, n[k] }' a.txt; "
       "awk 'BEGIN { printf \"%.3f %d %s\\n\", atan2(0, -1), 2^20, substr(\"crossrun\", 3, 3) }'",
       expect="1|BANANA\n2|APPLE\n3|CHERRY\n4|APPLE\n5|DATE\napple 2\n3.142 1048576 oss\n"),
    sh("diff", "diff a.txt b.txt; echo status=$?; diff -u a.txt a.txt; echo same=$?",
       native=True),
    sh("cmp-comm", "sort a.txt > s1; sort b.txt > s2; comm -12 s1 s2; cmp s1 s2 || true",
       native=True),
    sh("tar-gzip-roundtrip", "tar czf t.tgz dir a.txt && mkdir out && tar xzf t.tgz -C out && "
       "diff -r dir out/dir && cmp a.txt out/a.txt && tar tzf t.tgz | sort && echo ok",
       native=True),
    sh("tar-xz", "tar cJf t.txz dir nums.txt && tar tJf t.txz | sort && "
       "xz -dc t.txz | tar t | wc -l", native=True),
    sh("gzip-roundtrip", "gzip -9 -c data.bin > d.gz && gunzip -c d.gz | cmp - data.bin && "
       "zcat d.gz | sha256sum && gzip -t d.gz && echo ok", native=True),
    sh("xz-roundtrip", "xz -6 -c data.bin > d.xz && xz -dc d.xz | sha256sum && "
       "xz -l d.xz | tail -1 | awk '{ print $1, $2 }'",
       expect="%DATA_SHA256%  -\n1 1\n"),
    sh("bzip2-roundtrip", "bzip2 -c data.bin > d.bz2 && bunzip2 -c d.bz2 | cmp - data.bin && "
       "bzip2 -tv d.bz2 2>&1 | tail -1 | sed 's/.*: *//'", expect="ok\n"),
    sh("date-expr", "date -u -d @1000000000 '+%Y-%m-%d %H:%M:%S %A'; expr 7 \\* 6; "
       "factor 360 9973; printf '%05.1f|%x|%s\\n' 3.14159 255 str", native=True),
    sh("split-join", "split -l 2 a.txt part_ && ls part_* && cat part_* | cmp - a.txt && "
       "nl -ba b.txt | tail -2", native=True),
    sh("env-test", "env -i X=1 Y=two /usr/bin/env | sort; test -d dir && [ -f a.txt ] && "
       "echo tests-ok", native=True),
    sh("exit-status", "(exit 3); echo $?; false || echo false-ok; /usr/bin/true && echo t",
       native=True),
    sh("script-exec", "chmod +x script.sh && ./script.sh one two; echo rc=$?",
       expect="script: 2 args: one two\nrc=7\n"),
    sh("subshell-redirect", "{ echo out; echo err >&2; } 2>&1 | sort; "
       "x=$(echo captured | tr a-z A-Z); echo $x; cat <<EOF\nhere $x\nEOF", native=True),
    sh("bash-builtins", "declare -A m=([a]=1 [b]=2); echo ${#m[@]}; arr=(z y x); "
       "IFS=$'\\n' sorted=($(printf '%s\\n' \"${arr[@]}\" | sort)); echo ${sorted[*]}; "
       "s=crossrun; echo ${s^^} ${s:1:4} ${s//r/R}", expect="2\nx y z\nCROSSRUN ross cRossRun\n"),
    sh("uname", "uname -s; uname -m", regex=r"Linux\n(armv7l|aarch64|mips|mips64)\n"),
    sh("stat-fs", "stat -f -c %T . >/dev/null && df -P . | tail -1 | wc -w", expect="6\n"),
    sh("yes-head", "yes crossrun | head -c 1000000 | wc -c; seq 1 100000 | tail -1",
       native=True),
    sh("sleep-timeout", "sleep 0.1; timeout 5 sleep 0.1; echo $?; timeout 0.2 sleep 5; echo $?",
       expect="0\n124\n"),
    sh("proc-self", "cat /proc/self/cmdline | tr '\\0' ' '; echo; "
       "grep -c '\\[stack\\]' /proc/self/maps; readlink /proc/self/exe; "
       "head -c 4 /proc/self/exe | od -An -c | tr -d ' '",
       expect="cat /proc/self/cmdline \n1\n/usr/bin/readlink\n177ELF\n"),
    Case("proc-cpuinfo", ["/usr/bin/grep", "-c", "^processor", "/proc/cpuinfo"],
         regex=r"[1-9][0-9]*\n"),
    # --- python3 ---
    py("python-compute", "import sys\nprint(sum(i * i for i in range(1000)), "
       "2 ** 100, sorted({3, 1, 2}), f'{3.14159:.2f}', sys.byteorder)",
       expect="332833500 1267650600228229401496703205376 [1, 2, 3] 3.14 little\n"),
    py("python-json-hashlib", "import json, hashlib\n"
       "d = json.loads('{\"a\": [1, 2, {\"b\": null}], \"c\": \"\\u00e9\"}')\n"
       "print(json.dumps(d, sort_keys=True))\n"
       "print(hashlib.sha256(b'crossrun').hexdigest()[:16], hashlib.md5(b'').hexdigest())",
       expect='{"a": [1, 2, {"b": null}], "c": "\\u00e9"}\n'
              "6aff7caae2d93822 d41d8cd98f00b204e9800998ecf8427e\n"),
    py("python-threading", "import threading\nout = []\nlock = threading.Lock()\n"
       "def work(n):\n    s = sum(range(n * 1000))\n    with lock: out.append(s)\n"
       "ts = [threading.Thread(target=work, args=(i,)) for i in range(8)]\n"
       "[t.start() for t in ts]; [t.join() for t in ts]\nprint(sorted(out)[-1], len(out))",
       expect="24496500 8\n"),
    py("python-subprocess", "import subprocess\n"
       "r = subprocess.run(['sort'], input=b'b\\na\\n', capture_output=True)\n"
       "print(r.returncode, r.stdout)\n"
       "print(subprocess.check_output('echo $((2+3))', shell=True).decode().strip())",
       expect="0 b'a\\nb\\n'\n5\n"),
    py("python-files", "import os, tempfile, struct\n"
       "print(sorted(os.listdir('dir')), os.path.getsize('a.txt'))\n"
       "with tempfile.TemporaryDirectory() as d:\n"
       "    p = os.path.join(d, 'f')\n    open(p, 'wb').write(struct.pack('<IHd', 1, 2, 0.5))\n"
       "    print(struct.unpack('<IHd', open(p, 'rb').read()), os.stat(p).st_size)",
       expect="['one.txt', 'sub'] 31\n(1, 2, 0.5) 14\n"),
    # --- perl ---
    Case("perl-e", ["/usr/bin/perl", "-e",
                    'my %h = (b => 2, a => 1, c => 3); print join(",", map { "$_=$h{$_}" } '
                    'sort keys %h), "\\n"; printf("%.4f %s\\n", atan2(1, 1) * 4, '
                    'scalar reverse "crossrun"); print "match: $1\\n" if "x=42" =~ /=(\\d+)/;'],
         native=True),
    Case("perl-ne", ["/usr/bin/perl", "-ne", 'chomp; $n{$_}++; END { print "$_ $n{$_}\\n" '
                     'for sort keys %n }', "a.txt", "b.txt"], native=True),
    # --- make, file, dpkg, sqlite3, busybox ---
    Case("make", ["/usr/bin/make", "--no-print-directory"],
         expect="built out.txt\napple\napricot\nbanana\ncherry\ndate\nelderberry\n"),
    sh("file", "gzip -c a.txt > a.gz; file -b a.txt a.gz /usr/bin/true script.sh | "
       "cut -d, -f1", regex=r"ASCII text\ngzip compressed data\nELF (32|64)-bit LSB "
       r"pie executable\nPOSIX shell script\n"),
    Case("dpkg-version", ["/usr/bin/dpkg", "--version"],
         regex=r"Debian 'dpkg' package management program version 1\.21\.\d+ "
               r"\((armhf|arm64|mipsel|mips64el)\)\.\n(.*\n)*"),
    Case("sqlite3", ["/usr/bin/sqlite3", ":memory:",
                     "create table t(k text, v int); insert into t values ('a', 1), ('b', 2), "
                     "('a', 3); select k, sum(v) from t group by k order by k; "
                     "select printf('%.2f', avg(v)) from t;"],
         expect="a|4\nb|2\n2.00\n"),
    Case("busybox", ["/usr/bin/busybox", "sh", "-c",
                     "echo $((1 + 2)); busybox sha256sum a.txt | cut -c1-16; "
                     "busybox seq 3 | busybox tac | busybox xargs"],
         expect="3\n%A_SHA256_16%\n3 2 1\n"),
    # --- arm64 only (ARCH_PACKAGES) ---
    sh("openssl-dgst", "printf abc | openssl dgst -sha256; printf abc | openssl dgst -sha512 "
       "| cut -c1-40", arches=("arm64",),
       expect="SHA2-256(stdin)= ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
              "\nSHA2-512(stdin)= ddaf35a193617abacc41734\n"),
    sh("python-timeit", "python3 -m timeit -n 3 -r 2 'sum(i * i for i in range(20000))'",
       arches=("arm64",), regex=r"3 loops, best of 2: [0-9.]+ [mu]?sec per loop\n"),
    sh("gcc-hello", "echo '#include <stdio.h>' > h.c && echo 'int main(void) { "
       "puts(\"hello from gcc\"); return 6 * 7; }' >> h.c && gcc -O2 -Wall -o h h.c; ./h; "
       "echo $?; file -b h | cut -d, -f1-2", arches=("arm64",), timeout=300,
       expect="hello from gcc\n42\nELF 64-bit LSB pie executable, ARM aarch64\n"),
]


def packages(arch):
    return PACKAGES + ARCH_PACKAGES.get(arch, [])


def cases(arch):
    return [c for c in CASES if c.arches is None or arch in c.arches]
