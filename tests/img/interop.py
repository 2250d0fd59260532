#!/usr/bin/env python3
"""crossrun-img against qemu-img: conversions both ways between FORMATS, check, compare,
info --output=json, map, measure, snapshots, resize, rebase, commit and amend.

usage: interop.py CROSSRUN_IMG FORMAT...   (exit 77, a skip, when qemu-img is missing)"""
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile

CR = os.path.abspath(sys.argv[1])
FORMATS = sys.argv[2:]
QI = shutil.which("qemu-img")
results = {"passed": 0, "failed": 0}


def run(*args, ok=(0,)):
    p = subprocess.run(list(args), capture_output=True, text=True)
    if p.returncode not in ok:
        raise AssertionError(f"{' '.join(args)} exited {p.returncode}: {p.stderr.strip()}")
    return p


def check(name, cond, detail=""):
    if cond:
        results["passed"] += 1
    else:
        results["failed"] += 1
        print(f"FAIL {name} {detail}")


def test(fn):
    try:
        fn()
    except (AssertionError, OSError, ValueError, KeyError) as e:
        results["failed"] += 1
        print(f"FAIL {fn.__name__}: {e}")
    return fn


def make_source(path):
    """8 MiB: random data, zeros, compressible text, a hole, data at the end."""
    with open(path, "wb") as f:
        f.write(os.urandom(1 << 20))
        f.write(b"\0" * (1 << 20))
        f.write((b"compressible text " * 40000)[: 1 << 20])
        f.seek((7 << 20) + 12345)
        f.write(os.urandom(100000))
        f.truncate(8 << 20)


def checkable(fmt):
    return fmt != "raw"


def info(tool, path):
    return json.loads(run(tool, "info", "--output=json", path).stdout)


SHARED = ("virtual-size", "format", "cluster-size", "backing-filename",
          "backing-filename-format", "full-backing-filename", "dirty-flag")


def same_human_info(path):
    """`info` as text, but for the disk size (allocation differs between tools)."""
    def lines(tool):
        out = run(tool, "info", path).stdout.splitlines()
        return [l for l in out if not l.startswith("disk size:")]
    a, b = lines(QI), lines(CR)
    check(f"human info {path}", a == b, f"\n{a}\n{b}")


def same_info(a, b, name):
    for k in SHARED:
        check(f"{name} info {k}", a.get(k) == b.get(k), f"{a.get(k)} vs {b.get(k)}")
    fa, fb = a.get("format-specific"), b.get("format-specific")
    if fa and fb and fa.get("type") == "qcow2":
        check(f"{name} info format-specific", fa == fb, f"{fa} vs {fb}")


def main():
    if not QI:
        print("qemu-img not found: interop tests skipped (install qemu-utils)")
        return 77
    d = tempfile.mkdtemp(prefix="crossrun-interop-")
    os.chdir(d)
    make_source("src.raw")
    variants = []
    for fmt in FORMATS:
        variants.append((fmt, []))
        if fmt == "qcow2":
            variants += [(fmt, ["-o", "compat=0.10"]), (fmt, ["-c"])]
        if fmt == "vmdk":
            variants += [(fmt, ["-o", f"subformat={sub}"]) for sub in
                         ("streamOptimized", "monolithicFlat", "twoGbMaxExtentSparse")]
        if fmt == "vdi":
            variants.append((fmt, ["-o", "static=on"]))
    matrix = {}

    def remove(path):
        """An image and, for a VMDK descriptor, its extent files (stem-flat, -s001, ...)."""
        stem = path[:-5] if path.endswith(".vmdk") else None
        for f in os.listdir("."):
            if f == path or (stem and f.startswith(stem + "-")):
                os.unlink(f)

    def one_pair(s, i, j, df, dopt):
        """Both tools convert s; both outputs are checked and compared every way."""
        failed_before = results["failed"]
        a, b = f"c{i}_{j}.{df}", f"q{i}_{j}.{df}"
        run(CR, "convert", "-O", df, *dopt, s, a)
        run(QI, "convert", "-O", df, *dopt, s, b)
        if checkable(df):
            run(QI, "check", "-f", df, a)
            run(CR, "check", "-f", df, b)
        for x, y in ((a, b), (b, a), ("src.raw", a), ("src.raw", b)):
            rq = run(QI, "compare", x, y, ok=(0, 1)).returncode
            rc = run(CR, "compare", x, y, ok=(0, 1)).returncode
            check(f"compare {x} {y}", rq == 0 and rc == 0, f"qemu {rq} crossrun {rc}")
        same_info(info(QI, a), info(CR, a), a)
        same_info(info(QI, b), info(CR, b), b)
        if df in ("raw", "qcow2"):
            same_human_info(a)
        remove(a)
        remove(b)
        return results["failed"] == failed_before

    @test
    def conversions():
        for i, (sf, sopt) in enumerate(variants):
            s = f"s{i}.{sf}"
            run(CR, "convert", "-f", "raw", "-O", sf, *sopt, "src.raw", s)
            if checkable(sf):
                run(QI, "check", "-f", sf, s)
            check(f"qemu compare src {s}", run(QI, "compare", "src.raw", s, ok=(0, 1)).returncode == 0)
            check(f"crossrun compare src {s}", run(CR, "compare", "src.raw", s, ok=(0, 1)).returncode == 0)
            for j, (df, dopt) in enumerate(variants):
                try:
                    matrix[i, j] = one_pair(s, i, j, df, dopt)
                except AssertionError as e:
                    matrix[i, j] = False
                    check(f"convert s{i} to variant {j}", False, str(e))

    def show_matrix():
        names = [f + "".join(" " + (o[:-3] if o.endswith("=on") else o.split("=")[-1])
                             for o in opt if o != "-o") for f, opt in variants]
        print("interop matrix (source: rows, target: columns; ok = both tools' outputs "
              "checked and compared)")
        print(" " * 28 + " ".join(f"{j:>4}" for j in range(len(names))))
        for i, n in enumerate(names):
            cells = " ".join(f"{'ok' if matrix.get((i, j)) else 'FAIL':>4}"
                             for j in range(len(names)))
            print(f"{i:>2} {n:<25}{cells}")

    @test
    def compare_sees_differences():
        run(CR, "convert", "-O", "qcow2", "src.raw", "d.qcow2")
        run("qemu-io", "-c", "write -P 0x33 5000000 1", "d.qcow2")
        rq = run(QI, "compare", "src.raw", "d.qcow2", ok=(1,))
        rc = run(CR, "compare", "src.raw", "d.qcow2", ok=(1,))
        check("mismatch offset", rq.stdout == rc.stdout, f"{rq.stdout!r} vs {rc.stdout!r}")
        run(CR, "compare", "src.raw", "missing.img", ok=(2,))
        with open("h.raw", "wb") as f:
            f.write(os.urandom(65536))
            f.truncate(2 << 20)
        run(CR, "convert", "-O", "qcow2", "h.raw", "h.qcow2")
        for x, y in (("h.raw", "h.qcow2"), ("h.qcow2", "h.raw"), ("h.qcow2", "h.qcow2")):
            rq = run(QI, "compare", "-s", x, y, ok=(0, 1))
            rc = run(CR, "compare", "-s", x, y, ok=(0, 1))
            check(f"strict compare {x} {y}", (rq.returncode, rq.stdout) == (rc.returncode, rc.stdout),
                  f"{rq.stdout!r} vs {rc.stdout!r}")

    @test
    def map_matches():
        run(CR, "convert", "-O", "qcow2", "src.raw", "m.qcow2")
        run("qemu-io", "-c", "write -z 7M 64k", "m.qcow2")
        for img in ("m.qcow2", "src.raw"):
            a = json.loads(run(QI, "map", "--output=json", img).stdout)
            b = json.loads(run(CR, "map", "--output=json", img).stdout)
            check(f"map {img}", a == b, f"\n{a}\n{b}")

    @test
    def measure_matches():
        for args in (["--size", "100G"], ["-o", "cluster_size=4k", "--size", "10G"],
                     ["src.raw"], ["-o", "compat=0.10", "src.raw"]):
            a = json.loads(run(QI, "measure", "--output=json", "-O", "qcow2", *args).stdout)
            b = json.loads(run(CR, "measure", "--output=json", "-O", "qcow2", *args).stdout)
            check(f"measure {args}", a == b, f"{a} vs {b}")

    @test
    def snapshots_cross():
        run(CR, "convert", "-O", "qcow2", "src.raw", "sn.qcow2")
        run(CR, "snapshot", "-c", "mine", "sn.qcow2")
        run("qemu-io", "-c", "write -P 0x44 0 1M", "sn.qcow2")
        check("qemu lists crossrun's snapshot", "mine" in run(QI, "snapshot", "-l", "sn.qcow2").stdout)
        run(QI, "snapshot", "-c", "theirs", "sn.qcow2")
        check("crossrun lists qemu's snapshot", "theirs" in run(CR, "snapshot", "-l", "sn.qcow2").stdout)
        # Both write the same fields (an instruction count of 0 included): the lists match.
        a, b = (run(t, "snapshot", "-l", "sn.qcow2").stdout for t in (QI, CR))
        check("snapshot -l", a == b, f"{a!r} vs {b!r}")
        # A name may be taken twice (a new ID); -d removes the first.
        for t in (QI, CR):
            run(t, "snapshot", "-c", "again", "sn.qcow2")
        a, b = (run(t, "snapshot", "-l", "sn.qcow2").stdout for t in (QI, CR))
        check("snapshot -l, a name twice", a == b and a.count(" again ") == 2, f"{a!r} vs {b!r}")
        run(CR, "snapshot", "-d", "again", "sn.qcow2")
        run(QI, "snapshot", "-d", "again", "sn.qcow2")
        run(QI, "snapshot", "-a", "mine", "sn.qcow2")
        run(QI, "check", "sn.qcow2")
        run(QI, "compare", "src.raw", "sn.qcow2")
        run(CR, "snapshot", "-a", "theirs", "sn.qcow2")
        run(QI, "check", "sn.qcow2")
        check("applied qemu's snapshot", run(QI, "compare", "src.raw", "sn.qcow2", ok=(0, 1)).returncode == 1)
        run(CR, "snapshot", "-a", "mine", "sn.qcow2")
        run(CR, "snapshot", "-d", "theirs", "sn.qcow2")
        run(QI, "check", "sn.qcow2")
        run(QI, "compare", "src.raw", "sn.qcow2")
        a = json.loads(run(QI, "info", "--output=json", "sn.qcow2").stdout)["snapshots"]
        b = json.loads(run(CR, "info", "--output=json", "sn.qcow2").stdout)["snapshots"]
        check("snapshot info", a == b, f"{a} vs {b}")
        same_human_info("sn.qcow2")

    @test
    def check_exit_codes():
        run(CR, "create", "-f", "qcow2", "leak.qcow2", "1M")
        with open("leak.qcow2", "r+b") as f:
            f.seek(48)
            (rt,) = struct.unpack(">Q", f.read(8))
            f.seek(rt)
            (rb,) = struct.unpack(">Q", f.read(8))
            f.seek(0, 2)
            end = f.tell() // 65536
            f.write(b"\0" * 65536)        # a cluster nothing refers to, counted once
            f.seek(rb + 2 * end)
            f.write(struct.pack(">H", 1))
        check("qemu sees a leak", run(QI, "check", "leak.qcow2", ok=(3,)).returncode == 3)
        check("crossrun sees a leak", run(CR, "check", "leak.qcow2", ok=(3,)).returncode == 3)
        run(CR, "check", "-r", "leaks", "leak.qcow2")
        run(QI, "check", "leak.qcow2")
        run(CR, "convert", "-O", "qcow2", "src.raw", "bad.qcow2")
        with open("bad.qcow2", "r+b") as f:
            f.seek(rb + 2 * 6)
            f.write(struct.pack(">H", 0))
        run(QI, "check", "bad.qcow2", ok=(2,))
        run(CR, "check", "bad.qcow2", ok=(2,))
        run(CR, "check", "-r", "all", "bad.qcow2")
        run(QI, "check", "bad.qcow2")
        for img in ("leak.qcow2", "bad.qcow2", "sn.qcow2", "s2.qcow2", "s3.qcow2"):
            if os.path.exists(img):
                a = json.loads(run(QI, "check", "--output=json", img, ok=(0, 2, 3)).stdout)
                b = json.loads(run(CR, "check", "--output=json", img, ok=(0, 2, 3)).stdout)
                check(f"check json {img}", a == b, f"{a} vs {b}")
        run(CR, "check", "src.raw", ok=(63,))
        run(CR, "check", "missing.qcow2", ok=(1,))

    @test
    def killed_convert_is_never_corrupt():
        import random
        import signal
        import time
        with open("big.raw", "wb") as f:
            for i in range(24):
                f.write(os.urandom(1 << 20) if i % 3 else b"\0" * (1 << 20))
        for rnd in range(8):
            opts = [["-O", "qcow2"], ["-c", "-O", "qcow2"], ["-O", "qcow2", "-o", "cluster_size=4k"],
                    ["-t", "writeback", "-O", "qcow2"]][rnd % 4]
            if os.path.exists("k.qcow2"):
                os.unlink("k.qcow2")
            p = subprocess.Popen([CR, "convert", *opts, "big.raw", "k.qcow2"],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(random.uniform(0.01, 0.25))
            p.send_signal(signal.SIGKILL)
            p.wait()
            if not os.path.exists("k.qcow2") or open("k.qcow2", "rb").read(4) != b"QFI\xfb":
                continue        # killed before create wrote the header, which goes last
            q = run(QI, "check", "k.qcow2", ok=(0, 1, 2, 3))
            check(f"killed convert {opts}: qemu-img check", q.returncode in (0, 3),
                  q.stdout + q.stderr)
            c = run(CR, "check", "k.qcow2", ok=(0, 1, 2, 3))
            check(f"killed convert {opts}: crossrun check agrees", c.returncode == q.returncode,
                  q.stdout + c.stdout + c.stderr)
            end = [l for l in q.stdout.splitlines() if l.startswith("Image end offset")]
            check(f"killed convert {opts}: same end offset", all(l in c.stdout for l in end),
                  q.stdout + c.stdout)

    @test
    def dirty_images_from_qemu():
        for repair in (["check", "-r", "all"], ["resize", "+1M"]):
            run(QI, "create", "-q", "-f", "qcow2", "-o", "lazy_refcounts=on", "lz.qcow2", "10M")
            # qemu-io's abort leaves the refcounts unwritten and the dirty bit set.
            subprocess.run(["qemu-io", "-c", "write -P 3 0 1M", "-c", "abort", "lz.qcow2"],
                           capture_output=True)
            check("dirty seen", info(CR, "lz.qcow2")["dirty-flag"] is True)
            run(CR, "check", "lz.qcow2", ok=(2,))
            args = repair[:-1] + ["lz.qcow2", repair[-1]] if repair[0] == "resize" else repair + ["lz.qcow2"]
            run(CR, *args)
            run(QI, "check", "lz.qcow2")
            check(f"clean after {repair[0]}", info(QI, "lz.qcow2")["dirty-flag"] is False)
            out = run("qemu-io", "-c", "read -P 3 0 1M", "lz.qcow2").stdout
            check(f"data kept after {repair[0]}", "verification failed" not in out and "read 1048576" in out, out)

    @test
    def resize_rebase_commit_amend():
        run(CR, "convert", "-O", "qcow2", "-o", "cluster_size=4k", "src.raw", "r.qcow2")
        run(CR, "resize", "r.qcow2", "64M")
        run(QI, "check", "r.qcow2")
        run(CR, "resize", "r.qcow2", "4M", ok=(1,))
        run(CR, "resize", "--shrink", "r.qcow2", "8M")
        run(QI, "check", "r.qcow2")
        run(QI, "compare", "src.raw", "r.qcow2")
        run(CR, "create", "-f", "qcow2", "-b", "src.raw", "-F", "raw", "top.qcow2")
        run("qemu-io", "-c", "write -P 0x55 2M 100k", "top.qcow2")
        run(CR, "convert", "-O", "qcow2", "src.raw", "base2.qcow2")
        run("qemu-io", "-c", "write -P 0x66 3M 64k", "base2.qcow2")
        run(QI, "convert", "-O", "raw", "top.qcow2", "top-content.raw")
        run(CR, "rebase", "-b", "base2.qcow2", "-F", "qcow2", "top.qcow2")
        run(QI, "check", "top.qcow2")
        run(QI, "compare", "top-content.raw", "top.qcow2")
        same_info(info(QI, "top.qcow2"), info(CR, "top.qcow2"), "rebased")
        same_human_info("top.qcow2")
        run(CR, "commit", "top.qcow2")
        run(QI, "check", "base2.qcow2")
        run(QI, "compare", "top-content.raw", "base2.qcow2")
        for compat in ("0.10", "1.1"):
            run(CR, "amend", "-o", f"compat={compat}", "r.qcow2")
            run(QI, "check", "r.qcow2")
            check(f"amend {compat}", info(QI, "r.qcow2")["format-specific"]["data"]["compat"] == compat)
        run(QI, "compare", "src.raw", "r.qcow2")

    shutil.rmtree(d)
    show_matrix()
    print(f"{results['passed']} passed, {results['failed']} failed")
    return 1 if results["failed"] else 0


sys.exit(main())
