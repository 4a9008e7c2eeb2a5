#!/usr/bin/env python3
"""The model's own tests: SPEC 1's rules on small files, by hand.

A wrong model would call gloss wrong, so the rules it stands for are
pinned here first: `python3 tests/yamldiff/test_model.py`.
"""

import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import model as M  # noqa: E402


def load(fm, body="Body.\n"):
    return M.model("---\n" + fm + "---\n" + body)


def passed(fm, key="v"):
    res = load("term: T\ndescription: d\n" + fm)
    assert res["ok"], res
    return M.plain(res["obj"][key])


class CoreSchema(unittest.TestCase):
    def test_null_forms(self):
        for s in ("null", "Null", "NULL", "~", ""):
            self.assertIsNone(passed("v: %s\n" % s), s)
        for s in ("nULL", "nUll", "NUll"):
            self.assertEqual(passed("v: %s\n" % s), s)

    def test_bool_forms(self):
        for s in ("true", "True", "TRUE"):
            self.assertIs(passed("v: %s\n" % s), True)
        for s in ("tRUE", "yes", "on", "y", "Yes", "ON"):
            self.assertEqual(passed("v: %s\n" % s), s)

    def test_ints(self):
        cases = {"0": 0, "+5": 5, "-17": -17, "0o17": 15, "0x1F": 31}
        for s, v in cases.items():
            got = passed("v: %s\n" % s)
            self.assertEqual((got, type(got)), (v, int), s)
        for s in ("0b101", "1_000", "-0x1F", "+0o17", "1:30", "0x"):
            self.assertEqual(passed("v: %s\n" % s), s)

    def test_big_int_kept_exact(self):
        res = load("term: T\ndescription: d\nv: 99999999999999999999\n")
        leaf = res["obj"]["v"]
        self.assertIsInstance(leaf.v, M.Big)
        self.assertEqual(leaf.v.v, 99999999999999999999)

    def test_floats(self):
        for s, v in {"1.5": 1.5, ".5": 0.5, "1e3": 1000.0, "3.": 3.0,
                     "-.5": -0.5}.items():
            got = passed("v: %s\n" % s)
            self.assertEqual((got, type(got)), (v, float), s)
        self.assertEqual(passed("v: .inf\n"), "NonFinite(.inf)")
        self.assertEqual(passed("v: .Nan\n"), ".Nan")

    def test_tags_decide(self):
        self.assertEqual(passed("v: !!str 42\n"), "42")
        self.assertEqual(passed("v: !!int \"42\"\n"), 42)
        self.assertEqual(passed("v: !!float 1\n"), 1.0)
        self.assertIsNone(passed("v: !!null Sales\n"))
        self.assertEqual(passed("v: '42'\n"), "42")

    def test_unknown_tag_warned_and_kept(self):
        res = load("term: T\ndescription: d\nv: !foo null\n")
        self.assertEqual(M.plain(res["obj"]["v"]), "null")
        self.assertEqual([(w["kind"], w["lines"]) for w in res["warnings"]],
                         [("tag", {4})])


class Keys(unittest.TestCase):
    def test_first_key_wins_and_every_twin_warned(self):
        res = load("term: T\ndescription: d\nicon: a\nicon: b\n"
                   "\"\": x\n'': y\nm: {c: 1, c: 2}\n")
        obj = res["obj"]
        self.assertEqual(M.plain(obj["icon"]), "a")
        self.assertEqual(M.plain(obj[""]), "x")
        self.assertEqual(M.plain(obj["m"]), {"c": 1})
        self.assertEqual(sorted((min(w["lines"]), w["subject"])
                                for w in res["warnings"]),
                         [(5, "icon"), (7, ""), (8, "c")])

    def test_key_table(self):
        res = load("Title: 12\nsummary: s\naka: 'a, , b'\n"
                   "categories: [x, y]\nkeywords: k\nindustry: i\n")
        obj = res["obj"]
        self.assertEqual(obj["term"], "12")
        self.assertEqual(obj["description"], "s")
        self.assertEqual(obj["aliases"], ["a", "b"])
        self.assertEqual((obj["category"], obj["categories"]),
                         ("x", ["x", "y"]))
        self.assertEqual(obj["tags"], ["k"])
        self.assertEqual(obj["vertical"], "i")

    def test_null_in_string_field_warned_and_ignored(self):
        res = load("term: T\ndescription: d\ncategory: ~\nvertical:\n"
                   "pronunciation: {a: b}\n")
        obj = res["obj"]
        self.assertEqual(obj["categories"], ["Uncategorized"])
        self.assertIsNone(obj["vertical"])
        self.assertEqual(len([w for w in res["warnings"]
                              if w["kind"] == "field"]), 3)

    def test_details(self):
        res = load("term: T\ndescription: d\nrelated: [a]\ndetails:\n"
                   "  - {title: Related Terms, value: 'b, c'}\n"
                   "  - {title: Category, value: Sales}\n"
                   "  - {title: Industry, value: ~}\n"
                   "  - {title: null, value: x}\n")
        obj = res["obj"]
        self.assertEqual(obj["related"], ["a", "b", "c"])
        self.assertEqual(obj["categories"], ["Sales"])
        self.assertIsNone(obj["vertical"])
        self.assertEqual(len(obj["details"]), 2)
        self.assertEqual([w["kind"] for w in res["warnings"]],
                         ["detail", "detail"])

    def test_description_from_body(self):
        res = load("term: T\n", "First part <!--more--> rest.\n")
        self.assertEqual(res["obj"]["description"], "First part")
        res = load("term: T\n", "One\nparagraph.\n\nTwo.\n")
        self.assertEqual(res["obj"]["description"], "One paragraph.")


class Rejects(unittest.TestCase):
    def test_name_limits(self):
        self.assertTrue(load("term: '  %s  '\ndescription: d\n"
                             % ("x" * 256))["ok"])
        res = load("term: %s\ndescription: d\n" % ("x" * 257))
        self.assertEqual((res["ok"], res["lines"]), (False, {2}))
        res = load("term: \"a\\nb\"\ndescription: d\n")
        self.assertFalse(res["ok"])
        self.assertTrue(load("term: |\n  one line\ndescription: d\n")["ok"])

    def test_nul(self):
        res = load("term: T\n\"k\\0x\": v\ndescription: d\n")
        self.assertEqual((res["ok"], res["lines"]), (False, {3}))

    def test_crlf_and_bom(self):
        res = M.model("\ufeff---\r\nterm: T\r\ndescription: |\r\n  a\r\n"
                      "---\r\nBody.\r\n")
        self.assertEqual(res["obj"]["description"], "a")

    def test_broken_marker(self):
        res = M.model("---\nterm: T\na: [b\n---\n"
                      "<!-- yamldiff broken unclosed-flow-seq lines 3 -->\n")
        self.assertEqual((res["ok"], res["lines"]), (False, {3}))


if __name__ == "__main__":
    unittest.main()
