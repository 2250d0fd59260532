#!/usr/bin/env python3
"""crossrun-img's command line on its own (no qemu-img needed): exit codes, messages,
options, and damaged input that must be refused without the file changing.

usage: cli.py CROSSRUN_IMG"""
import hashlib
import os
import shutil
import struct
import subprocess
import sys
import tempfile

CR = os.path.abspath(sys.argv[1])
results = {"passed": 0, "failed": 0}


def run(*args):
    return subprocess.run([CR, *args], capture_output=True, text=True)


def expect(name, p, code, out=None, err=None):
    ok = p.returncode == code and (out is None or out in p.stdout) and (err is None or err in p.stderr)
    results["passed" if ok else "failed"] += 1
    if not ok:
        print(f"FAIL {name}: exit {p.returncode} (want {code})\n  stdout {p.stdout!r}\n  stderr {p.stderr!r}")


def digest(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def patch(path, off, fmt, value):
    with open(path, "r+b") as f:
        f.seek(off)
        f.write(struct.pack(fmt, value))


def main():
    d = tempfile.mkdtemp(prefix="crossrun-cli-")
    os.chdir(d)
    expect("no command", run(), 1, err="Not enough arguments")
    expect("unknown command", run("frobnicate"), 1, err="Command not found")
    expect("help", run("--help"), 0, out="convert")
    expect("create needs a size", run("create", "-f", "qcow2", "x.qcow2"), 1, err="size")
    expect("create bad size", run("create", "x.raw", "12q"), 1, err="invalid image size")
    expect("create unknown format", run("create", "-f", "nope", "x", "1M"), 1, err="Unknown file format")
    expect("create unknown option", run("create", "-f", "qcow2", "-o", "colour=red", "x", "1M"), 1, err="colour")
    expect("create encryption", run("create", "-f", "qcow2", "-o", "encrypt.format=luks", "x", "1M"), 1, err="encryption")
    expect("create -o help", run("create", "-f", "qcow2", "-o", "help"), 0, out="lazy_refcounts")
    expect("create", run("create", "-f", "qcow2", "a.qcow2", "64M"), 0, out="Formatting 'a.qcow2'")
    expect("create empty", run("create", "-f", "qcow2", "empty.qcow2", "0"), 0)
    expect("empty is clean", run("check", "empty.qcow2"), 0, out="No errors")
    expect("info", run("info", "a.qcow2"), 0, out="virtual size: 64 MiB (67108864 bytes)")
    expect("info bad output", run("info", "--output=xml", "a.qcow2"), 1, err="--output")
    expect("info missing", run("info", "nothere.img"), 1, err="nothere.img")

    # Backing files: the size comes from the backing file, loops are refused.
    expect("overlay", run("create", "-f", "qcow2", "-b", "a.qcow2", "-F", "qcow2", "b.qcow2"), 0)
    expect("overlay size", run("info", "b.qcow2"), 0, out="67108864 bytes")
    expect("rebase -u into a loop", run("rebase", "-u", "-b", "b.qcow2", "-F", "qcow2", "a.qcow2"), 0)
    expect("loop refused", run("info", "--backing-chain", "b.qcow2"), 1, err="loop")
    expect("loop refused by map", run("map", "a.qcow2"), 1, err="loop")
    expect("unloop", run("rebase", "-u", "-b", "", "a.qcow2"), 0)
    expect("safe rebase into a loop", run("rebase", "-b", "b.qcow2", "-F", "qcow2", "a.qcow2"), 1,
           err="loop")
    # As qemu-img 7: a backing file's format must be named (probing one is unsafe), and an
    # image cannot be its own backing file.
    expect("create -b without -F", run("create", "-f", "qcow2", "-b", "a.qcow2", "c.qcow2"), 1,
           err="Backing file specified without backing format")
    expect("create self-backed", run("create", "-f", "qcow2", "-b", "./b.qcow2", "-F", "qcow2",
                                     "b.qcow2"), 1, err="same filename as the backing file")
    expect("self-backed left alone", run("info", "--backing-chain", "b.qcow2"), 0, out="a.qcow2")
    expect("rebase -b without -F", run("rebase", "-b", "a.qcow2", "b.qcow2"), 1,
           err="backing format must be specified")
    expect("create -u, backing missing", run("create", "-f", "qcow2", "-u", "-b", "gone.qcow2",
                                             "-F", "qcow2", "dangling.qcow2", "1M"), 0)
    expect("amend opens the backing file", run("amend", "-o", "compat=0.10", "dangling.qcow2"), 1,
           err="backing file")
    expect("convert -B without -F", run("convert", "-O", "qcow2", "-B", "a.qcow2", "a.qcow2",
                                        "c.qcow2"), 1, err="explicit backing format")

    # Data in, data out.
    with open("data.raw", "wb") as f:
        f.write(os.urandom(3 << 20))
        f.write(b"\0" * (1 << 20))
        f.write(b"tail" * 1024)
    expect("convert", run("convert", "-O", "qcow2", "data.raw", "d.qcow2"), 0)
    expect("compare same", run("compare", "data.raw", "d.qcow2"), 0, out="identical")
    expect("convert -S 0", run("convert", "-S", "0", "-O", "raw", "d.qcow2", "full.raw"), 0)
    expect("full is full", run("compare", "-s", "full.raw", "data.raw"), 0)
    expect("convert two sources", run("convert", "-O", "qcow2", "data.raw", "data.raw", "two.qcow2"), 0)
    expect("two sources size", run("info", "two.qcow2"), 0, out=f"({2 * os.path.getsize('data.raw')} bytes)")
    expect("convert -n needs a target", run("convert", "-n", "-O", "raw", "data.raw", "none.raw"), 1, err="none.raw")
    expect("create target", run("create", "-f", "raw", "t.raw", "8M"), 0)
    expect("convert -n", run("convert", "-n", "-O", "raw", "data.raw", "t.raw"), 0)
    expect("convert -n wrote", run("compare", "data.raw", "t.raw"), 0)
    expect("probed raw guard", run("convert", "-n", "-f", "raw", "d.qcow2", "t.raw"), 1,
           err="look like qcow2")
    expect("named raw", run("convert", "-n", "-f", "raw", "-O", "raw", "d.qcow2", "t.raw"), 0)
    expect("convert -n again", run("convert", "-n", "-O", "raw", "data.raw", "t.raw"), 0)
    expect("convert -c", run("convert", "-c", "-p", "-O", "qcow2", "data.raw", "c.qcow2"), 0, out="100.00/100%")
    expect("compressed same", run("compare", "data.raw", "c.qcow2"), 0)
    expect("convert -c to raw", run("convert", "-c", "-O", "raw", "data.raw", "cr.raw"), 1, err="compression")
    expect("convert -B", run("convert", "-O", "qcow2", "-B", "d.qcow2", "-o", "backing_fmt=qcow2",
                             "data.raw", "b2.qcow2"), 0)
    expect("convert -B content", run("compare", "data.raw", "b2.qcow2"), 0)
    expect("convert -B allocates nothing", run("check", "b2.qcow2"), 0, out="\n0/")
    expect("prealloc", run("create", "-f", "qcow2", "-o", "preallocation=falloc", "p.qcow2", "4M"), 0)
    expect("prealloc allocated", run("check", "p.qcow2"), 0, out="64/64 = 100.00% allocated")
    expect("prealloc bad", run("create", "-f", "qcow2", "-o", "preallocation=most", "p.qcow2", "4M"), 1,
           err="preallocation")
    expect("dd", run("dd", "-O", "qcow2", "bs=1M", "count=2", "skip=1", "if=d.qcow2", "of=dd.qcow2"), 0)
    expect("dd size", run("info", "dd.qcow2"), 0, out="(2097152 bytes)")
    expect("dd bad operand", run("dd", "if=d.qcow2", "of=x", "colour=1"), 1, err="colour")
    expect("bench", run("bench", "-c", "100", "-s", "64k", "d.qcow2"), 0, out="Run completed")
    expect("bench -w", run("bench", "-w", "-c", "50", "d.qcow2"), 0, out="write requests")
    expect("check after bench -w", run("check", "d.qcow2"), 0, out="No errors")

    # compare exit codes.
    patch("t.raw", 100, "B", 0x77 if open("t.raw", "rb").read()[100] != 0x77 else 0x78)
    expect("compare differs", run("compare", "data.raw", "t.raw"), 1, out="Content mismatch at offset 0!")
    expect("compare strict size", run("compare", "-s", "data.raw", "t.raw"), 1, out="size mismatch")
    expect("compare error", run("compare", "data.raw", "nothere"), 2)

    # resize, snapshots, commit, amend, measure, map.
    expect("resize grow", run("resize", "d.qcow2", "+4M"), 0, out="Image resized.")
    expect("resize shrink refused", run("resize", "d.qcow2", "-1M"), 1, err="--shrink")
    expect("resize shrink", run("resize", "--shrink", "d.qcow2", "-4M"), 0)
    expect("resize negative", run("resize", "--shrink", "d.qcow2", "-1T"), 1, err="positive")
    expect("snapshot create", run("snapshot", "-c", "one", "d.qcow2"), 0)
    # A name may repeat (as with qemu-img): -d then removes the first of them.
    expect("snapshot same name", run("snapshot", "-c", "one", "d.qcow2"), 0)
    expect("snapshot list", run("snapshot", "-l", "d.qcow2"), 0, out="2         one")
    expect("snapshot delete first", run("snapshot", "-d", "one", "d.qcow2"), 0)
    expect("snapshot apply missing", run("snapshot", "-a", "two", "d.qcow2"), 1, err="not found")
    expect("snapshot on raw", run("snapshot", "-c", "x", "data.raw"), 1, err="snapshot")
    expect("snapshot delete", run("snapshot", "-d", "one", "d.qcow2"), 0)
    expect("commit without backing", run("commit", "d.qcow2"), 1, err="backing file")
    expect("overlay 2", run("create", "-f", "qcow2", "-b", "d.qcow2", "-F", "qcow2", "o.qcow2"), 0)
    expect("bench write overlay", run("bench", "-w", "-c", "10", "o.qcow2"), 0)
    expect("commit -b other", run("commit", "-b", "a.qcow2", "o.qcow2"), 1, err="not the backing file")
    expect("commit -d", run("commit", "-d", "-b", "d.qcow2", "o.qcow2"), 0, out="Image committed.")
    expect("commit", run("commit", "o.qcow2"), 0, out="Image committed.")
    expect("committed", run("compare", "o.qcow2", "d.qcow2"), 0)
    expect("amend v2", run("amend", "-o", "compat=0.10", "d.qcow2"), 0)
    expect("amend result", run("info", "d.qcow2"), 0, out="compat: 0.10")
    expect("amend lazy on v2", run("amend", "-o", "lazy_refcounts=on", "d.qcow2"), 1, err="compat=1.1")
    expect("amend unknown", run("amend", "-o", "cluster_size=4k", "d.qcow2"), 1, err="cluster_size")
    expect("amend raw", run("amend", "-o", "size=1M", "data.raw"), 1, err="amendment")
    expect("measure raw", run("measure", "-O", "raw", "--size", "1G"), 0, out="required size: 1073741824")
    expect("measure both", run("measure", "--size", "1G", "data.raw"), 1, err="Either")
    expect("map", run("map", "data.raw"), 0, out="Offset")
    expect("check raw", run("check", "data.raw"), 63, err="does not support checks")
    expect("check bad -r", run("check", "-r", "some", "d.qcow2"), 1, err="leaks")
    expect("vmdk for check", run("create", "-f", "vmdk", "v.vmdk", "1M"), 0)
    expect("check vmdk", run("check", "v.vmdk"), 0, out="No errors")
    expect("check -r vmdk", run("check", "-r", "leaks", "v.vmdk"), 63, err="not supported")

    # Damaged images: a clear error, exit 1, the file unchanged, for every command.
    shutil.copy("a.qcow2", "bad.qcow2")
    patch("bad.qcow2", 20, ">I", 40)       # cluster_bits
    before = digest("bad.qcow2")
    for args in (["info"], ["check"], ["check", "-r", "all"], ["map"], ["resize", "bad.qcow2", "1G"],
                 ["snapshot", "-c", "s"], ["amend", "-o", "compat=0.10"], ["commit"],
                 ["convert", "-O", "raw", "bad.qcow2", "out.raw"], ["compare", "bad.qcow2", "a.qcow2"],
                 ["rebase", "-b", "a.qcow2", "-F", "qcow2"], ["bench", "-w", "-c", "1"]):
        argv = args if "bad.qcow2" in args else args + ["bad.qcow2"]
        code = 2 if args[0] == "compare" else 1
        expect(f"damaged: {args[0]}", run(*argv), code, err="cluster_bits 40")
    results["passed" if digest("bad.qcow2") == before else "failed"] += 1
    with open("short.qcow2", "wb") as f:
        f.write(open("a.qcow2", "rb").read()[:200])
    expect("truncated", run("info", "short.qcow2"), 1, err="beyond the end")

    shutil.rmtree(d)
    print(f"{results['passed']} passed, {results['failed']} failed")
    return 1 if results["failed"] else 0


sys.exit(main())
