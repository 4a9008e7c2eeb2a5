#!/usr/bin/env python3
"""Fault test of the index (issue 13, SPEC 7).

Against a glossary of a few hundred files, each trial damages the index
one way and then runs several commands with it; the answer (stdout and
exit status) must equal the fresh parse (--no-cache), nothing may crash,
and stderr may carry at most one extra line, a warning about the index:

  kill      SIGKILL at a random moment of a run that builds the index
  corrupt   random bytes written at a random offset of the database
  truncate  the database cut at a random length
  foreign   the database stamped with another version
  unwritable, full
            a cache directory that cannot be written, a file size limit
  race      8 processes reading and rebuilding while files change; after
            it, the quiet answer equals the fresh parse

    tests/index/faults.py [--gloss ./gloss] [--trials N] [--seed S]
    tests/index/faults.py --self-test   # the harness catches a stale cache
"""

import argparse
import os
import random
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402

BAD = (b"AddressSanitizer", b"runtime error", b"ThreadSanitizer",
       b"LeakSanitizer")


class Faults:
    def __init__(self, gloss, rng, tmp, files):
        self.gloss = gloss
        self.rng = rng
        self.root = os.path.join(tmp, "glossary")
        self.cache = os.path.join(tmp, "cache")
        self.env = common.settled_env(self.cache)
        self.names = ["Term %d" % i for i in range(files)]
        for i, name in enumerate(self.names):
            self.write_term(i)
        time.sleep(2.1)  # older than the racy window: trusted entries
        self.ref = self.reference()
        self.passed = {}
        self.failed = {}

    def write_term(self, i):
        sub = "d%d" % (i % 7)
        common.write(os.path.join(self.root, sub, "t%d.md" % i),
                     common.term_text(self.rng, self.names[i], self.names))

    def commands(self):
        x = self.rng.choice(self.names)
        return [("list", "-f", "json"), ("show", x),
                ("search", self.rng.choice(common.WORDS)), ("related", x),
                ("check",)]

    def reference(self):
        """Every command's fresh answer, for the glossary as it is now."""
        self.cmds = self.commands()
        return [common.run(self.gloss, ["-d", self.root] + list(c),
                           self.env, cache=False) for c in self.cmds]

    def db_files(self):
        d = os.path.join(self.cache, "gloss")
        if not os.path.isdir(d):
            return []
        return [os.path.join(d, f) for f in sorted(os.listdir(d))
                if f.endswith(".db")]

    def wipe(self):
        shutil.rmtree(self.cache, ignore_errors=True)

    def warm(self):
        common.run(self.gloss, ["-d", self.root, "list"], self.env)

    def judge(self, got, want):
        """None if got is the fresh answer, else what is wrong."""
        out, err, rc = got
        if rc < 0:
            return "killed by signal %d" % -rc
        if any(b in err for b in BAD):
            return "sanitizer: %r" % err[:300]
        if (out, rc) != (want[0], want[2]):
            return "answer differs (status %d, want %d)" % (rc, want[2])
        extra = list(err.splitlines())
        for line in want[1].splitlines():
            if line in extra:
                extra.remove(line)
        if len(extra) > 1 or (extra and b"index" not in extra[0]):
            return "stderr: %r" % extra[:3]
        return None

    def check(self, kind, env=None, preexec=None):
        for c, want in zip(self.cmds, self.ref):
            got = common.run(self.gloss, ["-d", self.root] + list(c),
                             env or self.env, preexec=preexec)
            why = self.judge(got, want)
            if why:
                self.failed[kind] = self.failed.get(kind, 0) + 1
                if self.verbose:
                    print("%s: %s: %s" % (kind, " ".join(c), why))
                return
        self.passed[kind] = self.passed.get(kind, 0) + 1

    # ---- the trials ----

    def t_kill(self):
        if self.rng.random() < 0.7:
            self.wipe()
        p = subprocess.Popen([self.gloss, "-d", self.root, "list"],
                             env=self.env, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
        time.sleep(self.rng.uniform(0, self.cold * 1.2))
        p.send_signal(signal.SIGKILL)
        p.wait()
        self.check("kill")

    def damage(self, how):
        self.warm()
        for db in self.db_files():
            for f in (db, db + "-wal"):
                if not os.path.exists(f) or os.path.getsize(f) == 0:
                    continue
                n = os.path.getsize(f)
                if how == "corrupt":
                    with open(f, "r+b") as h:
                        h.seek(self.rng.randrange(n))
                        h.write(bytes(self.rng.randrange(256) for _ in
                                      range(self.rng.randint(1, 16))))
                elif how == "truncate":
                    os.truncate(f, self.rng.randrange(n))
                elif how == "foreign" and f == db and n >= 64:
                    with open(f, "r+b") as h:
                        h.seek(60)
                        h.write(self.rng.randrange(1, 1 << 31).to_bytes(
                            4, "big"))
        self.check(how)

    def t_unwritable(self):
        base = os.path.join(os.path.dirname(self.cache), "plain")
        with open(base, "w") as h:
            h.write("not a directory\n")
        env = dict(self.env, XDG_CACHE_HOME=os.path.join(base, "cache"))
        self.check("unwritable", env)
        os.unlink(base)
        # The database's own name taken by a directory.
        self.warm()
        for db in self.db_files():
            for f in (db, db + "-wal", db + "-shm"):
                if os.path.exists(f):
                    os.unlink(f)
            os.mkdir(db)
            self.check("unwritable")
            os.rmdir(db)

    def t_full(self):
        self.wipe()
        limit = self.rng.choice([0, 4096, 16384, 65536])

        def small_disk():
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
        self.check("full", preexec=small_disk)

    def t_race(self, seconds=1.0, workers=8):
        stop = time.monotonic() + seconds
        bad = []

        def worker(seed):
            rng = random.Random(seed)
            while time.monotonic() < stop:
                c = rng.choice(self.cmds)
                out, err, rc = common.run(
                    self.gloss, ["-d", self.root] + list(c), self.env)
                if rc < 0 or any(b in err for b in BAD) or \
                        sum(b"index" in l for l in err.splitlines()) > 1:
                    bad.append((c, rc, err[:300]))
        ts = [threading.Thread(target=worker, args=(self.rng.random(),))
              for _ in range(workers)]
        for t in ts:
            t.start()
        while time.monotonic() < stop:
            self.write_term(self.rng.randrange(len(self.names)))
            time.sleep(self.rng.uniform(0, 0.02))
        for t in ts:
            t.join()
        if bad:
            self.failed["race"] = self.failed.get("race", 0) + 1
            if self.verbose:
                print("race: %r" % (bad[0],))
            return
        self.ref = self.reference()
        self.check("race")


def run_trials(gloss, trials, seed, files, verbose):
    rng = random.Random(seed)
    tmp = tempfile.mkdtemp(prefix="gloss-faults-")
    try:
        f = Faults(gloss, rng, tmp, files)
        f.verbose = verbose
        t0 = time.monotonic()
        f.wipe()
        f.warm()
        f.cold = time.monotonic() - t0
        for _ in range(trials):
            f.t_kill()
        for _ in range(trials):
            f.damage("corrupt")
        for _ in range(max(1, trials // 10)):
            f.damage("truncate")
            f.damage("foreign")
        f.t_unwritable()
        for _ in range(4):
            f.t_full()
        for _ in range(max(1, trials // 100)):
            f.t_race()
        return f.passed, f.failed
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def summary(passed, failed):
    kinds = sorted(set(passed) | set(failed))
    for k in kinds:
        print("  %-10s %d passed, %d failed" % (k, passed.get(k, 0),
                                              failed.get(k, 0)))
    p, f = sum(passed.values()), sum(failed.values())
    print("%d passed, %d failed" % (p, f))
    return f


def self_test(gloss):
    tmp = tempfile.mkdtemp(prefix="gloss-faults-self-")
    try:
        honest, stale = common.make_fakes(gloss, tmp)
        _, f1 = run_trials(honest, 3, 1, 40, False)
        _, f2 = run_trials(stale, 3, 1, 40, False)
        print("honest fake: %d failed (want none); stale fake: %d failed "
              "(want some)" % (sum(f1.values()), sum(f2.values())))
        return 0 if not f1 and f2 else 1
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gloss", default="./gloss")
    ap.add_argument("--trials", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--files", type=int, default=300)
    ap.add_argument("--self-test", action="store_true")
    ap.add_argument("-v", "--verbose", action="store_true")
    a = ap.parse_args()
    if a.self_test:
        sys.exit(self_test(a.gloss))
    if not common.has_no_cache(a.gloss):
        common.skip("index-faults")
    passed, failed = run_trials(a.gloss, a.trials, a.seed, a.files,
                                a.verbose)
    sys.exit(1 if summary(passed, failed) else 0)


if __name__ == "__main__":
    main()
