#!/usr/bin/env python3
"""Seeded generator of random term files for the YAML differential test.

Valid files exercise every YAML feature SPEC 1 cares about: quoting
styles and escapes, block scalars with every chomping and indentation
indicator, flow and block collections, comments, explicit and unknown
tags, CRLF, BOM, keys given twice (the empty key included), the YAML 1.2
core schema's typed plain scalars and the YAML 1.1-only look-alikes that
must stay strings, and every row of SPEC 1's key table.

Broken files (--broken) each hold one fault whose cause line is known;
the body carries it as `<!-- yamldiff broken KIND lines A,B -->`, where
A,B are the file lines (counted from 1) an error may honestly name.

    gen.py [--seed S] [--count N] [--broken] [--start I] OUTDIR

The generator knows nothing of gloss's source; what a file must load as
is model.py's business, from the file alone.
"""

import argparse
import os
import random
import re

WORDS = ("alpha beta gamma delta churn revenue pipeline quota lead "
         "funnel cohort margin ledger accrual tenant cluster node pod "
         "yes no on off y n café naïve straße 日本語 kanji émigré "
         "ok data value cost price rate ARR MRR").split()
# Words safe at the start of a plain scalar and never typed by 1.2.
SAFE = [w for w in WORDS if w not in ("yes", "no", "on", "off", "y", "n")]

NULLS = ["null", "Null", "NULL", "~"]
BOOLS = ["true", "True", "TRUE", "false", "False", "FALSE"]
INTS = ["0", "42", "-17", "+5", "0o17", "0o0", "0x1F", "0xff", "0xDEAD",
        "9223372036854775807", "9223372036854775808",
        "-9223372036854775808", "-9223372036854775809",
        "99999999999999999999", "-123456789012345678901234567890",
        "0x1FFFFFFFFFFFFFFFFFFFF", "0o7777777777777777777777777"]
FLOATS = ["1.5", ".5", "-2.25", "1e3", "1E-2", "+1.5e+3", "3.", "-.5",
          "0.1", "1.0", "6.02e23", ".inf", "-.Inf", "+.INF", ".NaN",
          ".nan", ".NAN"]
# Strings under YAML 1.2 that YAML 1.1 (or a sloppy typer) would type.
LOOKALIKES = ["yes", "no", "on", "off", "Yes", "ON", "y", "n", "0b101",
              "1_000", "1:30", "12:30:00", "2001-12-14", "nULL", "tRUE",
              "Inf", ".Nan", "-0x1F", "+0o17", "0o8", "0xG", "1,000",
              "=", "1e", "e3", ".", "+", "-.inf.", "0x"]
# Decimal integers with a leading zero: int under 1.2, string under 1.1.
LEADZERO = ["08", "0777", "007", "-01"]

ROWS = {
    "name": ["term", "title"],
    "description": ["description", "short_description", "summary",
                    "definition", "excerpt"],
    "aliases": ["aliases", "aka", "synonyms", "abbreviation",
                "abbreviations", "acronym"],
    "categories": ["category", "categories"],
    "tags": ["tags", "keywords"],
    "vertical": ["vertical", "industry"],
    "pronunciation": ["pronunciation"],
    "examples": ["example", "examples"],
    "related": ["related", "related_terms", "relatedTerms", "see_also",
                "seeAlso"],
}
PASSKEYS = ["icon", "weight", "price", "color", "status", "version",
            "owner", "level", "rank", "note", "source", "updated",
            "flag", "count", "ratio", "extra", "meta", "opts"]
SPECIAL_NAMES = ["!!str null", "!!str true", "!!str 42", "'NULL'",
                 "!!str 1.5", "\"\\u0046ALSE\""]


class FM:
    """Front matter under construction: lines, without the fences."""

    def __init__(self, rng):
        self.rng = rng
        self.lines = []
        self.keys = []

    def add(self, *lines):
        for ln in lines:
            m = re.match(r"([A-Za-z_]+):", ln)
            if m and m.group(1) not in self.keys:
                self.keys.append(m.group(1))
        self.lines.extend(lines)


def words(rng, lo=1, hi=4):
    out = [rng.choice(SAFE)]
    out += [rng.choice(WORDS) for _ in range(rng.randint(lo, hi) - 1)]
    return " ".join(out)


def sq(s):
    return "'" + s.replace("'", "''") + "'"


def dq(rng, s):
    """Double-quote s, escaping some characters in every 1.2 way."""
    out = []
    for ch in s:
        r = rng.random()
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\n":
            out.append("\\n")
        elif ord(ch) > 0xFFFF:
            out.append("\\U%08X" % ord(ch))
        elif r < 0.08 and ord(ch) < 0x80 and ch.isalnum():
            out.append("\\x%02x" % ord(ch))
        elif r < 0.16 and ch.isalpha():
            out.append("\\u%04X" % ord(ch))
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def strtext(rng):
    """Text for a quoted string: words, maybe a tab, newline, emoji."""
    s = words(rng)
    r = rng.random()
    if r < 0.15:
        s += "\t" + words(rng, 1, 2)
    elif r < 0.3:
        s += "\n" + words(rng, 1, 2)
    elif r < 0.4:
        s += " \U0001F600 é"
    elif r < 0.5:
        s += " it's \"quoted\" \\ back"
    return s


def comment(rng):
    return "  # " + words(rng, 1, 3) if rng.random() < 0.2 else ""


def inline_string(rng, text=None, styles="psd"):
    """A string scalar on one line: plain, single- or double-quoted."""
    st = rng.choice(styles)
    if text is None:
        text = words(rng) if st == "p" else strtext(rng)
    if st == "p":
        return text
    if st == "s" and "\n" not in text and "\t" not in text:
        return sq(text)
    return dq(rng, text)


def block_scalar(rng, indent, text_lines=None):
    """A block scalar: (header, content lines) at the given indent."""
    style = rng.choice("|>")
    chomp = rng.choice(["", "-", "+"])
    ind = ""
    extra = 0
    if rng.random() < 0.3:
        extra = rng.randint(0, 2)
        ind = str(indent + extra) if indent + extra <= 9 else ""
        if not ind:
            extra = 0
    hdr = style + (ind + chomp if rng.random() < 0.5 else chomp + ind)
    if text_lines is None:
        text_lines = [words(rng, 2, 5) for _ in range(rng.randint(1, 3))]
        if len(text_lines) > 1 and rng.random() < 0.3:
            text_lines.insert(1, "")
    pad = " " * indent
    body = []
    for i, t in enumerate(text_lines):
        lead = " " * extra
        if ind and i > 0 and t and rng.random() < 0.3:
            lead = " " * (extra + 1)
        body.append(pad + lead + t if t else "")
    if chomp == "+" or rng.random() < 0.2:
        body += [""] * rng.randint(0, 2)
    return hdr + comment(rng), body


def typed_plain(rng):
    pool = rng.choice([NULLS, BOOLS, INTS, FLOATS, LOOKALIKES, LEADZERO,
                       INTS, FLOATS, LOOKALIKES])
    return rng.choice(pool)


def tagged(rng):
    return rng.choice([
        "!!str " + rng.choice(INTS + BOOLS + NULLS + FLOATS[:4]),
        "!!str", "!!int " + rng.choice(INTS[:8]),
        "!!int \"42\"", "!!float " + rng.choice(FLOATS[:6] + ["1", "-3"]),
        "!!bool " + rng.choice(BOOLS), "!!null " + rng.choice(NULLS),
        "!!null", "!!null ''",
        "!" + rng.choice(["foo", "custom", "x-tag"]) + " " +
        rng.choice(["3", "bar", "null", "true", "1.5", "a b"])])


def value_inline(rng, depth=0):
    """A passed-through value written on one line (scalar or flow)."""
    r = rng.random()
    if r < 0.35:
        v = typed_plain(rng)
        return v if depth == 0 or "," not in v else sq(v)
    if r < 0.5:
        t = tagged(rng)
        return t + " ''" if depth and t in ("!!str", "!!null") else t
    if r < 0.7:
        return inline_string(rng)
    if depth >= 2:
        return inline_string(rng)
    if r < 0.85:
        items = [value_inline(rng, depth + 1)
                 for _ in range(rng.randint(0, 3))]
        items = [i for i in items if i]
        return "[" + ", ".join(items) + "]"
    keys = rng.sample(["a", "b", "c", "k", "v"], rng.randint(0, 3))
    if keys and rng.random() < 0.2:
        keys.append(keys[0])
    items = ["%s: %s" % (k, value_inline(rng, depth + 1) or "~")
             for k in keys]
    return "{" + ", ".join(items) + "}"


def flowsafe(v):
    return v if v else "~"


def add_passed(fm, rng, key):
    r = rng.random()
    if r < 0.04:
        fm.add(key + ":" + comment(rng))
    elif r < 0.6:
        v = value_inline(fm.rng)
        fm.add("%s: %s%s" % (key, v, comment(rng) if v else ""))
    elif r < 0.75:
        hdr, body = block_scalar(rng, 2)
        fm.add("%s: %s" % (key, hdr), *body)
    elif r < 0.88:
        fm.add(key + ":")
        for _ in range(rng.randint(1, 3)):
            fm.add("  - " + flowsafe(value_inline(rng, 1)))
    else:
        fm.add(key + ":")
        keys = rng.sample(["a", "b", "c", "k", "v", ""], rng.randint(1, 3))
        if rng.random() < 0.3:
            keys.append(keys[0])
        for k in keys:
            kk = k if k else '""'
            fm.add("  %s: %s" % (kk, value_inline(rng, 1)))


def keycase(rng, k):
    r = rng.random()
    if r < 0.03:
        return k.upper()
    if r < 0.06:
        return k[0].upper() + k[1:]
    return k


def rowkey(rng, row, rare=0.08):
    keys = ROWS[row]
    k = keys[0] if rng.random() >= rare else rng.choice(keys)
    return keycase(rng, k)


def add_name(fm, rng, idx, batch):
    slot = idx % batch
    key = rowkey(rng, "name", 0.05)
    token = "q%dx" % idx
    if slot < len(SPECIAL_NAMES):
        fm.add("%s: %s" % (key, SPECIAL_NAMES[slot]))
        return
    r = rng.random()
    if r < 0.08:
        fm.add("%s: %s" % (key, rng.choice(["7%05d" % idx, "1.%d" % idx,
                                            "0x%X" % (0x10000 + idx)])))
        return
    text = words(rng, 1, 3) + " " + token
    if r < 0.12:
        # Long, multibyte, but within 256 bytes.
        while len((text + " café").encode()) < 240:
            text += " café"
    if r < 0.6:
        fm.add("%s: %s%s" % (key, text, comment(rng)))
    elif r < 0.75:
        fm.add("%s: %s" % (key, sq("  " + text + " ")))
    elif r < 0.9:
        t = text.replace(" ", "\t", 1) if rng.random() < 0.3 else text
        fm.add("%s: %s" % (key, dq(rng, " " + t + "  ")))
    else:
        hdr = rng.choice([">-", "|-", ">", "|", ">2-", "|+"])
        fm.add("%s: %s" % (key, hdr), "  " + text)


def add_description(fm, rng):
    key = rowkey(rng, "description", 0.05)
    r = rng.random()
    if r < 0.45:
        fm.add("%s: %s%s" % (key, words(rng, 3, 8), comment(rng)))
    elif r < 0.6:
        fm.add("%s: %s" % (key, inline_string(rng, words(rng, 3, 8),
                                               "sd")))
    else:
        hdr, body = block_scalar(rng, 2)
        fm.add("%s: %s" % (key, hdr), *body)


def listvals(rng, n, numbers=False):
    pool = list(WORDS)
    rng.shuffle(pool)
    out = []
    for i in range(n):
        w = pool[i] + " " + rng.choice(SAFE) if rng.random() < 0.3 \
            else pool[i]
        if numbers and rng.random() < 0.1:
            w = rng.choice(["42", "true", "1.5"])
        out.append(w)
    return out


def add_list_field(fm, rng, row, commas):
    key = rowkey(rng, row)
    vals = listvals(rng, rng.randint(0, 4), numbers=(row == "aliases"))
    r = rng.random()
    if commas and r < 0.35 and vals:
        s = ", ".join(vals)
        if rng.random() < 0.3:
            s += ", , " + rng.choice(SAFE) + ","
        fm.add("%s: %s" % (key, inline_string(rng, s, "psd")))
    elif r < 0.7:
        items = [inline_string(rng, v, "psd") if not v[0].isdigit()
                 and v not in ("true",) else v for v in vals]
        fm.add("%s: [%s]%s" % (key, ", ".join(items), comment(rng)))
    elif vals:
        fm.add(key + ":")
        for v in vals:
            fm.add("  - " + (inline_string(rng, v, "psd")
                             if not v[0].isdigit() else v))
    else:
        fm.add("%s: []" % key)


def add_string_field(fm, rng, row):
    key = rowkey(rng, row)
    r = rng.random()
    if r < 0.12:
        fm.add("%s: %s" % (key, rng.choice(NULLS + ["", "!!null Sales"])))
    elif r < 0.18:
        if rng.random() < 0.5:
            fm.add("%s: {a: b}" % key)
        else:
            fm.add(key + ":", "  a: b")
    elif r < 0.28:
        fm.add("%s: %s" % (key, rng.choice(INTS[:6] + BOOLS[:3] +
                                           FLOATS[:3] + ["nULL", "!!str null",
                                                         "!!int 7"])))
    elif r < 0.38:
        fm.add("%s: !custom %s" % (key, rng.choice(SAFE)))
    else:
        fm.add("%s: %s%s" % (key, inline_string(rng, words(rng, 1, 2)),
                             comment(rng)))


def add_details(fm, rng, want):
    fm.add(keycase(rng, "details") + ":")
    items = []
    if "related" in want:
        items.append(("Related Terms", ", ".join(listvals(rng, 2))))
    if "category" in want:
        items.append(("Category", rng.choice(SAFE)))
    if "industry" in want:
        items.append(("Industry", rng.choice(SAFE)))
    for _ in range(rng.randint(0 if items else 1, 2)):
        items.append((words(rng, 1, 2), words(rng, 1, 3)))
    rng.shuffle(items)
    for t, v in items:
        r = rng.random()
        tv = inline_string(rng, t, "psd")
        vv = inline_string(rng, v, "psd")
        if r < 0.08:
            vv = rng.choice(NULLS + [""])
        elif r < 0.12:
            tv = rng.choice(["~", "null"])
        elif r < 0.16:
            vv = "[x, y]"
        if rng.random() < 0.3:
            fm.add("  - {title: %s, value: %s}" % (tv, flowsafe(vv)))
        else:
            fm.add("  - title: %s" % tv, "    value: %s" % vv)
            if rng.random() < 0.05:
                fm.add("    value: %s" % words(rng, 1, 1))


def gen_valid(rng, idx, batch=500):
    fm = FM(rng)
    parts = []
    # Each part adds some top-level keys; their order is shuffled.
    parts.append(lambda: add_name(fm, rng, idx, batch))
    has_desc = rng.random() < 0.95
    if has_desc:
        parts.append(lambda: add_description(fm, rng))
    for row, commas in (("aliases", True), ("related", True),
                        ("tags", False), ("examples", False)):
        if rng.random() < 0.5:
            parts.append(lambda r=row, c=commas: add_list_field(fm, rng, r,
                                                                c))
    has_cat = rng.random() < 0.6
    if has_cat:
        if rng.random() < 0.6:
            parts.append(lambda: add_string_field(fm, rng, "categories"))
        else:
            parts.append(lambda: add_list_field(fm, rng, "categories",
                                                False))
    has_vert = rng.random() < 0.4
    for row, p in (("vertical", has_vert), ("pronunciation",
                                             rng.random() < 0.4)):
        if p:
            parts.append(lambda r=row: add_string_field(fm, rng, r))
    if rng.random() < 0.4:
        want = set()
        if rng.random() < 0.5:
            want.add("related")
        if not has_cat and rng.random() < 0.5:
            want.add("category")
        if not has_vert and rng.random() < 0.5:
            want.add("industry")
        parts.append(lambda: add_details(fm, rng, want))
    used = set()
    for _ in range(rng.randint(0, 5)):
        k = rng.choice(PASSKEYS)
        used.add(k)
        parts.append(lambda k=k: add_passed(fm, rng, k))
    if rng.random() < 0.06:
        parts.append(lambda: fm.add('"": %s' % value_inline(rng)))
    first = parts[:2]
    rest = parts[2:]
    rng.shuffle(rest)
    for p in first + rest:
        if rng.random() < 0.08:
            fm.add("# " + words(rng, 1, 4))
        p()
    add_duplicates(fm, rng, used)
    body = body_text(rng, has_desc)
    return assemble(rng, fm.lines, body)


def add_duplicates(fm, rng, used):
    """Give some keys a second time: known, passed through, empty."""
    r = rng.random()
    known = [k for k in fm.keys if k not in used]
    if r < 0.1 and known:
        fm.add("%s: %s" % (rng.choice(known), words(rng, 1, 2)))
    elif r < 0.2 and used:
        fm.add("%s: %s" % (rng.choice(sorted(used)), value_inline(rng)))
    elif r < 0.26:
        fm.add('"": %s' % value_inline(rng), "'': %s" % words(rng, 1, 1))


def body_text(rng, has_desc):
    first = words(rng, 3, 8) + "."
    r = rng.random()
    if not has_desc and r < 0.4:
        return first + " <!--more--> " + words(rng, 2, 5) + ".\n"
    return first + "\n\n" + words(rng, 3, 8) + ".\n"


def assemble(rng, fm_lines, body, crlf=None, bom=None):
    if crlf is None:
        crlf = rng.random() < 0.15
    if bom is None:
        bom = rng.random() < 0.1
    end = rng.choice(["---"] * 5 + ["..."])
    text = "\n".join(["---"] + fm_lines + [end]) + "\n" + body
    if crlf:
        text = text.replace("\n", "\r\n")
    if bom:
        text = "\ufeff" + text
    return text


# --- broken files -----------------------------------------------------

def gen_broken(rng, idx, batch=500):
    """One invalid file; returns its text with the cause in a comment."""
    token = "q%dx" % idx
    head = ["term: %s %s" % (words(rng, 1, 2), token)]
    pre = []
    for _ in range(rng.randint(0, 3)):
        pre.append("%s: %s" % (rng.choice(PASSKEYS), inline_string(rng)))
    post = ["description: %s" % words(rng, 3, 6),
            "%s: %s" % (rng.choice(PASSKEYS), words(rng, 1, 2))]
    kind = rng.choice(["unclosed-flow-seq", "unclosed-flow-map",
                       "stray-text", "bad-indent", "unclosed-dquote",
                       "unclosed-squote", "unindented-block",
                       "nul-escape", "nul-key", "name-too-long",
                       "name-linebreak"])
    fm = head + pre
    n = len(fm) + 2  # file line of the next front-matter line
    lines = [n]
    if kind == "unclosed-flow-seq":
        fm.append("aliases: [%s, %s" % (rng.choice(SAFE), rng.choice(SAFE)))
    elif kind == "unclosed-flow-map":
        fm.append("meta: {a: 1, b: %s" % rng.choice(SAFE))
    elif kind == "stray-text":
        fm.append(words(rng, 2, 4))
    elif kind == "bad-indent":
        fm.append("meta:")
        fm.append("  a: 1")
        fm.append(" b: 2")
        lines = [n + 2]
    elif kind == "unclosed-dquote":
        fm.append('note: "%s' % words(rng, 1, 3))
    elif kind == "unclosed-squote":
        fm.append("note: '%s" % words(rng, 1, 3))
    elif kind == "unindented-block":
        fm.append("note: " + rng.choice(["|", ">-", "|+", ">"]))
        fm.append(words(rng, 2, 4))
        lines = [n, n + 1]
    elif kind == "nul-escape":
        fm.append('note: "%s\\0%s"' % (rng.choice(SAFE), rng.choice(SAFE)))
    elif kind == "nul-key":
        fm.append('"term\\0x": %s' % rng.choice(SAFE))
    elif kind == "name-too-long":
        fm[0] = "term: " + " ".join(["overlong"] * 30) + " " + token
        lines = [2]
    elif kind == "name-linebreak":
        fm[0] = 'term: "%s\\n%s"' % (rng.choice(SAFE), token)
        lines = [2]
    if kind in ("stray-text", "unindented-block"):
        # Something valid after, so the parser gives up later.
        fm.append("extra: %s" % words(rng, 1, 2))
    fm += post
    body = "%s.\n\n<!-- yamldiff broken %s lines %s -->\n" % (
        words(rng, 3, 6), kind, ",".join(map(str, lines)))
    return assemble(rng, fm, body, bom=False)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--count", type=int, default=100)
    ap.add_argument("--start", type=int, default=0)
    ap.add_argument("--batch", type=int, default=500)
    ap.add_argument("--broken", action="store_true")
    ap.add_argument("outdir")
    a = ap.parse_args()
    os.makedirs(a.outdir, exist_ok=True)
    for i in range(a.start, a.start + a.count):
        rng = random.Random("%d/%d/%s" % (a.seed, i, a.broken))
        text = (gen_broken if a.broken else gen_valid)(rng, i, a.batch)
        name = ("b%05d.md" if a.broken else "t%05d.md") % i
        with open(os.path.join(a.outdir, name), "w", encoding="utf-8",
                  newline="") as f:
            f.write(text)


if __name__ == "__main__":
    main()
