#!/usr/bin/env python3
"""Make (once) a Debian 12 root file system of one foreign architecture for tests/debian.

    sysroot.py --arch armhf --dir BUILD/tests/debian/armhf PACKAGE...

leaves BUILD/tests/debian/armhf/root (the packages and everything they depend on,
unpacked with `dpkg -x`) and BUILD/tests/debian/armhf/READY (the package list it was
made for). A later call with the same list returns at once, without the network; a
changed list makes the root again from the .deb files already downloaded when it can.
Concurrent calls (meson runs tests in parallel) wait for one another on a lock.

apt runs with a private state under the directory, so the host's dpkg and apt know
nothing of it and no root rights are needed:
  * sources: bookworm, bookworm-updates and bookworm-security of deb.debian.org (or
    CROSSRUN_DEBIAN_MIRROR / CROSSRUN_DEBIAN_SECURITY_MIRROR), signed by the host's
    Debian archive keyring;
  * `apt-get update` may exit 100 when one pocket's index is mid-sync on the mirror:
    what counts is whether the packages resolve and download. Every failure is printed;
  * the dependency closure comes from `apt-get install --simulate` against an empty
    dpkg status (Depends and Pre-Depends, no Recommends), then `apt-get download`.

Absolute symbolic links inside the root (e.g. /lib/ld-linux-armhf.so.3 ->
/usr/lib/arm-linux-gnueabihf/ld-linux-armhf.so.3 under merged /usr, or alternatives'
/etc/alternatives/... chains) would point at the host's files; they are rewritten as
relative links that stay inside the root. Debian's maintainer scripts never run, so
what they would create (/usr/bin/awk -> gawk through alternatives, /bin/sh -> dash)
is made here for the packages that need it.

Exit status 0 when the root is ready, 1 (after saying what could not be fetched) when
not: the tests that need it fail, they are never skipped.
"""
import argparse
import fcntl
import glob
import hashlib
import os
import shutil
import subprocess
import sys

MIRROR = os.environ.get("CROSSRUN_DEBIAN_MIRROR", "http://deb.debian.org/debian")
SECURITY = os.environ.get("CROSSRUN_DEBIAN_SECURITY_MIRROR",
                          "http://deb.debian.org/debian-security")
KEYRING = "/usr/share/keyrings/debian-archive-keyring.gpg"

# What the alternatives system or a maintainer script would make on a real install:
# link name inside the root -> target (relative to the link's directory).
POSTINST_LINKS = {
    "usr/bin/awk": "gawk",
    "usr/bin/python3": "python3.11",
}


def say(msg):
    print("sysroot: " + msg, file=sys.stderr, flush=True)


def loud_failure(what, detail=""):
    bar = "*" * 78
    print("\n%s\n*** tests/debian: %s\n%s%s\n" % (bar, what, detail and "*** " + detail + "\n",
                                                bar), file=sys.stderr, flush=True)


class Apt:
    def __init__(self, arch, top):
        self.arch = arch
        self.top = top
        self.state = os.path.join(top, "apt")
        self.debs = os.path.join(top, "debs")
        lists = os.path.join(self.state, "lists")
        cache = os.path.join(self.state, "cache")
        etc = os.path.join(self.state, "etc")
        for d in (os.path.join(lists, "partial"), os.path.join(cache, "archives", "partial"),
                  os.path.join(etc, "apt.conf.d"), os.path.join(etc, "preferences.d"),
                  os.path.join(etc, "sources.list.d"), self.debs):
            os.makedirs(d, exist_ok=True)
        sources = os.path.join(etc, "sources.list")
        signed = "[arch=%s signed-by=%s]" % (arch, KEYRING)
        with open(sources, "w") as f:
            f.write("deb %s %s bookworm main\n" % (signed, MIRROR))
            f.write("deb %s %s bookworm-updates main\n" % (signed, MIRROR))
            f.write("deb %s %s bookworm-security main\n" % (signed, SECURITY))
        status = os.path.join(self.state, "status")
        open(status, "a").close()
        self.opts = [
            "-o", "APT::Architecture=" + arch,
            "-o", "APT::Architectures=" + arch,
            "-o", "Dir::Etc=" + etc,
            "-o", "Dir::Etc::SourceList=" + sources,
            "-o", "Dir::Etc::SourceParts=" + os.path.join(etc, "sources.list.d"),
            "-o", "Dir::Etc::Parts=" + os.path.join(etc, "apt.conf.d"),
            "-o", "Dir::Etc::PreferencesParts=" + os.path.join(etc, "preferences.d"),
            "-o", "Dir::State=" + self.state,
            "-o", "Dir::State::Lists=" + lists,
            "-o", "Dir::State::status=" + status,
            "-o", "Dir::Cache=" + cache,
            "-o", "Debug::NoLocking=1",
            "-o", "APT::Install-Recommends=0",
            "-o", "Acquire::Retries=3",
            # As root, apt would hand downloads to the _apt user, who may not write here.
            "-o", "APT::Sandbox::User=" + ("root" if os.geteuid() == 0 else ""),
        ]
        if os.geteuid() != 0:
            self.opts = self.opts[:-2]

    def run(self, args, cwd=None):
        cmd = ["apt-get", "-q"] + self.opts + args
        return subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              universal_newlines=True)

    def update(self):
        r = self.run(["update"])
        if r.returncode != 0:
            # Judged later by whether the packages resolve and download.
            say("apt-get update exited %d (one pocket may be mid-sync; going on):\n%s"
                % (r.returncode, (r.stderr or r.stdout).strip()))
        return r

    def closure(self, packages):
        """The packages apt would install on an empty system: [(name, version)]."""
        r = self.run(["install", "--simulate", "-y"] + packages)
        if r.returncode != 0:
            return None, (r.stderr or r.stdout).strip()
        got = []
        for line in r.stdout.splitlines():
            # "Inst libc6 (2.36-9+deb12u10 Debian:12.11/stable [armhf])"
            if line.startswith("Inst "):
                parts = line.split()
                name = parts[1]
                version = parts[2].lstrip("(") if len(parts) > 2 else ""
                got.append((name, version))
        return got, ""

    def download(self, pkgs):
        want = ["%s=%s" % (n, v) for n, v in pkgs if not self.have(n, v)]
        if not want:
            return True, ""
        r = self.run(["download"] + want, cwd=self.debs)
        return r.returncode == 0, (r.stderr or r.stdout).strip()

    def deb_path(self, name, version):
        # apt-get download names files NAME_VERSION_ARCH.deb with ':' as %3a.
        v = version.replace(":", "%3a")
        hits = glob.glob(os.path.join(self.debs, "%s_%s_*.deb" % (name, v)))
        return hits[0] if hits else None

    def have(self, name, version):
        return self.deb_path(name, version) is not None


def fix_symlinks(root):
    """Absolute links -> relative ones inside root; returns how many were changed."""
    changed = 0
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            path = os.path.join(dirpath, name)
            if not os.path.islink(path):
                continue
            target = os.readlink(path)
            if not target.startswith("/"):
                continue
            inside = os.path.join(root, target.lstrip("/"))
            rel = os.path.relpath(inside, dirpath)
            os.unlink(path)
            os.symlink(rel, path)
            changed += 1
    return changed


def merged_usr(root):
    """Debian 12 packages still ship some files under /bin, /lib: usrmerge (not in the
    set) would make /bin, /sbin, /lib links into /usr. Move them and link."""
    for d in ("bin", "sbin", "lib"):
        top = os.path.join(root, d)
        usr = os.path.join(root, "usr", d)
        os.makedirs(usr, exist_ok=True)
        if os.path.isdir(top) and not os.path.islink(top):
            for entry in os.listdir(top):
                src = os.path.join(top, entry)
                dst = os.path.join(usr, entry)
                if os.path.lexists(dst):
                    if os.path.isdir(src) and not os.path.islink(src):
                        subprocess.run(["cp", "-a", src + "/.", dst], check=True)
                        shutil.rmtree(src)
                    else:
                        os.unlink(src)
                    continue
                os.rename(src, dst)
            os.rmdir(top)
        if not os.path.lexists(top):
            os.symlink("usr/" + d, top)


def build_root(apt, pkgs, root):
    tmp = root + ".new"
    shutil.rmtree(tmp, ignore_errors=True)
    os.makedirs(tmp)
    for name, version in pkgs:
        deb = apt.deb_path(name, version)
        r = subprocess.run(["dpkg-deb", "-x", deb, tmp], stderr=subprocess.PIPE,
                           universal_newlines=True)
        if r.returncode != 0:
            return "dpkg-deb -x %s failed: %s" % (os.path.basename(deb), r.stderr.strip())
    merged_usr(tmp)
    for link, target in POSTINST_LINKS.items():
        path = os.path.join(tmp, link)
        if os.path.exists(os.path.join(os.path.dirname(path), target)) and \
                not os.path.lexists(path):
            os.symlink(target, path)
    n = fix_symlinks(tmp)
    # Programs look for these; an empty root has neither.
    os.makedirs(os.path.join(tmp, "tmp"), exist_ok=True)
    os.makedirs(os.path.join(tmp, "etc"), exist_ok=True)
    say("%d packages unpacked, %d absolute links made relative" % (len(pkgs), n))
    shutil.rmtree(root, ignore_errors=True)
    os.rename(tmp, root)
    return None


def ensure(arch, top, packages):
    os.makedirs(top, exist_ok=True)
    root = os.path.join(top, "root")
    ready = os.path.join(top, "READY")
    key = hashlib.sha256(("\n".join(sorted(packages)) + "\n").encode()).hexdigest()
    lock = open(os.path.join(top, "lock"), "w")
    fcntl.flock(lock, fcntl.LOCK_EX)
    try:
        if os.path.isfile(ready) and open(ready).read().split("\n", 1)[0] == key and \
                os.path.isdir(root):
            return 0
        if os.path.exists(ready):
            os.unlink(ready)
        tools = [t for t in ("apt-get", "dpkg-deb") if not shutil.which(t)]
        if tools:
            loud_failure("cannot fetch the Debian %s packages" % arch,
                         "%s not found (a Debian host has them)" % " and ".join(tools))
            return 1
        if not os.path.isfile(KEYRING):
            loud_failure("cannot fetch the Debian %s packages" % arch,
                         "no Debian archive keyring at %s (install debian-archive-keyring)"
                         % KEYRING)
            return 1
        apt = Apt(arch, top)
        say("fetching Debian 12 %s packages into %s (once; cached for later runs)"
            % (arch, top))
        upd = apt.update()
        pkgs, err = apt.closure(packages)
        if pkgs is None:
            loud_failure("cannot resolve the Debian %s packages %s" % (arch, " ".join(packages)),
                         "apt-get update exit %d: %s\n*** apt-get install --simulate: %s"
                         % (upd.returncode, (upd.stderr or "").strip()[-2000:], err[-2000:]))
            return 1
        ok, err = apt.download(pkgs)
        missing = [n for n, v in pkgs if not apt.have(n, v)]
        if not ok or missing:
            loud_failure("could not download Debian %s packages: %s"
                         % (arch, " ".join(missing) or "(see apt's message)"),
                         "apt-get download from %s said: %s" % (MIRROR, err[-3000:]))
            return 1
        err = build_root(apt, pkgs, root)
        if err:
            loud_failure("could not unpack the Debian %s root" % arch, err)
            return 1
        with open(ready, "w") as f:
            f.write(key + "\n" + "".join("%s %s\n" % p for p in pkgs))
        return 0
    finally:
        lock.close()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--arch", required=True, help="Debian architecture (armhf, arm64 ...)")
    ap.add_argument("--dir", required=True, help="where the apt state, .debs and root go")
    ap.add_argument("packages", nargs="+")
    a = ap.parse_args()
    return ensure(a.arch, os.path.abspath(a.dir), a.packages)


if __name__ == "__main__":
    sys.exit(main())
