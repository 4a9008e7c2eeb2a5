#!/usr/bin/env python3
"""Reference model of SPEC section 1 for one term file.

    model.py FILE...     print, per file, what gloss must make of it

model(text) returns a dict:
  {"ok": True, "obj": {...}, "warnings": [...]}    a term that loads
  {"ok": False, "lines": {L, ...}, "why": "..."}    a file to reject

"obj" is the projection of gloss's `-f json list` object that SPEC 1
defines (term, aliases, category, categories, tags, vertical,
pronunciation, description, examples, related, details) plus the
passed-through keys; open questions are matcher objects (see Big,
NonFinite, LeadZero) that the runner compares leniently. Each warning is
{"kind", "lines", "note"}: kind is dup, tag, field or detail; lines are
the file lines an honest diagnostic may name.

YAML is parsed by PyYAML's pure-Python composer (not libyaml, which gloss
uses), with every plain scalar left untyped: this file types scalars by
the YAML 1.2 core schema itself. Nothing here was read from gloss's src/.
"""

import json
import math
import re
import sys

import yaml

PLAIN = "!yamldiff/plain"
QUOTED = "!yamldiff/quoted"
T = "tag:yaml.org,2002:"

ROWS = [
    ("name", ["term", "title"]),
    ("description", ["description", "short_description", "summary",
                     "definition", "excerpt"]),
    ("aliases", ["aliases", "aka", "synonyms", "abbreviation",
                 "abbreviations", "acronym"]),
    ("id", ["id", "slug"]),
    ("categories", ["category", "categories"]),
    ("tags", ["tags", "keywords"]),
    ("vertical", ["vertical", "industry"]),
    ("pronunciation", ["pronunciation"]),
    ("examples", ["example", "examples"]),
    ("related", ["related", "related_terms", "relatedterms", "see_also",
                 "seealso"]),
]
CONSUMED = {k for _, keys in ROWS for k in keys} | {"details"}
CANON = [("relatedterms", "relatedTerms"), ("seealso", "seeAlso")]
BROKEN_RE = re.compile(r"<!-- yamldiff broken (\S+) lines ([0-9,]+) -->")
INT64 = (-(1 << 63), (1 << 63) - 1)


class Loader(yaml.Loader):
    """PyYAML's pure-Python loader, leaving typing to core_scalar()."""

    def resolve(self, kind, value, implicit):
        if kind is yaml.ScalarNode:
            return PLAIN if implicit[0] else QUOTED
        return super().resolve(kind, value, implicit)


class Big:
    """An integer beyond 64 bits: a number or its digits, never another."""

    def __init__(self, v, text):
        self.v, self.text = v, text

    def __repr__(self):
        return "Big(%d)" % self.v


class NonFinite:
    """.inf/.nan: JSON has no such number; SPEC does not say (README)."""

    def __init__(self, text):
        self.text = text

    def __repr__(self):
        return "NonFinite(%s)" % self.text


class LeadZero:
    """08, 0777: int under 1.2 core, string under 1.1 (README)."""

    def __init__(self, v, text):
        self.v, self.text = v, text

    def __repr__(self):
        return "LeadZero(%s)" % self.text


class Reject(Exception):
    def __init__(self, lines, why):
        super().__init__(why)
        self.lines, self.why = set(lines), why


def line(node):
    return node.start_mark.line + 1


INT_RE = re.compile(r"[-+]?[0-9]+\Z")
OCT_RE = re.compile(r"0o[0-7]+\Z")
HEX_RE = re.compile(r"0x[0-9a-fA-F]+\Z")
FLOAT_RE = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")
INF_RE = re.compile(r"[-+]?\.(inf|Inf|INF)\Z")
NAN_RE = re.compile(r"\.(nan|NaN|NAN)\Z")


def core_type(s):
    """(kind, value, feature) of a plain scalar under the 1.2 core schema."""
    if s in ("", "~", "null", "Null", "NULL"):
        return "null", None, "null"
    if s in ("true", "True", "TRUE", "false", "False", "FALSE"):
        return "bool", s[0] in "tT", "bool"
    if INT_RE.match(s):
        v = int(s, 10)
        digits = s.lstrip("+-")
        if len(digits) > 1 and digits[0] == "0":
            return "int", LeadZero(v, s), "int-leadzero"
        return "int", v, "int-dec"
    if OCT_RE.match(s):
        return "int", int(s[2:], 8), "int-oct"
    if HEX_RE.match(s):
        return "int", int(s[2:], 16), "int-hex"
    if FLOAT_RE.match(s):
        return "float", float(s), "float"
    if INF_RE.match(s) or NAN_RE.match(s):
        return "float", NonFinite(s), "float-nonfinite"
    return "str", s, "str"


def is_core(kind, s):
    k, _, _ = core_type(s)
    return k == kind


class Model:
    def __init__(self, offset):
        self.offset = offset  # file line of the front matter's line 1
        self.warnings = []

    def ln(self, node):
        return line(node) + self.offset - 1

    def warn(self, kind, lines, note, subject=None):
        self.warnings.append({"kind": kind, "lines": set(lines),
                              "note": note, "subject": subject})

    def scalar(self, node):
        """(kind, value, feature) of a scalar node, tags deciding."""
        s = node.value
        if "\0" in s:
            raise Reject([self.ln(node)], "nul")
        tag = node.tag
        if tag == PLAIN:
            k, v, f = core_type(s)
            v = big(v, s)
            if isinstance(v, Big):
                f = "int-big"
            elif f == "int-dec" and s.startswith("+"):
                f = "int-plus"
            return k, v, "plain-" + f
        style = {"|": "block", ">": "block", '"': "dq",
                 "'": "sq"}.get(node.style, "plain")
        if tag == QUOTED or tag == "!":
            return "str", s, style
        if tag == T + "str":
            return "str", s, "tag-str"
        for kind in ("int", "float", "bool", "null"):
            if tag == T + kind:
                if kind == "null":
                    return "null", None, "tag-null"
                if not is_core(kind, s) and not (kind == "float"
                                                 and is_core("int", s)):
                    raise ValueError("generator wrote %s %r" % (tag, s))
                _, v, _ = core_type(s)
                if kind == "float" and isinstance(v, (int, LeadZero)):
                    v = float(v if isinstance(v, int) else v.v)
                if isinstance(v, LeadZero):
                    v = v.v
                return kind, big(v, s), "tag-" + kind
        self.warn("tag", [self.ln(node)], "unknown tag")
        return "str", s, "tag-unknown"

    def mapping(self, node, note):
        """First-wins pairs of a mapping node, warning of later twins."""
        seen = {}
        out = []
        self.twice = set()
        for k, v in node.value:
            if not isinstance(k, yaml.ScalarNode):
                raise ValueError("generator wrote a non-scalar key")
            key = self.scalar(k)[1]
            key = key if isinstance(key, str) else k.value
            if key in seen:
                self.warn("dup", [self.ln(k)],
                          note + ("-empty" if key == "" else ""), key)
                self.twice.add(key)
                self.optional_tags(v)
                continue
            seen[key] = True
            out.append((key, k, v))
        return out

    def optional_tags(self, node):
        """Unknown tags and keys given twice in a value that is not used
        (a key's second value): SPEC 1 does not say whether they are
        warned about."""
        if isinstance(node, yaml.ScalarNode):
            if not node.tag.startswith(("!yamldiff/", T)) and \
                    node.tag != "!":
                self.warn("tag", [self.ln(node)], "unknown tag (unused)")
                self.warnings[-1]["optional"] = True
            return
        if isinstance(node, yaml.MappingNode):
            seen = set()
            for k, _ in node.value:
                if k.value in seen:
                    self.warn("dup", [self.ln(k)], "dup (unused)", k.value)
                    self.warnings[-1]["optional"] = True
                seen.add(k.value)
        children = node.value if isinstance(node, yaml.SequenceNode) \
            else [n for pair in node.value for n in pair]
        for n in children:
            self.optional_tags(n)

    def value(self, node):
        """A passed-through value as expected JSON, with features."""
        if isinstance(node, yaml.ScalarNode):
            _, v, f = self.scalar(node)
            return Leaf(v, f)
        if isinstance(node, yaml.SequenceNode):
            return [self.value(n) for n in node.value]
        if isinstance(node, yaml.MappingNode):
            pairs = self.mapping(node, "dup-nested")
            twice = self.twice
            return {k: first_wins(self.value(v), k in twice)
                    for k, _, v in pairs}
        raise ValueError("unexpected node")


class Leaf:
    """A scalar of the expected JSON with the feature that produced it."""

    def __init__(self, v, feature):
        self.v, self.feature = v, feature

    def __repr__(self):
        return "Leaf(%r, %s)" % (self.v, self.feature)


def casenote(knode):
    k = knode.value
    return "" if k == k.lower() or k in dict(CANON).values() \
        else "+key-case"


class FirstWins:
    """The value of a key given twice: the first one must be used."""

    def __init__(self, v):
        self.v = v

    def __repr__(self):
        return "FirstWins(%r)" % self.v


def first_wins(v, twice):
    return FirstWins(v) if twice else v


def big(v, text):
    if isinstance(v, int) and not isinstance(v, bool) and not (
            INT64[0] <= v <= INT64[1]):
        return Big(v, text)
    return v


def split_front(text):
    """(front matter text, its first file line, body) or Reject."""
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip("\r\n") != "---":
        raise Reject([1], "not a term file")
    for i in range(1, len(lines)):
        if lines[i].rstrip("\r\n") in ("---", "..."):
            return "".join(lines[1:i]), 2, "".join(lines[i + 1:])
    raise Reject([1], "unclosed front matter")


def body_description(body):
    if "<!--more-->" in body:
        text = body.split("<!--more-->")[0]
    else:
        text = re.split(r"\n[ \t]*\r?\n", body.strip(), maxsplit=1)[0]
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    return norm_ws(text) or None


def norm_ws(s):
    return " ".join(s.split())


def model(text):
    m = BROKEN_RE.search(text)
    if m:
        return {"ok": False, "why": m.group(1),
                "lines": {int(x) for x in m.group(2).split(",")}}
    try:
        return model_valid(text)
    except Reject as e:
        return {"ok": False, "why": e.why, "lines": e.lines}
    except yaml.MarkedYAMLError as e:
        lines = {e.problem_mark.line + 2} if e.problem_mark else set()
        if e.context_mark:
            lines = {e.context_mark.line + 2}
        return {"ok": False, "why": "yaml", "lines": lines}


def model_valid(text):
    fm, offset, body = split_front(text)
    root = yaml.compose(fm, Loader=Loader)
    if not isinstance(root, yaml.MappingNode):
        raise Reject([offset], "not a mapping")
    md = Model(offset)
    pairs = md.mapping(root, "dup")
    twice = md.twice
    lower = {}
    for key, knode, vnode in pairs:
        lower.setdefault(key.lower(), (key, knode, vnode))
    fields = Fields(md, lower)
    obj = fields.build(body)
    for key, knode, vnode in pairs:
        if key.lower() not in CONSUMED:
            obj[key] = first_wins(md.value(vnode), key in twice)
    return {"ok": True, "obj": obj, "warnings": md.warnings,
            "notes": fields.notes, "keycase": fields.keycase}


class Fields:
    """SPEC 1's key table applied to the first-wins top-level keys."""

    def __init__(self, md, lower):
        self.md, self.lower, self.notes = md, lower, {}
        self.keycase = set()

    def first(self, row):
        keys = dict(ROWS)[row]
        for i, k in enumerate(keys):
            if k in self.lower:
                key, knode, vnode = self.lower[k]
                note = ["alt-key"] if i else []
                if key != dict(CANON).get(k, k):
                    note.append("key-case")
                    self.keycase.add(row)
                yield "+".join(note), knode, vnode

    def text(self, knode, vnode, note, src="", quiet_null=False):
        """A string field's text, or None (warned) for null or mapping.
        quiet_null: a null in a list field (aliases, tags, examples,
        related) means an empty list, as `aka:` left blank in most Hugo
        glossaries; it is not warned about (README: documented)."""
        lines = [self.md.ln(knode), self.md.ln(vnode)]
        if isinstance(vnode, yaml.ScalarNode):
            kind, v, f = self.md.scalar(vnode)
            if kind == "null" and quiet_null:
                return None, f
            if kind == "null":
                self.md.warn("field", lines, "null-in-" + note +
                             ("+alt-key" if "alt-key" in src else "") +
                             casenote(knode), knode.value)
                return None, f
            return (v if kind == "str" else vnode.value), f
        if isinstance(vnode, yaml.MappingNode):
            self.md.value(vnode)
            self.md.warn("field", lines, "mapping-in-" + note +
                         ("+alt-key" if "alt-key" in src else "") +
                         casenote(knode), knode.value)
            return None, "mapping"
        raise ValueError("generator wrote a list in a string field")

    def string(self, row, quiet_null=False):
        for src, knode, vnode in self.first(row):
            if isinstance(vnode, yaml.SequenceNode) and row != "name":
                items = self.items(vnode)
                self.notes[row] = src or "list"
                return items
            t, f = self.text(knode, vnode, row, src, quiet_null)
            self.notes[row] = src or f
            if t is not None:
                return t
        return None

    def items(self, vnode):
        out = []
        for n in vnode.value:
            if isinstance(n, yaml.ScalarNode):
                kind, v, _ = self.md.scalar(n)
                t = v if kind == "str" else n.value
                if kind != "null" and t.strip():
                    out.append(t.strip())
            else:
                raise ValueError("generator wrote a nested list item")
        return out

    def listish(self, row, commas):
        v = self.string(row, quiet_null=row != "categories")
        if v is None:
            return None
        if isinstance(v, list):
            return v
        if commas:
            note = self.notes[row]
            self.notes[row] = "comma-string" + (
                "" if note in ("plain-str", "sq", "dq", "block") else
                "+" + note)
            return [p.strip() for p in v.split(",") if p.strip()]
        return [v.strip()] if v.strip() else []

    def build(self, body):
        name = self.string("name")
        if name is None:
            raise Reject([self.md.offset], "no name")
        name = name.strip()
        if not name:
            raise Reject([self.md.offset], "empty name")
        if len(name.encode()) > 256 or re.search("[\n\r\x85\u2028\u2029]",
                                                 name):
            src = next(self.first("name"))
            raise Reject([self.md.ln(src[1]), self.md.ln(src[2])], "name")
        desc = self.string("description")
        if desc is not None and not desc.strip():
            desc = None
        if desc is None:
            desc = body_description(body)
            self.notes["description"] = "body"
        if desc is None:
            raise Reject([self.md.offset], "no description")
        obj = {"term": name, "description": norm_ws(desc)}
        obj["aliases"] = self.listish("aliases", True) or []
        cats = self.listish("categories", False)
        obj["tags"] = self.listish("tags", False) or []
        vert = self.string("vertical")
        pron = self.string("pronunciation")
        obj["examples"] = self.listish("examples", False) or []
        obj["related"] = self.listish("related", True) or []
        details = self.details()
        for t, v in details:
            if t == "Related Terms":
                obj["related"] += [p.strip() for p in v.split(",")
                                   if p.strip()]
                self.notes["related"] = (self.notes.get("related", "") +
                                         "+detail").strip("+")
            elif t == "Category" and cats is None:
                cats = [v.strip()]
                self.notes["categories"] = "detail"
            elif t == "Industry" and vert is None:
                vert = v
                self.notes["vertical"] = "detail"
        cats = cats or ["Uncategorized"]
        obj["category"], obj["categories"] = cats[0], cats
        obj["vertical"] = vert.strip() if vert is not None else None
        obj["pronunciation"] = pron.strip() if pron is not None else None
        if "details" in self.lower:
            obj["details"] = [{"title": t, "value": v} for t, v in details]
        self.drop_id()
        return obj

    def drop_id(self):
        # id/slug are SPEC fields with no JSON key yet: type them only.
        for _, knode, vnode in self.first("id"):
            self.md.value(vnode)

    def details(self):
        if "details" not in self.lower:
            return []
        key, knode, vnode = self.lower["details"]
        if key != "details":
            self.keycase.add("details")
        if not isinstance(vnode, yaml.SequenceNode):
            raise ValueError("generator wrote details that are no list")
        out = []
        for item in vnode.value:
            if not isinstance(item, yaml.MappingNode):
                raise ValueError("generator wrote a detail that is no map")
            got = {}
            for key, _, v in self.md.mapping(item, "dup-detail"):
                got[key] = v
            tv = [self.detail_text(got.get(k)) for k in ("title", "value")]
            if None in tv:
                end = item.end_mark.line + self.md.offset
                self.md.warn("detail", range(self.md.ln(item), end + 1),
                             "detail" + casenote(knode))
                self.notes["details"] = "detail-not-string"
                row = {"Related Terms": "related", "Category": "categories",
                       "Industry": "vertical"}.get(tv[0])
                if row:  # keep the row's own note (alt-key, ...)
                    self.notes[row] = (self.notes.get(row, "") +
                                       "+detail-not-string").strip("+")
                continue
            out.append((tv[0], tv[1]))
        return out

    def detail_text(self, node):
        if not isinstance(node, yaml.ScalarNode):
            if node is not None:
                self.md.value(node)
            return None
        kind, v, _ = self.md.scalar(node)
        return v if kind == "str" else None


def plain(x):
    """The expected JSON with matchers shown, for people."""
    if isinstance(x, (Leaf, FirstWins)):
        return plain(x.v)
    if isinstance(x, list):
        return [plain(i) for i in x]
    if isinstance(x, dict):
        return {k: plain(v) for k, v in x.items()}
    if isinstance(x, (Big, NonFinite, LeadZero)):
        return repr(x)
    if isinstance(x, float) and not math.isfinite(x):
        return repr(x)
    return x


def describe(res):
    out = dict(res)
    if res["ok"]:
        out["obj"] = plain(res["obj"])
        out["warnings"] = [dict(w, lines=sorted(w["lines"]))
                           for w in res["warnings"]]
        out["keycase"] = sorted(res["keycase"])
    else:
        out["lines"] = sorted(res["lines"])
    return out


def main():
    for path in sys.argv[1:]:
        with open(path, encoding="utf-8", newline="") as f:
            res = model(f.read())
        print(path)
        print(json.dumps(describe(res), indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
