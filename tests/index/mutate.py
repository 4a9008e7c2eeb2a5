#!/usr/bin/env python3
"""Randomised differential test of the index (issue 13, SPEC 7).

Builds a glossary, then for --steps steps applies one random mutation
(write, append, truncate, rename, swap two files, delete, add, chmod,
touch back with the old mtime, two writes within one timestamp tick, a
directory turned into a file and back, a `git checkout'-like swap of the
whole tree, or a pause long enough for the index to trust what it saw)
and after each step runs several commands with the index and with
--no-cache: stdout, stderr and exit status must be equal, byte for byte.
The seed is fixed, so a failure is reproducible; prints `N passed, N
failed'.

    tests/index/mutate.py [--gloss ./gloss] [--steps N] [--seed S]
    tests/index/mutate.py --self-test   # the harness catches a stale cache
"""

import argparse
import os
import random
import shutil
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402


class Glossary:
    def __init__(self, rng, root, stash):
        self.rng = rng
        self.root = root
        self.stash = stash  # outside the glossary: moved-away things
        self.snapshot = None  # (files, mtimes) for a checkout
        self.names = common.make_glossary(rng, root, 24)

    def path(self, rel):
        return os.path.join(self.root, rel)

    def pick(self):
        files = common.files_of(self.root)
        return self.rng.choice(files) if files else None

    def text(self):
        return common.term_text(self.rng, self.rng.choice(common.NAMES),
                                self.names)

    # Each mutation returns a line that says what it did.
    def m_write(self):
        f = self.pick()
        if f:
            common.write(self.path(f), self.text())
        return "write %s" % f

    def m_append(self):
        f = self.pick()
        if f:
            with open(self.path(f), "ab") as h:
                h.write(self.rng.choice([b"more words.\n", b"---\n",
                                         b"\n## Examples\n\n- one\n"]))
        return "append %s" % f

    def m_truncate(self):
        f = self.pick()
        if f:
            n = os.path.getsize(self.path(f))
            os.truncate(self.path(f), self.rng.randint(0, n))
        return "truncate %s" % f

    def m_rename(self):
        f = self.pick()
        if f:
            to = self.rng.choice(["", "a", "b/c", "new"])
            # A folder's page (index.md, README.md) is a term named by
            # its folder when alone there, else not a term at all.
            dst = os.path.join(to, self.rng.choice(
                ["r%d.md" % self.rng.randint(0, 99)] * 6 +
                ["index.md", "README.md"]))
            os.makedirs(os.path.dirname(self.path(dst)) or self.root,
                        exist_ok=True)
            if not os.path.isdir(self.path(dst)):
                os.replace(self.path(f), self.path(dst))
                return "rename %s %s" % (f, dst)
        return "rename %s" % f

    def m_swap(self):
        a, b = self.pick(), self.pick()
        if a and b and a != b:
            tmp = self.path(a) + ".swap"
            os.replace(self.path(a), tmp)
            os.replace(self.path(b), self.path(a))
            os.replace(tmp, self.path(b))
        return "swap %s %s" % (a, b)

    def m_delete(self):
        f = self.pick()
        if f:
            os.unlink(self.path(f))
        return "delete %s" % f

    def m_add(self):
        sub = self.rng.choice(["", "a", "b/c", "x.md", "new"])
        f = os.path.join(sub, "n%d.md" % self.rng.randint(0, 99))
        if not os.path.isdir(self.path(f)):
            common.write(self.path(f), self.text())
        return "add %s" % f

    def m_chmod(self):
        f = self.pick()
        if f:
            os.chmod(self.path(f), self.rng.choice([0o644, 0o600, 0o755,
                                                    0o000]))
        return "chmod %s" % f

    def m_touch_back(self):
        """Rewrite with the same size and put the old times back: only
        ctime (and maybe the inode) tells."""
        f = self.pick()
        if f:
            p = self.path(f)
            st = os.stat(p)
            with open(p, "rb") as h:
                data = bytearray(h.read())
            if data:
                i = self.rng.randrange(len(data))
                data[i] = ord(self.rng.choice("abcxyz"))
            with open(p, "r+b") as h:
                h.write(bytes(data))
            os.utime(p, ns=(st.st_atime_ns, st.st_mtime_ns))
        return "touch-back %s" % f

    def m_racy(self, between):
        """Two writes of the same size within one tick, a run between."""
        f = self.pick()
        if f:
            p = self.path(f)
            data = self.text()
            common.write(p, data)
            st = os.stat(p)
            between()
            data2 = bytes(c ^ 1 if 97 <= c <= 122 and c not in (110, 111)
                          else c for c in data)
            with open(p, "r+b") as h:
                h.write(data2)
            os.utime(p, ns=(st.st_atime_ns, st.st_mtime_ns))
        return "racy %s" % f

    def m_dir_file(self):
        """A directory becomes a file of the same name, and back."""
        d = self.path("x.md")
        kept = os.path.join(self.stash, "x.md")
        if os.path.isdir(d) and not os.path.exists(kept):
            shutil.move(d, kept)
            common.write(d, self.text())
            return "dir->file x.md"
        if os.path.isfile(d) and os.path.isdir(kept):
            os.unlink(d)
            shutil.move(kept, d)
            return "file->dir x.md"
        os.makedirs(d, exist_ok=True)
        return "mkdir x.md"

    def m_checkout(self):
        """Swap the whole tree for an earlier one, old mtimes and all."""
        if self.snapshot is None or self.rng.random() < 0.5:
            snap = {}
            for f in common.files_of(self.root):
                st = os.stat(self.path(f))
                try:
                    with open(self.path(f), "rb") as h:
                        snap[f] = (h.read(), st.st_mtime_ns, st.st_mode)
                except OSError:
                    pass
            self.snapshot = snap
            return "snapshot"
        for entry in os.listdir(self.root):
            p = self.path(entry)
            if os.path.isdir(p) and not os.path.islink(p):
                shutil.rmtree(p)
            else:
                os.unlink(p)
        for f, (data, mtime, mode) in self.snapshot.items():
            common.write(self.path(f), data, mode & 0o777)
            os.utime(self.path(f), ns=(mtime, mtime))
        return "checkout (%d files)" % len(self.snapshot)


def show_variant(rng, names, stems):
    """A `show' as people type it: the loader may then read one row
    (the snapshot of a whole load), so every way of naming a term and
    every output that might tell the difference is tried."""
    x = rng.choice(names) if names else "nothing"
    y = rng.choice(names) if names else "none"
    stem = rng.choice(stems) if stems else "nothing"
    return rng.choice([
        ["show", x], [x], ["show", x, y], ["show", x.upper()],
        ["show", x.replace(" ", "-")], ["show", stem], ["show", "-v", x],
        ["show", "-f", "json", x], ["show", "--full", x],
        ["show", "-f", "markdown", x, stem], ["show", "-e", x],
        ["show", x[:3]], ["show", "no such term"], ["show", "-q", x],
        ["show", "--field", "description", x],
        ["show", "--field", "mentions", x, y], ["show", "-f", "json", x, y]])


def typo(w):
    """w with two letters swapped: a word search corrects."""
    return w[:2] + w[3] + w[2] + w[4:] if len(w) > 4 else w + "x"


def searches(rng):
    """Three of the kinds of search, each reading the postings its own way."""
    w, w2 = rng.choice(common.WORDS), rng.choice(common.WORDS)
    kinds = [["search", w, w2], ["search", '"%s %s"' % (w, w2)],
             ["search", typo(w)], ["search", "the"], ["search", "of", w],
             ["search", "-c", rng.choice(common.CATEGORIES), w],
             ["search", "-t", w, w2], ["search", "--lang", "all", w, w2],
             ["search", "--lang", "de", w], ["search", "-f", "json", w],
             ["search", "--limit", "2", w, typo(w2)],
             ["search", "%sRate" % w.capitalize()]]
    return rng.sample(kinds, 3)


def commands(rng, names, stems):
    x = rng.choice(names) if names else "nothing"
    w = rng.choice(common.WORDS)
    return [["list", "-f", "json"], show_variant(rng, names, stems),
            ["search", w], ["related", x], ["check"],
            show_variant(rng, names, stems)] + searches(rng)


def differ(gloss, g, env, cmds, future=False):
    """The first command whose cached and uncached runs differ, or None."""
    cenv = common.future_env(env) if future else env
    for c in cmds:
        args = ["-d", g.root] + c
        cached = common.run(gloss, args, cenv)
        fresh = common.run(gloss, args, env, cache=False)
        if cached != fresh:
            return c, cached, fresh
    return None


def report(step, what, bad):
    c, cached, fresh = bad
    print("step %d (%s): %s differs" % (step, what, " ".join(c)))
    for name, i in (("stdout", 0), ("stderr", 1)):
        a, b = cached[i], fresh[i]
        if a != b:
            at = next((k for k in range(min(len(a), len(b)))
                       if a[k] != b[k]), min(len(a), len(b)))
            lo = max(0, at - 80)
            print("  %s from byte %d, with the index:\n    %r\n  without:"
                  "\n    %r" % (name, at, a[lo:at + 160], b[lo:at + 160]))
    if cached[2] != fresh[2]:
        print("  status %d with the index, %d without" % (cached[2],
                                                         fresh[2]))


def run_steps(gloss, steps, seed, settle, verbose, quiet=False,
              future=False):
    rng = random.Random(seed)
    tmp = tempfile.mkdtemp(prefix="gloss-mutate-")
    try:
        root = os.path.join(tmp, "glossary")
        stash = os.path.join(tmp, "stash")
        os.makedirs(stash)
        env = common.settled_env(os.path.join(tmp, "cache"))
        g = Glossary(rng, root, stash)
        between = lambda: common.run(gloss, ["-d", root, "list"], env)
        muts = [g.m_write, g.m_append, g.m_truncate, g.m_rename, g.m_swap,
                g.m_delete, g.m_add, g.m_add, g.m_chmod, g.m_touch_back,
                lambda: g.m_racy(between), g.m_dir_file, g.m_checkout]
        if future:
            # A gloss 10 s ahead trusts what it sees at once: two writes
            # within one tick would then be missed by design.
            muts = [m for m in muts if m is not muts[10]]
        passed = failed = 0
        for step in range(1, steps + 1):
            if settle and rng.random() < settle:
                time.sleep(2.1)  # past INDEX_RACY_NS: entries are trusted
                what = "settle"
            else:
                m = rng.choice(muts)
                try:
                    what = m()
                except OSError as e:  # chmod 0, a file where a dir was
                    what = "%s: %s" % (m.__name__ if hasattr(m, "__name__")
                                       else "mutation", e.strerror)
            stems = [os.path.basename(f)[:-3] for f in common.files_of(root)
                     if f.endswith(".md")]
            bad = differ(gloss, g, env,
                         commands(rng, common.names_in(root), stems),
                         future)
            if bad:
                failed += 1
                if not quiet:
                    report(step, what, bad)
            else:
                passed += 1
            if verbose:
                print("step %d: %s: %s" % (step, what,
                                          "ok" if not bad else "FAILED"))
        return passed, failed
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def self_test(gloss, steps):
    """The harness must pass an honest cache and catch a stale one."""
    tmp = tempfile.mkdtemp(prefix="gloss-mutate-self-")
    try:
        honest, stale = common.make_fakes(gloss, tmp)
        p, f = run_steps(honest, steps, 1, 0, False, True)
        ok = f == 0
        print("honest fake: %d passed, %d failed (want none failed)" % (p, f))
        p, f = run_steps(stale, steps, 1, 0, False, True)
        ok = ok and f > 0
        print("stale fake: %d passed, %d failed (want some failed)" % (p, f))
        return 0 if ok else 1
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gloss", default="./gloss")
    ap.add_argument("--steps", type=int, default=10000)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--settle", type=float, default=0.003,
                    help="chance a step waits out the racy window")
    ap.add_argument("--future", action="store_true",
                    help="cached runs believe they run 10 s later, so the "
                    "index is trusted at once (not the racy writes)")
    ap.add_argument("--self-test", action="store_true")
    ap.add_argument("-v", "--verbose", action="store_true")
    a = ap.parse_args()
    if a.self_test:
        sys.exit(self_test(a.gloss, min(a.steps, 40)))
    if not common.has_no_cache(a.gloss):
        common.skip("index-diff")
    passed, failed = run_steps(a.gloss, a.steps, a.seed, a.settle, a.verbose,
                               future=a.future)
    print("%d passed, %d failed" % (passed, failed))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
