"""Reading a catchment file (optageområder): a CSV with Danish headers, checked in full before anything
is saved.

The columns (in any order, headers case-insensitive; `omraade` is accepted for `område`)::

    område; speciale; hospital; gyldig_fra; gyldig_til

- område: the area's name as in Klynge (a municipality or a district, e.g. "Valby") or its slug;
- speciale: a specialty's name or slug (e.g. "Fødsler"); empty for the general catchment;
- hospital: the hospital's name, short name (e.g. "AHH") or slug;
- gyldig_fra: the first day the rule holds (YYYY-MM-DD or DD.MM.YYYY);
- gyldig_til: the last day (empty: until further notice).

Fields are separated by `;` or `,` (read from the header line), the file is UTF-8 with or without a byte
order mark, and lines starting with `#` are comments. Every problem is reported with its line, in Danish
and in English; a file with any problem is not imported at all.
"""

import csv
import datetime
import io
from dataclasses import dataclass
from typing import ClassVar

from klynge.kernel.csvfiles import FILE_MESSAGES, CodedProblem, decode_utf8, detect_delimiter

COLUMNS = ("område", "speciale", "hospital", "gyldig_fra", "gyldig_til")
ALIASES = {"omraade": "område"}
DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y", "%d-%m-%Y", "%d/%m/%Y")

# code: (Danish, English); the line number is put in front by Problem.
MESSAGES: dict[str, tuple[str, str]] = {
    **FILE_MESSAGES,
    "no_rows": ("Filen har ingen linjer med regler.", "The file has no data lines."),
    "unknown_area": (
        "Området »{value}« findes ikke i Klynge. Brug områdets navn, fx »Valby«, eller dets kortnavn.",
        "Unknown area '{value}'. Use the area's name as in Klynge, e.g. 'Valby', or its slug.",
    ),
    "ambiguous_area": (
        "Flere områder hedder »{value}« ({matches}). Brug områdets kortnavn.",
        "Several areas are called '{value}' ({matches}). Use the area's slug.",
    ),
    "unknown_hospital": (
        "Hospitalet »{value}« findes ikke i Klynge. Brug hospitalets navn, forkortelse eller kortnavn.",
        "Unknown hospital '{value}'. Use the hospital's name, short name or slug.",
    ),
    "unknown_specialty": (
        "Specialet »{value}« findes ikke i Klynge. Lad feltet stå tomt for det generelle optageområde.",
        "Unknown specialty '{value}'. Leave it empty for the general catchment.",
    ),
    "bad_date": (
        "{column} skal være en dato som 2026-01-01 eller 01.01.2026, ikke »{value}«.",
        "{column} must be a date such as 2026-01-01 or 01.01.2026, not '{value}'.",
    ),
    "end_before_start": (
        "gyldig_til ({end}) ligger før gyldig_fra ({start}).",
        "gyldig_til ({end}) is before gyldig_fra ({start}).",
    ),
    "overlap_in_file": (
        "{area} ({specialty}) har også en regel i linje {other}, og perioderne overlapper.",
        "{area} ({specialty}) also has a rule on line {other}, and the periods overlap.",
    ),
    "overlap_existing": (
        "{area} ({specialty}) har allerede en regel for {hospital} fra {start}{end}, som perioden overlapper. "
        "En ny regel kan kun afløse den gældende regel fra en senere dato.",
        "{area} ({specialty}) already has a rule for {hospital} from {start}{end_en} that the period overlaps. "
        "A new rule can only replace the current rule from a later date.",
    ),
}


@dataclass(frozen=True)
class Problem(CodedProblem):
    """One reason a file is refused, at a line of the file (None for the file as a whole)."""

    messages: ClassVar[dict[str, tuple[str, str]]] = MESSAGES


@dataclass(frozen=True)
class Ref:
    """A record the importer can refer to: an area, a hospital or a specialty."""

    id: int
    name: str
    keys: tuple[str, ...]
    label: str = ""


@dataclass(frozen=True)
class ExistingRule:
    id: int
    area_id: int
    specialty_id: int | None
    hospital_name: str
    valid_from: datetime.date
    valid_to: datetime.date | None


@dataclass(frozen=True)
class ParsedRow:
    line: int
    area: Ref
    specialty: Ref | None
    hospital: Ref
    valid_from: datetime.date
    valid_to: datetime.date | None


class Lookup:
    """Find a record by its name or another key (case-insensitive); a name shared by several is ambiguous."""

    def __init__(self, refs: list[Ref]) -> None:
        self.by_key: dict[str, list[Ref]] = {}
        for ref in refs:
            for key in {ref.name.strip().casefold(), *(k.strip().casefold() for k in ref.keys if k)}:
                self.by_key.setdefault(key, []).append(ref)

    def find(self, value: str) -> list[Ref]:
        return self.by_key.get(value.strip().casefold(), [])


@dataclass
class Reference:
    """Everything in Klynge that a file is checked against."""

    areas: Lookup
    hospitals: Lookup
    specialties: Lookup
    rules: list[ExistingRule]


def _names(header: list[str]) -> list[str]:
    return [ALIASES.get(h.strip().lower(), h.strip().lower()) for h in header]


def _header_problems(header: list[str]) -> list[Problem]:
    names = _names(header)
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


def _date(value: str, column: str, line: int, problems: list[Problem]) -> datetime.date | None:
    text = value.strip()
    for pattern in DATE_FORMATS:
        try:
            day = datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
        if 1900 <= day.year <= 2200:
            return day
    problems.append(Problem("bad_date", line, {"column": column, "value": text[:40]}))
    return None


def _read_line(
    line: int, record: dict[str, str], reference: Reference
) -> tuple[ParsedRow | None, list[Problem]]:
    problems: list[Problem] = []
    area: Ref | None = None
    text = record["område"].strip()
    if not text:
        problems.append(Problem("required", line, {"column": "område"}))
    else:
        found = reference.areas.find(text)
        if len(found) == 1:
            area = found[0]
        elif found:
            matches = ", ".join(f"{a.label} {a.keys[0]}" for a in found)
            problems.append(Problem("ambiguous_area", line, {"value": text[:80], "matches": matches}))
        else:
            problems.append(Problem("unknown_area", line, {"value": text[:80]}))
    specialty: Ref | None = None
    text = record["speciale"].strip()
    if text:
        found = reference.specialties.find(text)
        if found:
            specialty = found[0]
        else:
            problems.append(Problem("unknown_specialty", line, {"value": text[:80]}))
    hospital: Ref | None = None
    text = record["hospital"].strip()
    if not text:
        problems.append(Problem("required", line, {"column": "hospital"}))
    else:
        found = reference.hospitals.find(text)
        if len(found) == 1:
            hospital = found[0]
        else:
            problems.append(Problem("unknown_hospital", line, {"value": text[:80]}))
    valid_from: datetime.date | None = None
    if not record["gyldig_fra"].strip():
        problems.append(Problem("required", line, {"column": "gyldig_fra"}))
    else:
        valid_from = _date(record["gyldig_fra"], "gyldig_fra", line, problems)
    valid_to = (
        _date(record["gyldig_til"], "gyldig_til", line, problems) if record["gyldig_til"].strip() else None
    )
    if valid_from is not None and valid_to is not None and valid_to < valid_from:
        problems.append(Problem("end_before_start", line, {"start": valid_from, "end": valid_to}))
    if problems or area is None or hospital is None or valid_from is None:
        return None, problems
    return ParsedRow(line, area, specialty, hospital, valid_from, valid_to), []


def _overlaps(
    a_from: datetime.date, a_to: datetime.date | None, b_from: datetime.date, b_to: datetime.date | None
) -> bool:
    return (a_to is None or b_from <= a_to) and (b_to is None or a_from <= b_to)


def _consistency_problems(rows: list[ParsedRow], rules: list[ExistingRule]) -> list[Problem]:
    """Across lines and against Klynge: no two rules for the same area and specialty overlap, except that a
    new rule may start while an open rule runs (the open rule then ends the day before)."""
    problems: list[Problem] = []
    by_key: dict[tuple[int, int | None], list[ParsedRow]] = {}
    for row in rows:
        key = (row.area.id, row.specialty.id if row.specialty else None)
        specialty = row.specialty.name if row.specialty else "generelt"
        for other in by_key.get(key, []):
            if _overlaps(row.valid_from, row.valid_to, other.valid_from, other.valid_to):
                problems.append(
                    Problem(
                        "overlap_in_file",
                        row.line,
                        {"area": row.area.name, "specialty": specialty, "other": other.line},
                    )
                )
                break
        by_key.setdefault(key, []).append(row)
        for rule in rules:
            if (rule.area_id, rule.specialty_id) != key:
                continue
            replaced = rule.valid_to is None and rule.valid_from < row.valid_from
            if replaced or not _overlaps(row.valid_from, row.valid_to, rule.valid_from, rule.valid_to):
                continue
            params = {
                "area": row.area.name,
                "specialty": specialty,
                "hospital": rule.hospital_name,
                "start": rule.valid_from.isoformat(),
                "end": f" til {rule.valid_to.isoformat()}" if rule.valid_to else " uden slutdato",
                "end_en": f" to {rule.valid_to.isoformat()}" if rule.valid_to else " with no end",
            }
            problems.append(Problem("overlap_existing", row.line, params))
            break
    return problems


def parse(content: bytes, reference: Reference) -> tuple[list[ParsedRow], list[Problem]]:
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
            if not any(c.strip() for c in cells) or cells[0].lstrip().startswith("#"):
                continue
            if header is None:
                header = cells
                header_problems = _header_problems(header)
                if header_problems:
                    return [], header_problems
                names = _names(header)
                continue
            line = reader.line_num
            if len(cells) != len(header):
                problems.append(Problem("cell_count", line, {"found": len(cells), "expected": len(header)}))
                continue
            row, line_problems = _read_line(line, dict(zip(names, cells, strict=True)), reference)
            problems.extend(line_problems)
            if row is not None:
                rows.append(row)
    except csv.Error:
        problems.append(Problem("cell_count", reader.line_num, {"found": "?", "expected": len(header or [])}))
    if header is None:
        return [], [Problem("empty")]
    if not rows and not problems:
        return [], [Problem("no_rows")]
    problems.extend(_consistency_problems(rows, reference.rules))
    if problems:
        return [], sorted(problems, key=lambda p: p.line or 0)
    return rows, []
