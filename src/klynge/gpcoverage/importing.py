"""Reading a GP coverage file: a CSV with Danish headers, checked in full before anything is saved.

The columns (in any order, headers case-insensitive; `omraade` and `aar` are accepted for `område` and
`år`)::

    område; år; indbyggere; prognose; kapaciteter; kapaciteter_60_plus; forventede_afgange; lukket_liste

- område: the area's name as in Klynge (a municipality or a district, e.g. "Nørrebro") or its slug;
- år: the year (1990–2100); one line per area and year;
- indbyggere: the population (required);
- prognose: ja if the population is a forecast, nej (or empty) if it is counted;
- kapaciteter: GP capacities in the year; required in an area's first year, may be empty in later years
  (the forecast then counts down from the latest year that gives them);
- kapaciteter_60_plus: capacities held by GPs aged 60 or over (empty: not known);
- forventede_afgange: capacities expected to leave during the year (empty: 0);
- lukket_liste: the number of practices with closed lists, or ja/nej (1/0; empty: not known).

Whole numbers may be written with thousands separators (1.600). Fields are separated by `;` or `,` (read
from the header line), the file is UTF-8 with or without a byte order mark, and lines starting with `#`
are comments. Every problem is reported with its line, in Danish and in English; a file with any problem
is not imported at all.
"""

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, ClassVar

from klynge.gpcoverage.models import MAX_YEAR, MIN_YEAR
from klynge.kernel.csvfiles import FILE_MESSAGES, CodedProblem, decode_utf8, detect_delimiter

COLUMNS = (
    "område",
    "år",
    "indbyggere",
    "prognose",
    "kapaciteter",
    "kapaciteter_60_plus",
    "forventede_afgange",
    "lukket_liste",
)
ALIASES = {"omraade": "område", "aar": "år"}
YES = {"ja", "j", "x", "1", "true", "yes"}
NO = {"nej", "n", "0", "false", "no", ""}
_WHOLE_NUMBER = re.compile(r"^(\d{1,3}(\.\d{3})+|\d+)$")

# code: (Danish, English); the line number is put in front by Problem.
MESSAGES: dict[str, tuple[str, str]] = {
    **FILE_MESSAGES,
    "no_rows": ("Filen har ingen linjer med tal.", "The file has no data lines."),
    "unknown_area": (
        "Området »{value}« findes ikke i Klynge. Brug områdets navn, fx »Nørrebro«, eller dets kortnavn.",
        "Unknown area '{value}'. Use the area's name as in Klynge, e.g. 'Nørrebro', or its slug.",
    ),
    "ambiguous_area": (
        "Flere områder hedder »{value}« ({matches}). Brug områdets kortnavn.",
        "Several areas are called '{value}' ({matches}). Use the area's slug.",
    ),
    "not_a_number": (
        "{column} skal være et helt tal, ikke »{value}«.",
        "{column} must be a whole number, not '{value}'.",
    ),
    "negative": ("{column} kan ikke være negativ ({value}).", "{column} cannot be negative ({value})."),
    "year_range": (
        f"Året {{value}} ligger ikke mellem {MIN_YEAR} og {MAX_YEAR}.",
        f"The year {{value}} is not between {MIN_YEAR} and {MAX_YEAR}.",
    ),
    "not_yes_no": (
        "{column} skal være ja eller nej, ikke »{value}«.",
        "{column} must be ja or nej (yes or no), not '{value}'.",
    ),
    "not_count_or_yes_no": (
        "{column} skal være et antal praksisser eller ja/nej, ikke »{value}«.",
        "{column} must be a number of practices or ja/nej, not '{value}'.",
    ),
    "over_capacities": (
        "kapaciteter_60_plus ({value}) er flere end kapaciteter ({capacities}).",
        "kapaciteter_60_plus ({value}) exceeds kapaciteter ({capacities}).",
    ),
    "duplicate": (
        "{area} {year} står også i linje {other}; hvert område må kun have én linje pr. år.",
        "{area} {year} is also on line {other}; each area may have only one line per year.",
    ),
    "overlap": (
        "{area} ligger i {ancestor}, som også har tal for {year} (linje {other}). Giv tal for enten "
        "{ancestor} eller dens dele – ellers tælles de dobbelt.",
        "{area} lies within {ancestor}, which also has figures for {year} (line {other}). Give figures for "
        "either {ancestor} or its parts, not both, or they are counted twice.",
    ),
    "first_year_without_capacities": (
        "{area}s første år i filen ({year}) mangler kapaciteter; prognosen regner afgangene fra dem.",
        "{area}: its first year in the file ({year}) has no kapaciteter; the forecast counts retirements "
        "down from them.",
    ),
    "retirements_exceed": (
        "De forventede afgange i {area} fra {base} til og med {year} ({retired}) er flere end kapaciteterne "
        "i {base} ({capacities}).",
        "{area}: expected retirements from {base} through {year} ({retired}) exceed the capacities in "
        "{base} ({capacities}).",
    ),
}


@dataclass(frozen=True)
class Problem(CodedProblem):
    """One reason a file is refused, at a line of the file (None for the file as a whole)."""

    messages: ClassVar[dict[str, tuple[str, str]]] = MESSAGES


@dataclass(frozen=True)
class AreaRef:
    """What the importer needs to know about an area in Klynge."""

    id: int
    name: str
    slug: str
    kind_label: str
    parent_id: int | None


@dataclass(frozen=True)
class ParsedRow:
    line: int
    area_id: int
    year: int
    population: int
    population_is_forecast: bool
    capacities: int | None
    capacities_60_plus: int | None
    expected_retirements: int
    closed_practices: int | None


class _LineProblems:
    def __init__(self, line: int) -> None:
        self.line = line
        self.problems: list[Problem] = []

    def add(self, code: str, **params: Any) -> None:
        self.problems.append(Problem(code, self.line, params))


def _is_skipped(cells: list[str]) -> bool:
    return not any(c.strip() for c in cells) or cells[0].lstrip().startswith("#")


def _header_problems(header: list[str]) -> list[Problem]:
    names = [ALIASES.get(h.strip().lower(), h.strip().lower()) for h in header]
    expected = ", ".join(COLUMNS)
    problems = []
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        problems.append(Problem("duplicate_columns", params={"columns": ", ".join(duplicates)}))
    missing = [c for c in COLUMNS if c not in names]
    if missing:
        problems.append(
            Problem("missing_columns", params={"columns": ", ".join(missing), "expected": expected})
        )
    unknown = [h.strip() or "(tom)" for h, n in zip(header, names, strict=True) if n not in COLUMNS]
    if unknown:
        problems.append(
            Problem("unknown_columns", params={"columns": ", ".join(unknown), "expected": expected})
        )
    return problems


def _whole_number(value: str, column: str, problems: _LineProblems, *, required: bool = False) -> int | None:
    text = value.strip().replace("\xa0", "").replace(" ", "")
    if not text:
        if required:
            problems.add("required", column=column)
        return None
    negative = text.startswith("-")
    digits = text[1:] if negative else text
    if not _WHOLE_NUMBER.match(digits):
        problems.add("not_a_number", column=column, value=value.strip())
        return None
    number = int(digits.replace(".", ""))
    if negative and number != 0:
        problems.add("negative", column=column, value=value.strip())
        return None
    return number


def _yes_no(value: str, column: str, problems: _LineProblems) -> bool:
    text = value.strip().lower()
    if text in YES:
        return True
    if text not in NO:
        problems.add("not_yes_no", column=column, value=value.strip())
    return False


def _closed_practices(value: str, column: str, problems: _LineProblems) -> int | None:
    text = value.strip().lower()
    if not text:
        return None
    if text in YES - {"1"}:
        return 1
    if text in NO - {"0"}:
        return 0
    if text.lstrip("-").replace(".", "").isdigit():
        return _whole_number(value, column, problems)
    problems.add("not_count_or_yes_no", column=column, value=value.strip())
    return None


class AreaLookup:
    """Find an area by its name (case-insensitive) or its slug."""

    def __init__(self, areas: Iterable[AreaRef]) -> None:
        self.by_id: dict[int, AreaRef] = {}
        self.by_name: dict[str, list[AreaRef]] = {}
        self.by_slug: dict[str, AreaRef] = {}
        for area in areas:
            self.by_id[area.id] = area
            self.by_name.setdefault(area.name.strip().casefold(), []).append(area)
            self.by_slug[area.slug] = area

    def find(self, value: str, problems: _LineProblems) -> AreaRef | None:
        key = value.strip()
        if not key:
            problems.add("required", column="område")
            return None
        named = self.by_name.get(key.casefold(), [])
        if len(named) == 1:
            return named[0]
        if key in self.by_slug:
            return self.by_slug[key]
        if named:
            matches = ", ".join(f"{a.kind_label} {a.slug}" for a in named)
            problems.add("ambiguous_area", value=key, matches=matches)
        else:
            problems.add("unknown_area", value=key)
        return None

    def ancestors(self, area_id: int) -> list[AreaRef]:
        found: list[AreaRef] = []
        parent_id = self.by_id[area_id].parent_id
        while parent_id is not None and parent_id in self.by_id and len(found) < 20:
            found.append(self.by_id[parent_id])
            parent_id = self.by_id[parent_id].parent_id
        return found


def _read_line(
    line: int, record: dict[str, str], areas: AreaLookup
) -> tuple[ParsedRow | None, list[Problem]]:
    problems = _LineProblems(line)
    area = areas.find(record["område"], problems)
    year = _whole_number(record["år"], "år", problems, required=True)
    if year is not None and not MIN_YEAR <= year <= MAX_YEAR:
        problems.add("year_range", value=year)
    population = _whole_number(record["indbyggere"], "indbyggere", problems, required=True)
    is_forecast = _yes_no(record["prognose"], "prognose", problems)
    capacities = _whole_number(record["kapaciteter"], "kapaciteter", problems)
    over_60 = _whole_number(record["kapaciteter_60_plus"], "kapaciteter_60_plus", problems)
    retirements = _whole_number(record["forventede_afgange"], "forventede_afgange", problems)
    closed = _closed_practices(record["lukket_liste"], "lukket_liste", problems)
    if capacities is not None and over_60 is not None and over_60 > capacities:
        problems.add("over_capacities", value=over_60, capacities=capacities)
    if problems.problems or area is None or year is None or population is None:
        return None, problems.problems
    row = ParsedRow(
        line=line,
        area_id=area.id,
        year=year,
        population=population,
        population_is_forecast=is_forecast,
        capacities=capacities,
        capacities_60_plus=over_60,
        expected_retirements=retirements or 0,
        closed_practices=closed,
    )
    return row, []


def _consistency_problems(rows: list[ParsedRow], areas: AreaLookup) -> list[Problem]:
    """Across lines: one line per area and year, no area together with an area it lies in, capacities in
    each area's first year, and never more retirements than capacities."""
    problems: list[Problem] = []
    seen: dict[tuple[int, int], ParsedRow] = {}
    for row in rows:
        name = areas.by_id[row.area_id].name
        earlier = seen.get((row.area_id, row.year))
        if earlier is not None:
            problems.append(
                Problem("duplicate", row.line, {"area": name, "year": row.year, "other": earlier.line})
            )
            continue
        seen[(row.area_id, row.year)] = row
    for row in seen.values():
        for ancestor in areas.ancestors(row.area_id):
            other = seen.get((ancestor.id, row.year))
            if other is not None:
                params = {
                    "area": areas.by_id[row.area_id].name,
                    "ancestor": ancestor.name,
                    "year": row.year,
                    "other": other.line,
                }
                problems.append(Problem("overlap", row.line, params))
    by_area: dict[int, list[ParsedRow]] = {}
    for row in seen.values():
        by_area.setdefault(row.area_id, []).append(row)
    for area_id, area_rows in by_area.items():
        name = areas.by_id[area_id].name
        area_rows.sort(key=lambda r: r.year)
        first = area_rows[0]
        if first.capacities is None:
            problems.append(
                Problem("first_year_without_capacities", first.line, {"area": name, "year": first.year})
            )
            continue
        base, retired = first, 0
        for row in area_rows:
            if row.capacities is not None:
                base, retired = row, 0
            retired += row.expected_retirements
            if base.capacities is not None and retired > base.capacities:
                params = {
                    "area": name,
                    "base": base.year,
                    "year": row.year,
                    "retired": retired,
                    "capacities": base.capacities,
                }
                problems.append(Problem("retirements_exceed", row.line, params))
                break
    return sorted(problems, key=lambda p: p.line or 0)


def parse(content: bytes, areas: AreaLookup) -> tuple[list[ParsedRow], list[Problem]]:
    """The file's rows, or every problem found in it (then no rows)."""
    text = decode_utf8(content)
    if text is None:
        return [], [Problem("not_utf8")]
    if not text.strip():
        return [], [Problem("empty")]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=detect_delimiter(text))
    header: list[str] | None = None
    names: list[str] = []
    rows: list[ParsedRow] = []
    problems: list[Problem] = []
    try:
        for cells in reader:
            if _is_skipped(cells):
                continue
            if header is None:
                header = cells
                header_problems = _header_problems(header)
                if header_problems:
                    return [], header_problems
                names = [ALIASES.get(h.strip().lower(), h.strip().lower()) for h in header]
                continue
            line = reader.line_num
            if len(cells) != len(header):
                problems.append(Problem("cell_count", line, {"found": len(cells), "expected": len(header)}))
                continue
            row, line_problems = _read_line(line, dict(zip(names, cells, strict=True)), areas)
            problems.extend(line_problems)
            if row is not None:
                rows.append(row)
    except csv.Error:
        problems.append(Problem("cell_count", reader.line_num, {"found": "?", "expected": len(header or [])}))
    if header is None:
        return [], [Problem("empty")]
    if not rows and not problems:
        return [], [Problem("no_rows")]
    problems.extend(_consistency_problems(rows, areas))
    if problems:
        return [], sorted(problems, key=lambda p: p.line or 0)
    return rows, []
