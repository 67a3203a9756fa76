"""A seeded generator of hostile and careless survey exports and configs (issue 13).

``build_corpus(folder)`` writes every case into ``folder`` and returns them; nothing binary is
committed. Run ``python -m tests.hostile.corpus OUT`` to look at the files.

Each :class:`Case` is one export (and, where it matters, one config). ``expect`` says what a
command must do with it: ``"ok"`` (exit 0), ``"error"`` (exit 2, one ``error:`` line) or
``"either"``. Every case is also checked for tracebacks, formula-like CSV cells, unmasked
personal data from :data:`PLANTED` and rendered markup.
"""

from __future__ import annotations

import csv
import io
import random
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

SEED = 13
HEADER = [
    "respondent_id",
    "score",
    "comment",
    "responded_at",
    "segment",
    "lifetime_value",
    "contact_status",
    "features_purchased",
    "features_used",
]
# Personal data planted in comments; none may appear in any output.
PLANTED = {
    "Call07700900125 tonight": "07700900125",
    "mail jo.bloggs@example.com": "jo.bloggs@example.com",
    "phone +44 20 7946 0123": "7946 0123",
    "IBAN GB82 WEST 1234 5698 7654 32": "5698 7654",
    "post to SW1A 1AA please": "SW1A 1AA",
    "NI number AB 12 34 56 C": "AB 12 34 56 C",
    "my SSN 123-45-6789": "123-45-6789",
    "I was born 12/03/1985": "12/03/1985",
    "my name is Priya Sharmaine": "Sharmaine",
    "see www.bloggs-family.example/me": "bloggs-family",
    "New York NY 10027-1234": "10027",
    # issue 25: what the regex-only masking missed
    "card 4111 1111 1111 1111 charged": "4111 1111 1111 1111",
    "card 5500-0000-0000-0004 charged": "5500-0000-0000-0004",
    "kept 4111111111111111 on file": "4111111111111111",
    "post to sw1a 1aa please": "sw1a 1aa",
    "refund gb82west12345698765432 now": "gb82west12345698765432",
    "sort code 40-47-84 thanks": "40-47-84",
    "login from 2001:db8::8a2e:370:7334 blocked": "8a2e:370:7334",
    "spoke to Mr Pierre Dubois-Martin today": "Dubois-Martin",
    "Regards, Jane Whitfield-Smythe": "Whitfield",
    "slow. Marguerite here, call me": "Marguerite",
    "je m'appelle Hélène Lefèvre": "Lefèvre",
    # staff first names (passives_lib.core._privacy_staff)
    "Thanks to Bethany for sorting it": "Bethany",
    "ask for Zebulon at reception": "Zebulon",
    "and Jenny from support was lovely": "Jenny",
    "le vendeur Thibault nous a aidés": "Thibault",
}
# Markup that would change the page or run script if it were rendered, not shown.
MARKUP = [
    '<b style="font-size:400px">BIG</b>',
    '<a href="javascript:window.__pwned=1">click</a>',
    '<img src=x onerror="window.__pwned=1">',
    "$\\frac{a}{b}$",
    "</script><script>window.__pwned=1</script>",
]
FORMULAS = [
    "=cmd|'/c calc'!A1",
    "+1+1",
    "-2+3",
    "@SUM(1+1)*cmd|",
    "\t=1+1",
    "\r=cmd|'/c calc'!A1",
    "fine\r=cmd|'/c calc'!A1",
    "ok\r@SUM(1+1)*cmd|",
    'line\n=HYPERLINK("http://x")',
]
WORDS = [
    *("delivery", "late", "tracking", "email", "never", "came", "price", "too", "high"),
    *("support", "slow", "app", "crashes", "invoice", "wrong", "great", "staff"),
    *("friendly", "easy", "setup", "reports", "useful", "training", "needed"),
]


@dataclass
class Case:
    """One hostile input: an export, an optional config, and what commands must do."""

    name: str
    path: Path
    config: Path | None = None
    expect: str = "ok"
    note: str = ""
    themes: bool = True
    extra: dict = field(default_factory=dict)


def _comment(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 9)))


def _rows(rng: random.Random, n: int, week0: int = 1) -> list[list[str]]:
    rows = []
    for i in range(n):
        score = rng.choice([0, 3, 5, 6, 7, 7, 8, 8, 8, 9, 10])
        day = 1 + (i * 3) % 60
        month, mday = 9 + (day - 1) // 30, 1 + (day - 1) % 30
        rows.append(
            [
                f"R{i:04d}",
                str(score),
                _comment(rng),
                f"2026-{month:02d}-{mday:02d}",
                rng.choice(["Enterprise", "Consumer", "Small business"]),
                f"{rng.uniform(10, 5000):.2f}",
                rng.choice(["", "not_contacted", "contacted", "responded"]),
                str(rng.randint(1, 8)),
                str(rng.randint(0, 8)),
            ]
        )
    return rows


def _csv_bytes(header: list[str], rows: list[list[str]], encoding: str = "utf-8") -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows([header, *rows])  # quotes a bare CR
    return out.getvalue().encode(encoding)


class _Writer:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.cases: list[Case] = []

    def add(self, name: str, data: bytes, config: str | None = None, **kw: object) -> Case:
        case_dir = self.folder / name
        case_dir.mkdir(parents=True, exist_ok=True)
        path = case_dir / kw.pop("filename", "export.csv")  # type: ignore[arg-type]
        path.write_bytes(data)
        config_path = None
        if config is not None:
            config_path = case_dir / "config.yml"
            config_path.write_text(config, encoding="utf-8")
        case = Case(name, path, config_path, **kw)  # type: ignore[arg-type]
        self.cases.append(case)
        return case


def build_corpus(folder: Path, seed: int = SEED) -> list[Case]:
    """Write every hostile case under ``folder`` (one sub-folder each) and return them."""
    rng = random.Random(seed)
    w = _Writer(Path(folder))
    base = _rows(rng, 60)
    good = _csv_bytes(HEADER, base)
    _files(w, rng, base)
    _contents(w, rng, base)
    _small(w, rng)
    _configs(w, good)
    _silent(w, rng, base)
    return w.cases


def _files(w: _Writer, rng: random.Random, base: list[list[str]]) -> None:
    w.add("empty", b"", expect="error")
    w.add("header_only", _csv_bytes(HEADER, []), expect="error")
    w.add("random_bytes", bytes(rng.randrange(256) for _ in range(2000)), expect="either")
    w.add("utf16", _csv_bytes(HEADER, base[:20], "utf-16"))
    for encoding in ("utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"):  # no BOM (issue 25)
        data = _csv_bytes(HEADER, base[:20], encoding)
        w.add(f"{encoding.replace('-', '')}_no_bom", data, extra={"encoding": encoding})
    w.add("utf32_bom", _csv_bytes(HEADER, base[:20], "utf-32"), extra={"encoding": "utf-32"})
    zipped = io.BytesIO()
    with zipfile.ZipFile(zipped, "w") as archive:
        archive.writestr("survey.csv", _csv_bytes(HEADER, base[:5]))
    w.add("zip_named_csv", zipped.getvalue(), expect="error")
    png = b"\x89PNG\r\n\x1a\n" + bytes(rng.randrange(256) for _ in range(500))
    w.add("png_named_csv", png, expect="error")
    w.add("alias_bomb_yaml_as_csv", _bomb().encode(), expect="error")


def _contents(w: _Writer, rng: random.Random, base: list[list[str]]) -> None:
    rows = [list(r) for r in base]
    rows[0][2] = "long " * 20_000  # 100k characters
    rows[1][2] = 'quoted\nnew\nlines, and "quotes"'
    for i, formula in enumerate(FORMULAS):
        rows[2 + i][2] = formula
        rows[2 + i][4] = formula  # segment
    rows[12][0] = "x\r@SUM(1+1)*cmd|"
    rows[13][0] = "=cmd|'/c calc'!A1"
    for i, planted in enumerate(PLANTED):
        rows[20 + i][2] = f"{_comment(rng)} {planted} {_comment(rng)}"
        rows[20 + i][1] = "7"
    for i, markup in enumerate(MARKUP):
        rows[50 + i][2] = f"{markup} {_comment(rng)}"
        rows[50 + i][4] = markup
        rows[50 + i][1] = "8"
    w.add("hostile_text", _csv_bytes(HEADER, rows), config=_hostile_config())
    big = [list(r) for r in base]
    for i, value in enumerate(["inf", "1e20", str(2**63), "-inf", "nan", "1e400", "-5"]):
        big[i][7] = value
        big[10 + i][5] = value
    w.add("huge_numbers", _csv_bytes(HEADER, big), note="bad optional values blanked")


def _small(w: _Writer, rng: random.Random) -> None:
    one = [["R1", "7", "the delivery was late", "2026-10-01", "Consumer", "1", "", "1", "1"]]
    w.add("one_response", _csv_bytes(HEADER, one))
    quiet = _rows(rng, 12)
    for row in quiet:
        row[2] = ""
    w.add("no_comments", _csv_bytes(HEADER, quiet))
    nonanswers = [list(r) for r in quiet]
    for row, text in zip(nonanswers, ["n/a", "-", "no", "nothing", ".", "none"] * 2, strict=True):
        row[2] = text
    w.add("all_non_answers", _csv_bytes(HEADER, nonanswers))
    same = [list(r) for r in quiet]
    for row in same:
        row[2] = "the price is too high"
    w.add("identical_comments", _csv_bytes(HEADER, same))
    header = [h for h in HEADER if h != "comment"]
    w.add("no_comment_column", _csv_bytes(header, [r[:2] + r[3:] for r in quiet]))


def _configs(w: _Writer, good: bytes) -> None:
    bad = {
        "yaml_python_tag": "plan: !!python/object/apply:os.system ['echo pwned']\n",
        "yaml_alias_bomb": _bomb(),
        "wide_margin_text": "nps: {wide_margin: x}\n",
        "min_responses_text": "nps: {min_responses: x}\n",
        "management_share_text": "plan: {management_share: x}\n",
        "min_similarity_text": "themes: {min_similarity: x}\n",
        "ledger_number": "plan: {ledger: 5}\n",
        "segment_weights_text": "plan: {segment_weights: x}\n",
        "segment_weights_list": "plan: {segment_weights: [1, 2]}\n",
        "panel_size_text": "plan: {panel_size: x}\n",
        "panel_size_negative": "plan: {panel_size: -5}\n",
        "managers_text": "plan: {managers: Ana}\n",
        "n_themes_huge": "themes: {n_themes: 100000}\n",
        "random_state_negative": "themes: {random_state: -1}\n",
        "cache_dir_file": "themes: {cache_dir: /etc/passwd}\n",
        "config_not_mapping": "- a\n- b\n",
        # issue 25
        "backlog_weeks_huge": "plan: {backlog_weeks: 99999999999}\n",
        "recontact_after_days_huge": "plan: {recontact_after_days: 99999999999}\n",
        "weights_all_zero": "plan: {weights: {value: 0, score: 0, easy_fix: 0, segment: 0, "
        "testimonial: 0, engagement: 0}}\n",
        "key_twice": "plan: {capacity: 1}\nplan: {capacity: 2}\n",
        "email_subject_line_break": "email: {host: h, sender: a@x.org, recipients: [b@x.org], "
        'subject: "NPS\\r\\nBcc: c@x.org"}\n',
        "email_password_in_clear": "email: {host: h, sender: a@x.org, recipients: [b@x.org], "
        "user: ana, password_env: PW, starttls: false}\n",
    }
    for name, text in bad.items():
        w.add(f"config_{name}", good, config=text, expect="error")


def _silent(w: _Writer, rng: random.Random, base: list[list[str]]) -> None:
    accented = [list(r) for r in base[:20]]
    for row in accented:
        row[2] = "Café très agréable, délai trop long"
    data = bytearray(_csv_bytes(HEADER, accented))
    for at in (200, 400, 600):
        data[at] = 0xFF
    w.add("utf8_stray_bytes", bytes(data), extra={"encoding": "utf-8"})
    header = ["respondent_id", "score", "NPS", "comment", "responded_at"]
    rows = [[r[0], r[1], r[1], r[2], r[3]] for r in base[:10]]
    w.add("two_score_headers", _csv_bytes(header, rows), expect="error")
    future = [list(r) for r in base]
    future[5][3] = "2062-11-09"
    w.add("future_date", _csv_bytes(HEADER, future), extra={"rejected_rows": 1})
    basket = [[*r, str(v)] for r, v in zip(base, [12.5, -3, 40] * 20, strict=True)]
    w.add(
        "negative_basket",
        _csv_bytes([*HEADER[:5], *HEADER[6:], "lifetime_value"], [r[:5] + r[6:] for r in basket]),
        extra={"rejected_rows": 0},
    )
    short = _csv_bytes(HEADER, base[:10]) + b"R9999,8,fine,2026-10-01\r\n"
    w.add("short_row", short)


def _hostile_config() -> str:
    return (
        "plan:\n"
        "  managers: ['<b style=\"font-size:400px\">Boss</b>', '$x^2$ Ana', "
        "'<img src=x onerror=\"window.__pwned=1\">']\n"
        "  next_steps:\n"
        "    panel: \"Invite\\r=cmd|'/c calc'!A1\"\n"
        "    hear_story: '=HYPERLINK(\"http://evil\")'\n"
        "  segment_weights: {'<b>Ent</b>': 1.0}\n"
        "  capacity: 10\n"
    )


def _bomb() -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 9):
        prev, name = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{name}: &{name} [" + ",".join(f"*{prev}" for _ in range(9)) + "]")
    return "\n".join(lines) + "\n"


def case_names() -> list[str]:
    """The names of the cases (the corpus is written to a temporary folder and removed)."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        return [case.name for case in build_corpus(Path(folder))]


if __name__ == "__main__":  # pragma: no cover
    for case in build_corpus(Path(sys.argv[1] if len(sys.argv) > 1 else "hostile-corpus")):
        print(case.name, case.path, case.config or "")
