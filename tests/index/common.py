"""Shared by the index harnesses: a random glossary, gloss runs, fakes.

Nothing here knows how the index works: a run is argv in, stdout, stderr
and exit status out, with the index (a private XDG_CACHE_HOME) or without
it (--no-cache).
"""

import os
import random
import shutil
import stat
import subprocess
import sys
import tempfile

WORDS = ("revenue churn pipeline quota partner renewal invoice seat trial "
         "forecast discount margin cohort funnel lead account contract "
         "expansion retention billing usage tier bundle channel referral "
         "onboarding champion procurement velocity coverage").split()
CATEGORIES = ("Revenue", "Sales", "Partners", "Billing", "Über Straße")
NAMES = ["%s %s" % (a.capitalize(), b) for a in WORDS[:12]
         for b in ("rate", "cycle", "score")]


def settled_env(cache):
    """An environment with nothing of the caller's: only our cache."""
    home = os.path.dirname(cache)
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": home, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8",
            "XDG_CACHE_HOME": cache,
            "XDG_CONFIG_HOME": os.path.join(home, "config"),
            "XDG_DATA_HOME": os.path.join(home, "data"),
            "XDG_DATA_DIRS": os.path.join(home, "none"),
            "COLUMNS": "80"}
    if "IXCAT_HITS" in os.environ:  # see tests/index/ixcat.c
        env["IXCAT_HITS"] = os.environ["IXCAT_HITS"]
    for v in ("ASAN_OPTIONS", "UBSAN_OPTIONS", "TSAN_OPTIONS"):
        if v in os.environ:  # a sanitizer build under test
            env[v] = os.environ[v]
    return env


FAKETIME_LIB = "/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1"


def future_env(env):
    """env for a gloss that believes it runs 10 s from now (libfaketime;
    the files' own times are left as they are): every file is then
    settled, past the racy window, so the rows and the snapshot of the
    index are used on every run instead of only after a pause."""
    if not os.path.exists(FAKETIME_LIB):
        sys.exit("%s is missing: apt-get install faketime" % FAKETIME_LIB)
    if "TSAN_OPTIONS" in env:
        # libfaketime's constructor allocates before TSan's runtime is
        # ready, and the process hangs at its start.
        sys.exit("a ThreadSanitizer build cannot run under libfaketime")
    env = dict(env)
    env.update({"LD_PRELOAD": FAKETIME_LIB, "FAKETIME": "+10s",
                "NO_FAKE_STAT": "1"})
    # An ASan build wants its runtime first; the preloaded clock is not
    # instrumented and needs no checking.
    env["ASAN_OPTIONS"] = ":".join(
        x for x in (env.get("ASAN_OPTIONS"), "verify_asan_link_order=0") if x)
    return env


def run(gloss, args, env, cache=True, timeout=60, preexec=None):
    argv = [gloss] + ([] if cache else ["--no-cache"]) + list(args)
    p = subprocess.run(argv, env=env, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, timeout=timeout,
                       preexec_fn=preexec)
    return (p.stdout, p.stderr, p.returncode)


def has_no_cache(gloss):
    """Whether gloss knows --no-cache yet (the index is wired in)."""
    try:
        p = subprocess.run([gloss, "--no-cache", "--version"],
                           stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL, timeout=30)
    except OSError:
        return False
    return p.returncode == 0


def term_text(rng, name, names):
    """A term file: mostly valid, sometimes broken in one of many ways."""
    words = lambda n: " ".join(rng.choice(WORDS) for _ in range(n))
    fm = ["term: %s" % name]
    if rng.random() < 0.1:  # a derived alias: the part in parentheses
        fm = ["term: %s (%s)" % (name, "".join(
            w[0].upper() for w in name.split()))]
    if rng.random() < 0.5:
        fm.append("aliases: [%s]" % ", ".join(
            "%s %s" % (rng.choice(WORDS), rng.choice(WORDS))
            for _ in range(rng.randint(1, 3))))
    if rng.random() < 0.8:
        fm.append("category: %s" % rng.choice(CATEGORIES))
    fm.append("description: %s." % words(rng.randint(3, 12)))
    if names and rng.random() < 0.6:
        fm.append("related: [%s]" % ", ".join(
            rng.sample(names, min(len(names), rng.randint(1, 3)))))
    if rng.random() < 0.1:
        fm.append("tags: [%s, 12, true, ~]" % rng.choice(WORDS))
    if rng.random() < 0.1:
        fm.append("lang: %s" % rng.choice(["en", "de", "ja"]))
    if rng.random() < 0.1:
        fm.append("id: %s-%d" % (rng.choice(WORDS), rng.randint(1, 9)))
    body = "%s.\n" % words(rng.randint(5, 40))
    if names and rng.random() < 0.3:
        # mentions: what table_index resolves to names across files
        other = rng.choice(names)
        body += rng.choice([
            "See [%s](../%s/).\n" % (other, other.lower()),
            '{{< glossary_tooltip text="%s" term_id="%s" >}}\n'
            % (other, other.lower().replace(" ", "-"))])
    extra = rng.random()
    if extra < 0.1:  # markup the search reads reduced
        body += "See <b>%s</b> and [%s](x.md) &amp; %s.\n" % (
            words(2), words(1), words(2))
    elif extra < 0.2:  # camelCase parts, stopwords, capitals, not ASCII
        body += "The %sRate of the %s; Über %s, naïve %s.\n" % (
            rng.choice(WORDS).capitalize(), words(2),
            rng.choice(WORDS).upper(), words(1))
    if rng.random() < 0.3:
        body += "\n## Examples\n\n- %s\n- %s\n" % (words(6), words(4))
    text = "---\n%s\n---\n%s" % ("\n".join(fm), body)
    r = rng.random()
    if r < 0.04:
        text = text.replace("term:", "termm:", 1)  # unknown key
    elif r < 0.07:
        text = text.replace("\n---\n", "\n", 1)  # never closed
    elif r < 0.10:
        text = text.replace("description:", "description: [", 1)
    elif r < 0.12:
        text = "no front matter, just %s\n" % words(5)
    elif r < 0.13:
        text = text.replace("term:", "term: &a", 1)
    return text.encode()


def write(path, data, mode=0o644):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)
    os.chmod(path, mode)


def files_of(root):
    """Every regular .md file below root, relative, sorted."""
    out = []
    for d, dirs, files in os.walk(root):
        for f in files:
            p = os.path.join(d, f)
            if f.endswith(".md") and os.path.isfile(p):
                out.append(os.path.relpath(p, root))
    return sorted(out)


def make_glossary(rng, root, n):
    names = rng.sample(NAMES, min(n, len(NAMES)))
    for i, name in enumerate(names):
        sub = rng.choice(["", "", "a", "b/c", "x.md"])
        slug = name.lower().replace(" ", "-")
        write(os.path.join(root, sub, slug + ".md"),
              term_text(rng, name, names))
    return names


def names_in(root):
    """The names written as `term:' in the glossary now (for commands)."""
    out = []
    for rel in files_of(root):
        try:
            with open(os.path.join(root, rel), "rb") as f:
                for line in f.read().decode("utf-8", "replace").split("\n"):
                    if line.startswith("term: "):
                        out.append(line[6:].lstrip("&a ").strip())
                        break
        except OSError:
            pass
    return out


FAKE_HONEST = """#!/bin/sh
# Knows --no-cache and ignores it: cached and uncached always agree.
for a in "$@"; do shift; [ "$a" = --no-cache ] || set -- "$@" "$a"; done
exec "%s" "$@"
"""

FAKE_STALE = """#!/bin/sh
# A cache keyed by the arguments alone: stale after any change.
nc=0
for a in "$@"; do shift
  if [ "$a" = --no-cache ]; then nc=1; else set -- "$@" "$a"; fi; done
[ "$1" = --version ] && exec "%s" --version
[ $nc = 1 ] && exec "%s" "$@"
key=$(printf '%%s\\n' "$@" | cksum | cut -d' ' -f1)
d="$XDG_CACHE_HOME/fake"; mkdir -p "$d"
if [ ! -f "$d/$key.rc" ]; then
  "%s" "$@" >"$d/$key.out" 2>"$d/$key.err"; echo $? >"$d/$key.rc"; fi
cat "$d/$key.out"; cat "$d/$key.err" >&2; exit $(cat "$d/$key.rc")
"""


def make_fakes(gloss, where):
    """Two stand-ins for a gloss with an index: an honest and a stale one,
    to show that a harness passes the one and catches the other."""
    g = os.path.abspath(gloss)
    out = []
    for name, body in (("honest", FAKE_HONEST % g),
                       ("stale", FAKE_STALE % (g, g, g))):
        p = os.path.join(where, "gloss-" + name)
        with open(p, "w") as f:
            f.write(body)
        os.chmod(p, 0o755)
        out.append(p)
    return out


def skip(what):
    print("%s: skipped: waiting for 'gloss --no-cache' (the index is not "
          "wired into the loader yet)" % what)
    sys.exit(0)
