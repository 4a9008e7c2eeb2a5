#!/usr/bin/env python3
"""Differential test: gloss against model.py on generated term files.

    run.py [-n N] [--seed S ...] [--broken-share F] [--gloss PATH]
           [--keep DIR] [--no-minimise] [--save-cases DIR]

For each seed, N files (a share of them broken) are written by gen.py
into directories of --batch files; gloss runs twice per directory
(`-f json list` for the terms, `check -f json` for the diagnostics) and
each file's result is compared with model.py's. Differences are counted
by KIND; one example of each kind is shrunk line by line (gloss run on
the one file) and printed. Kinds that README.md's table of documented
differences names are explained and not counted; any other difference
makes the exit status 1.
"""

import argparse
import collections
import fnmatch
import json
import os
import random
import re
import shutil
import subprocess
import sys
import unicodedata
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen  # noqa: E402
import model as M  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
# Output-only keys: not SPEC 1's business.
IGNORED = {"file", "line", "col", "match", "snippet", "lang", "code",
           "body", "mentions", "score"}
STRING_FIELDS = ("term", "category", "vertical", "pronunciation")
LIST_FIELDS = ("aliases", "categories", "tags", "examples", "related")
ROW_OF = {"term": "name", "category": "categories"}
# Diagnostics about one file's relation to others (SPEC 1's names, not its
# YAML): the generator cannot keep random aliases and related names
# apart, so these are not compared.
CROSS_FILE = re.compile(r"^related term|is also an alias in|is the name of "
                        r"a term in|lists itself as related|same name|"
                        r"^duplicate term")


# Kinds caused by SPEC 1's key table (issue 10: the other keys of a row,
# keys in any letter case, lists of categories, tags, a description from
# the body), not by YAML.  `--only issue11` shows them as filtered and
# does not count them; the model still checks every file for them.
ISSUE10_KINDS = ("keytable:*", "missing-key:categories", "missing-key:tags")


def known_kinds():
    """The documented differences: README.md's table, one list."""
    with open(os.path.join(HERE, "README.md"), encoding="utf-8") as f:
        text = f.read()
    m = re.search(r"<!-- known:begin -->(.*)<!-- known:end -->", text, re.S)
    out = []
    for row in (m.group(1) if m else "").splitlines():
        k = re.match(r"\|\s*`([^`]+)`\s*\|", row)
        if k:
            out.append(k.group(1))
    return out


def norm_msg(msg):
    msg = re.sub(r"'[^']*'", "'*'", msg)
    return re.sub(r"[0-9]+", "N", msg)


def gkind(msg):
    """The kind of one of gloss's warnings, from its words outside the
    quotes (so that a key named 'tags' does not make a tag warning)."""
    words = re.sub(r"'[^']*'", "", msg).lower()
    subject = re.search(r"'([^']*)'", msg)
    if "duplicate" in words or "given twice" in words:
        return "dup"
    if "detail" in words or (subject and
                             subject.group(1).lower() == "details"):
        return "detail"
    if re.search(r"\btag\b", words):
        return "tag"
    if re.search(r"null|mapping|ignored|must be", words):
        return "field"
    return "other"


def isint(x):
    return isinstance(x, int) and not isinstance(x, bool)


def match_leaf(v, got):
    """True, False, or the name of an open (documented) outcome."""
    if isinstance(v, M.Big):
        return (isint(got) and got == v.v) or got in (str(v.v), v.text)
    if isinstance(v, M.NonFinite):
        if got is None:
            return "open:nonfinite-null"
        if isinstance(got, str):
            return "open:nonfinite-string"
        return False
    if isinstance(v, M.LeadZero):
        if isint(got) and got == v.v:
            return True
        return "open:leadzero-string" if got == v.text else False
    if v is None or isinstance(v, bool):
        return got is v
    if isint(v):
        return isint(got) and got == v
    if isinstance(v, float):
        return (isint(got) or isinstance(got, float)) and float(got) == v
    return got == v


def cmp_value(exp, got):
    """None, or (feature, detail) of the first difference."""
    if isinstance(exp, M.FirstWins):
        d = cmp_value(exp.v, got)
        if d and d[0].startswith("open:"):
            return d  # the first value, in a documented form
        return d and ("dup-first-wins", d[1])
    if isinstance(exp, M.Leaf):
        r = match_leaf(exp.v, got)
        if r is True:
            return None
        if r is False:
            return (exp.feature, "expected %s, got %s" % (
                json.dumps(M.plain(exp.v), ensure_ascii=False),
                json.dumps(got, ensure_ascii=False)))
        return (r, "got %s" % json.dumps(got, ensure_ascii=False))
    if isinstance(exp, list):
        if not isinstance(got, list) or len(got) != len(exp):
            return ("shape-list", "expected %s, got %s" % (
                json.dumps(M.plain(exp), ensure_ascii=False),
                json.dumps(got, ensure_ascii=False)))
        for e, g in zip(exp, got):
            d = cmp_value(e, g)
            if d:
                return d
        return None
    if not isinstance(got, dict) or set(got) != set(exp):
        return ("shape-map", "expected %s, got %s" % (
            json.dumps(M.plain(exp), ensure_ascii=False),
            json.dumps(got, ensure_ascii=False)))
    for k in exp:
        d = cmp_value(exp[k], got[k])
        if d:
            return d
    return None


def strip_all(x):
    if isinstance(x, str):
        return x.strip()
    if isinstance(x, list):
        return [strip_all(i) for i in x]
    if isinstance(x, dict):
        return {k: strip_all(v) for k, v in x.items()}
    return x


def cjk_unfolded(text):
    """text without a space between two Chinese or Japanese characters:
    what gloss shows of a description folded over lines there (a page
    shows no space where such a line broke; Hangul keeps its spaces)."""
    def wide(c):
        o = ord(c)
        hangul = (0x1100 <= o <= 0x11ff or 0x3130 <= o <= 0x318f or
                  0xa960 <= o <= 0xa97f or 0xac00 <= o <= 0xd7ff or
                  0xffa0 <= o <= 0xffdc)
        return not hangul and (0xff61 <= o <= 0xff9f or
                               unicodedata.east_asian_width(c) in "WF")
    return re.sub(r"(?<=(.)) (?=(.))",
                  lambda m: "" if wide(m.group(1)) and wide(m.group(2))
                  else " ", text)


def cmp_field(k, exp, got):
    if k == "description":
        if isinstance(got, str) and M.norm_ws(got) == exp:
            return None
        # Where the fold was a line break between such characters (the
        # model cannot tell a fold from a space written on one line).
        if isinstance(got, str) and isinstance(exp, str) and \
                cjk_unfolded(M.norm_ws(got)) == cjk_unfolded(exp):
            return "open:cjk-fold"
        return "differs"
    if k == "details" and got is None:
        got = []
    if got == exp:
        return None
    if k != "term" and strip_all(got) == strip_all(exp):
        return "open:trim"
    if k in LIST_FIELDS and isinstance(got, list) and len(set(exp)) < len(
            exp) and strip_all(got) == list(dict.fromkeys(exp)):
        return "open:dedupe"
    return "differs"


def compare(res, gobj, gdiags):
    """[(kind, detail)] for one file."""
    if gobj is None and res["ok"] and any(
            d["message"].startswith("duplicate term") for d in gdiags):
        # Two files whose names fold alike (`null`, `NULL`): SPEC 1 keeps
        # the first in path order; names are only unique as generated.
        return []
    gdiags = [d for d in gdiags if not CROSS_FILE.search(d["message"])]
    errors = [d for d in gdiags if d["level"] == "error"]
    if not res["ok"]:
        if gobj is not None:
            return [("accepted-broken:" + res["why"], "loaded as %r" %
                     gobj.get("term"))]
        if any(d["line"] in res["lines"] for d in errors):
            return []
        got = ["%d:%d %s" % (d["line"], d["col"], d["message"])
               for d in errors]
        return [("error-line:" + res["why"], "expected line %s, got %s" %
                 (sorted(res["lines"]), got or "no error"))]
    if gobj is None:
        msg = errors[0]["message"] if errors else "no diagnostic"
        notes = res.get("notes", {})
        why = notes.get("name", "") + "+" + notes.get("description", "")
        for feature in ("key-case", "alt-key", "body"):
            if feature in why.split("+") or (feature == "key-case" and (
                    {"name", "description"} & res.get("keycase", set()))):
                return [("keytable:" + feature, "rejected: " + msg)]
        return [("rejected:" + norm_msg(msg), msg)]
    out = []
    exp = res["obj"]
    notes = res.get("notes", {})
    for k, e in exp.items():
        spec = k in STRING_FIELDS + LIST_FIELDS + ("description",
                                                   "details")
        if spec:
            keycase = ROW_OF.get(k, k) in res.get("keycase", ())
            if k not in gobj and not (k == "details" and e == []):
                out.append(("keytable:key-case" if keycase else
                            "missing-key:" + k, k))
                continue
            r = cmp_field(k, e, gobj.get(k))
            if r == "differs":
                note = notes.get(ROW_OF.get(k, k), "") or "plain"
                if keycase or ("detail" in note.split("+") and "details" in
                               res.get("keycase", ())):
                    note += "+key-case"
                kind = "field:%s:%s" % (k, note)
                if k in ("category", "categories") and note == "list":
                    note = "category-list"
                for feature in ("key-case", "alt-key", "comma-string",
                                "category-list"):
                    if feature in note.split("+"):
                        kind = "keytable:" + feature
                        break
                out.append((kind, "%s: expected %s, got %s" % (
                    k, json.dumps(M.plain(e), ensure_ascii=False),
                    json.dumps(gobj.get(k), ensure_ascii=False))))
            elif r:
                out.append((r, k))
            continue
        if k not in gobj:
            out.append(("passed-missing:" + ("empty-key" if k == ""
                                             else "key"), repr(k)))
            continue
        d = cmp_value(e, gobj[k])
        if d:
            kind = d[0] if d[0].startswith("open:") else "passed:" + d[0]
            out.append((kind, "%s: %s" % (k, d[1])))
    for k in gobj:
        if k not in exp and k not in IGNORED and k != "details":
            what = "extra-key:other"
            if k.lower() in M.CONSUMED:
                what = "keytable:key-case" if k != dict(M.CANON).get(
                    k.lower(), k.lower()) else "keytable:alt-key"
            out.append((what, "passed through: %r" % k))
    out += cmp_warnings(res["warnings"], [d for d in gdiags
                                          if d["level"] == "warning"],
                        notes.get("categories"))
    for d in errors:
        out.append(("error-on-loaded:" + norm_msg(d["message"]),
                    d["message"]))
    return out


def same(gk, d, w):
    """Whether gloss's warning d may be the expected warning w."""
    if gk != w["kind"]:
        return False
    m = re.search(r"'([^']*)'", d["message"])
    if w.get("subject") is None or not m:
        return True
    return m.group(1).lower() == w["subject"].lower()


def cmp_warnings(expw, gotw, catnote=None):
    out = []
    left = [(gkind(d["message"]), d) for d in gotw]
    pending = []
    for w in expw:
        for i, (gk, d) in enumerate(left):
            if same(gk, d, w) and d["line"] in w["lines"]:
                del left[i]
                break
        else:
            if not w.get("optional"):
                pending.append(w)
    pending2 = []
    for w in pending:
        tag = "%s/%s" % (w["kind"], w["note"])
        for feature in ("key-case", "alt-key"):
            if "+" + feature in tag:
                out.append(("keytable:" + feature, "warning " + tag))
                break
        else:
            pending2.append((w, tag))
    for w, tag in pending2:
        for i, (gk, d) in enumerate(left):
            if same(gk, d, w):
                del left[i]
                out.append(("warn-line:" + tag, "expected line %s, got %d"
                            % (sorted(w["lines"]), d["line"])))
                break
        else:
            out.append(("warn-missing:" + tag, "line %s" %
                        sorted(w["lines"])))
    for gk, d in left:
        if catnote == "list" and gk == "field" and "'category'" in \
                d["message"]:
            out.append(("keytable:category-list", d["message"]))
            continue
        out.append(("warn-extra:%s:%s" % (gk, norm_msg(d["message"])),
                    "%d: %s" % (d["line"], d["message"])))
    return out


class Gloss:
    def __init__(self, path, tmp):
        self.path = path
        self.env = dict(os.environ)
        for v in ("GLOSS_PATH", "GLOSS_LANG", "LANGUAGE", "LC_MESSAGES"):
            self.env.pop(v, None)
        self.env.update(XDG_CACHE_HOME=os.path.join(tmp, "cache"),
                        XDG_CONFIG_HOME=os.path.join(tmp, "config"),
                        XDG_DATA_HOME=os.path.join(tmp, "data"),
                        LC_ALL="C.UTF-8", NO_COLOR="1")

    def run(self, d):
        """({basename: object}, {basename: [diagnostic]}) for one dir."""
        p = subprocess.run([self.path, "-d", d, "-f", "json", "list"],
                           capture_output=True, env=self.env, timeout=300)
        objs = {}
        if p.stdout.strip():
            for o in json.loads(p.stdout, parse_constant=bad_constant):
                objs[os.path.basename(o["file"])] = o
        p = subprocess.run([self.path, "-d", d, "check", "-f", "json"],
                           capture_output=True, env=self.env, timeout=300)
        diags = collections.defaultdict(list)
        if p.stdout.strip():
            for dg in json.loads(p.stdout):
                diags[os.path.basename(dg.get("file", ""))].append(dg)
        return objs, diags


def bad_constant(c):
    return "<invalid JSON constant %s>" % c


def generate(seed, n, share, batch, root):
    """Write the files; returns [(dir, name, text)]."""
    out = []
    for i in range(n):
        broken = random.Random("%d/%d/share" % (seed, i)).random() < share
        rng = random.Random("%d/%d/%s" % (seed, i, broken))
        text = (gen.gen_broken if broken else gen.gen_valid)(rng, i, batch)
        d = os.path.join(root, "s%d-%03d" % (seed, i // batch))
        os.makedirs(d, exist_ok=True)
        name = ("b%05d.md" if broken else "t%05d.md") % i
        with open(os.path.join(d, name), "w", encoding="utf-8",
                  newline="") as f:
            f.write(text)
        out.append((d, name, text))
    return out


def check_one(gloss, tmp, text):
    """The kinds found for one file alone (for shrinking)."""
    d = tempfile.mkdtemp(dir=tmp)
    with open(os.path.join(d, "t00001.md"), "w", encoding="utf-8",
              newline="") as f:
        f.write(text)
    objs, diags = gloss.run(d)
    shutil.rmtree(d)
    res = M.model(text)
    return res, {k for k, _ in compare(res, objs.get("t00001.md"),
                                      diags.get("t00001.md", []))}


def spans(lines, end):
    """Line ranges to try dropping: each top-level key with what it holds,
    then each line alone; last first."""
    out = []
    for i in range(end - 1, 0, -1):
        if not lines[i][:1].isspace():
            j = i + 1
            while j < end and (lines[j][:1].isspace() or not lines[j].strip()):
                j += 1
            if j > i + 1:
                out.append((i, j))
    return out + [(i, i + 1) for i in range(end - 1, 0, -1)]


def shrink(gloss, tmp, text, kind):
    """Drop front-matter lines while the file stays valid and shows kind."""
    def keeps(t):
        try:
            res, kinds = check_one(gloss, tmp, t)
        except Exception:  # the model refuses what the generator never makes
            return False
        return kind in kinds and (res["ok"] or kind.startswith(
            ("error-line", "accepted-broken")))
    for alt in (lambda t: t.lstrip("\ufeff"),
                lambda t: t.replace("\r\n", "\n"),
                lambda t: re.sub(r"(?s)(\n(---|\.\.\.)\r?\n).*",
                                 r"\1Body text.\n", t, count=1)):
        if alt(text) != text and keeps(alt(text)):
            text = alt(text)
    changed = True
    while changed:
        changed = False
        lines = text.splitlines(keepends=True)
        end = next((i for i in range(1, len(lines))
                    if lines[i].rstrip("\r\n") in ("---", "...")), 0)
        for i, j in spans(lines, end):
            t = "".join(lines[:i] + lines[j:])
            if keeps(t):
                text, changed = t, True
                break
    return text


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-n", type=int, default=500, help="files per seed")
    ap.add_argument("--seed", type=int, action="append")
    ap.add_argument("--broken-share", type=float, default=0.2)
    ap.add_argument("--batch", type=int, default=500)
    ap.add_argument("--gloss", default=os.environ.get("GLOSS", "./gloss"))
    ap.add_argument("--keep", help="generate into DIR and keep it")
    ap.add_argument("--no-minimise", action="store_true")
    ap.add_argument("--save-cases", help="write the shrunk examples here")
    ap.add_argument("--report", help="write the findings as JSON here")
    ap.add_argument("--cases", help="check the regression files in DIR")
    ap.add_argument("--only", choices=("issue11",),
                    help="issue11: do not count the issue-10 kinds (%s)"
                    % ", ".join(ISSUE10_KINDS))
    a = ap.parse_args()
    seeds = a.seed or [1]
    tmp = tempfile.mkdtemp(prefix="yamldiff.")
    if a.cases:
        try:
            return run_cases(a, tmp)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    root = a.keep or os.path.join(tmp, "files")
    gloss = Gloss(os.path.abspath(a.gloss), tmp)
    known = known_kinds()
    filtered = list(ISSUE10_KINDS) if a.only == "issue11" else []
    counts = collections.Counter()
    example = {}
    total = 0
    try:
        for seed in seeds:
            files = generate(seed, a.n, a.broken_share, a.batch, root)
            total += len(files)
            bydir = collections.defaultdict(list)
            for d, name, text in files:
                bydir[d].append((name, text))
            for d, items in sorted(bydir.items()):
                objs, diags = gloss.run(d)
                for name, text in items:
                    res = M.model(text)
                    kinds = compare(res, objs.get(name), diags.get(name, []))
                    for kind in {k for k, _ in kinds}:
                        counts[kind] += 1
                        detail = next(x for k, x in kinds if k == kind)
                        old = example.get(kind)
                        if old is None or len(text) < len(old[1]):
                            example[kind] = (name, text, detail, seed)
        report(a, gloss, tmp, known, filtered, counts, example, total)
        bad = [k for k in counts if not is_known(k, known + filtered)]
        return 1 if bad else 0
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def run_cases(a, tmp):
    """Each regression file alone: 0 when none shows an unexplained kind."""
    gloss = Gloss(os.path.abspath(a.gloss), tmp)
    known = known_kinds()
    if a.only == "issue11":
        known += list(ISSUE10_KINDS)
    bad = 0
    names = sorted(n for n in os.listdir(a.cases) if n.endswith(".md"))
    for name in names:
        with open(os.path.join(a.cases, name), encoding="utf-8",
                  newline="") as f:
            text = f.read()
        _, kinds = check_one(gloss, tmp, text)
        kinds = sorted(k for k in kinds if not is_known(k, known))
        bad += bool(kinds)
        print("%-4s %s%s" % ("FAIL" if kinds else "ok", name,
                             ": " + ", ".join(kinds) if kinds else ""))
    print("yamldiff: %d of %d regression files differ" % (bad, len(names)))
    return 1 if bad else 0


def is_known(kind, known):
    return any(fnmatch.fnmatchcase(kind, p) for p in known)


def report(a, gloss, tmp, known, filtered, counts, example, total):
    def state(kind):
        if is_known(kind, known):
            return "explained"
        return "filtered" if is_known(kind, filtered) else "DIFF"
    unexplained = sum(c for k, c in counts.items() if state(k) == "DIFF")
    print("yamldiff: %d files, seeds %s; %d difference kinds, %d unexplained"
          "%s" % (total, ",".join(map(str, a.seed or [1])), len(counts),
                  len([k for k in counts if state(k) == "DIFF"]),
                  ", %d filtered (issue 10)" % len(
                      [k for k in counts if state(k) == "filtered"])
                  if filtered else ""))
    findings = []
    for kind, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        expl = state(kind) != "DIFF"
        name, text, detail, seed = example[kind]
        if not a.no_minimise and not expl and not M.BROKEN_RE.search(text):
            text = shrink(gloss, tmp, text, kind)
            res, kinds = check_one(gloss, tmp, text)
        print("\n%-9s %5d  %s" % (state(kind), n, kind))
        print("  e.g. seed %d %s: %s" % (seed, name, detail))
        if not expl:
            for ln in text.splitlines():
                print("  | " + ln.replace("\r", "\\r"))
        findings.append({"kind": kind, "count": n, "explained": expl,
                         "seed": seed, "file": name, "detail": detail,
                         "example": text})
    print("\nyamldiff: %d unexplained differences in %d files" %
          (unexplained, total))
    if a.report:
        with open(a.report, "w", encoding="utf-8") as f:
            json.dump(findings, f, indent=1, ensure_ascii=False)
    if a.save_cases:
        save_cases(a.save_cases, findings)


def save_cases(outdir, findings):
    os.makedirs(outdir, exist_ok=True)
    for f in findings:
        if f["explained"]:
            continue
        slug = re.sub(r"[^A-Za-z0-9]+", "-", f["kind"]).strip("-")[:60]
        path = os.path.join(outdir, slug + ".md")
        with open(path, "w", encoding="utf-8", newline="") as fh:
            fh.write(f["example"])
        res = M.model(f["example"])
        with open(path[:-3] + ".expect.json", "w", encoding="utf-8") as fh:
            json.dump({"kind": f["kind"], "gloss_did": f["detail"],
                       "model": M.describe(res)}, fh, indent=1,
                      ensure_ascii=False, sort_keys=True)
            fh.write("\n")


if __name__ == "__main__":
    sys.exit(main())
