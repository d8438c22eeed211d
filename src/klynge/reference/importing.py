"""Read and check the national reference data files (CSV, see data/manifest.json) before anything is
written: every row is parsed, every reference between files resolved, and the first problem refused with
an English message naming the file, the row and the field."""

import csv
import datetime
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"

FILES = ("sources.csv", "regions.csv", "municipalities.csv", "hospitals.csv", "clusters.csv", "councils.csv")
MEMBERSHIP = ("complete", "partial", "unknown")
CODE = re.compile(r"^[0-9]{4}$")
# The councils' political bodies rest on L 214, so the files must cite it.
REQUIRED_SOURCE = "ft-l214-2024-25"


class ReferenceDataError(ValueError):
    """A reference data file is wrong; nothing is imported."""

    def __init__(self, file: str, row: int | None, field: str | None, message: str) -> None:
        where = file
        if row is not None:
            where += f", row {row}"
        if field is not None:
            where += f", field '{field}'"
        super().__init__(f"{where}: {message}")
        self.file, self.row, self.field = file, row, field


@dataclass(frozen=True)
class SourceRow:
    row: int
    key: str
    title: str
    publisher: str
    date: datetime.date | None
    url: str
    description: str


@dataclass(frozen=True)
class RegionRow:
    row: int
    name: str
    short_name: str
    code: str
    valid_from: datetime.date | None
    valid_to: datetime.date | None
    source: str
    source_note: str


@dataclass(frozen=True)
class MunicipalityRow:
    row: int
    code: str
    name: str
    region_until_2026: str
    region_from_2027: str
    source: str
    source_2027: str
    source_note: str


@dataclass(frozen=True)
class HospitalRow:
    row: int
    name: str
    short_name: str
    region: str
    source: str
    source_note: str


@dataclass(frozen=True)
class CollaborationRow:
    """A cluster or a health council: its municipalities by kommunekode, and how complete that list is."""

    row: int
    name: str
    short_name: str
    region: str
    hospitals: tuple[str, ...]
    municipalities: tuple[str, ...]
    membership: str
    source: str
    source_note: str


@dataclass
class ReferenceData:
    version: str
    title: str
    description: str
    sources: list[SourceRow] = field(default_factory=list)
    regions: list[RegionRow] = field(default_factory=list)
    municipalities: list[MunicipalityRow] = field(default_factory=list)
    hospitals: list[HospitalRow] = field(default_factory=list)
    clusters: list[CollaborationRow] = field(default_factory=list)
    councils: list[CollaborationRow] = field(default_factory=list)


class _File:
    """One CSV file's rows as dicts, with the checks every column needs."""

    def __init__(self, folder: Path, name: str, columns: tuple[str, ...]) -> None:
        self.name = name
        path = folder / name
        if not path.is_file():
            raise ReferenceDataError(name, None, None, f"file not found in {folder}")
        try:
            with path.open(encoding="utf-8", newline="") as handle:
                reader = csv.DictReader(handle)
                header = tuple(reader.fieldnames or ())
                missing = [c for c in columns if c not in header]
                if missing:
                    raise ReferenceDataError(name, 1, missing[0], "column missing from the header")
                self.rows: list[tuple[int, dict[str, str]]] = []
                for number, values in enumerate(reader, start=2):
                    if None in values or any(v is None for v in values.values()):
                        raise ReferenceDataError(name, number, None, "wrong number of columns")
                    self.rows.append((number, {k: (v or "").strip() for k, v in values.items()}))
        except UnicodeDecodeError as error:
            raise ReferenceDataError(name, None, None, f"not UTF-8 text ({error.reason})") from None
        except csv.Error as error:
            raise ReferenceDataError(name, None, None, f"not a valid CSV file ({error})") from None

    def required(self, row: int, values: dict[str, str], column: str) -> str:
        value = values[column]
        if not value:
            raise ReferenceDataError(self.name, row, column, "required, but empty")
        return value

    def date(self, row: int, values: dict[str, str], column: str) -> datetime.date | None:
        value = values[column]
        if not value:
            return None
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            raise ReferenceDataError(
                self.name, row, column, f"'{value}' is not a date (YYYY-MM-DD)"
            ) from None

    def code(self, row: int, values: dict[str, str], column: str, *, required: bool) -> str:
        value = values[column]
        if not value and not required:
            return ""
        if not CODE.match(value):
            raise ReferenceDataError(self.name, row, column, f"'{value}' is not a four-digit code, e.g. 0101")
        return value

    def unique(self, seen: set[str], row: int, column: str, value: str) -> None:
        if value in seen:
            raise ReferenceDataError(self.name, row, column, f"'{value}' appears more than once")
        seen.add(value)


def _list(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split(";") if part.strip())


def read_reference_data(folder: Path | str | None = None) -> ReferenceData:
    """Read and check all files in `folder` (default: the data shipped with Klynge)."""
    folder = Path(folder) if folder is not None else DATA_DIR
    if not folder.is_dir():
        raise ReferenceDataError(str(folder), None, None, "not a folder")
    try:
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ReferenceDataError("manifest.json", None, None, f"file not found in {folder}") from None
    except (ValueError, UnicodeDecodeError) as error:
        raise ReferenceDataError("manifest.json", None, None, f"not valid JSON ({error})") from None
    if not isinstance(manifest, dict) or not str(manifest.get("version", "")).strip():
        raise ReferenceDataError("manifest.json", None, "version", "required, but empty")
    data = ReferenceData(
        version=str(manifest["version"]).strip(),
        title=str(manifest.get("title", "")).strip() or "Nationale referencedata",
        description=str(manifest.get("description", "")).strip(),
    )

    f = _File(folder, "sources.csv", ("key", "title", "publisher", "date", "url", "description"))
    seen: set[str] = set()
    for row, v in f.rows:
        key = f.required(row, v, "key")
        f.unique(seen, row, "key", key)
        data.sources.append(
            SourceRow(
                row,
                key,
                f.required(row, v, "title"),
                v["publisher"],
                f.date(row, v, "date"),
                v["url"],
                v["description"],
            )
        )
    source_keys = seen
    if REQUIRED_SOURCE not in source_keys:
        raise ReferenceDataError(
            "sources.csv", None, "key", f"the source '{REQUIRED_SOURCE}' (L 214) is missing"
        )

    def source_of(file: _File, row: int, values: dict[str, str], column: str = "source") -> str:
        key = file.required(row, values, column)
        if key not in source_keys:
            raise ReferenceDataError(file.name, row, column, f"unknown source '{key}' (not in sources.csv)")
        return key

    f = _File(
        folder,
        "regions.csv",
        ("name", "short_name", "regionskode", "valid_from", "valid_to", "source", "source_note"),
    )
    codes: set[str] = set()
    seen = set()
    for row, v in f.rows:
        name = f.required(row, v, "name")
        f.unique(seen, row, "name", name)
        code = f.code(row, v, "regionskode", required=False)
        if code:
            f.unique(codes, row, "regionskode", code)
        valid_from, valid_to = f.date(row, v, "valid_from"), f.date(row, v, "valid_to")
        if valid_from and valid_to and valid_to < valid_from:
            raise ReferenceDataError(f.name, row, "valid_to", "ends before valid_from")
        data.regions.append(
            RegionRow(
                row, name, v["short_name"], code, valid_from, valid_to, source_of(f, row, v), v["source_note"]
            )
        )
    regions = {r.name: r for r in data.regions}

    def region_of(
        file: _File, row: int, values: dict[str, str], column: str, *, required: bool = True
    ) -> str:
        name = file.required(row, values, column) if required else values[column]
        if name and name not in regions:
            raise ReferenceDataError(file.name, row, column, f"unknown region '{name}' (not in regions.csv)")
        return name

    f = _File(
        folder,
        "municipalities.csv",
        (
            "kommunekode",
            "name",
            "region_until_2026",
            "region_from_2027",
            "source",
            "source_2027",
            "source_note",
        ),
    )
    names: set[str] = set()
    seen = set()
    for row, v in f.rows:
        code = f.code(row, v, "kommunekode", required=True)
        f.unique(seen, row, "kommunekode", code)
        name = f.required(row, v, "name")
        f.unique(names, row, "name", name)
        old, new = region_of(f, row, v, "region_until_2026"), region_of(f, row, v, "region_from_2027")
        for column, region in (("region_until_2026", old), ("region_from_2027", new)):
            period = regions[region]
            day = datetime.date(2026, 6, 1) if column == "region_until_2026" else datetime.date(2027, 6, 1)
            if (period.valid_from and period.valid_from > day) or (period.valid_to and period.valid_to < day):
                raise ReferenceDataError(
                    f.name, row, column, f"'{region}' does not exist on {day.isoformat()}"
                )
        data.municipalities.append(
            MunicipalityRow(
                row,
                code,
                name,
                old,
                new,
                source_of(f, row, v),
                source_of(f, row, v, "source_2027"),
                v["source_note"],
            )
        )
    municipality_codes = seen

    f = _File(folder, "hospitals.csv", ("name", "short_name", "region", "source", "source_note"))
    seen = set()
    for row, v in f.rows:
        name = f.required(row, v, "name")
        f.unique(seen, row, "name", name)
        data.hospitals.append(
            HospitalRow(
                row,
                name,
                v["short_name"],
                region_of(f, row, v, "region"),
                source_of(f, row, v),
                v["source_note"],
            )
        )
    hospital_names = seen

    def collaborations(name: str, *, with_hospitals: bool) -> list[CollaborationRow]:
        columns: tuple[str, ...] = (
            "name",
            "short_name",
            "region",
            "municipalities",
            "membership",
            "source",
            "source_note",
        )
        if with_hospitals:
            columns += ("hospitals",)
        file = _File(folder, name, columns)
        result: list[CollaborationRow] = []
        seen_names: set[str] = set()
        for row, v in file.rows:
            title = file.required(row, v, "name")
            file.unique(seen_names, row, "name", title)
            hospitals = _list(v["hospitals"]) if with_hospitals else ()
            for hospital in hospitals:
                if hospital not in hospital_names:
                    raise ReferenceDataError(file.name, row, "hospitals", f"unknown hospital '{hospital}'")
            members = _list(v["municipalities"])
            for code in members:
                if code not in municipality_codes:
                    raise ReferenceDataError(
                        file.name,
                        row,
                        "municipalities",
                        f"unknown kommunekode '{code}' (not in municipalities.csv)",
                    )
            if len(set(members)) != len(members):
                raise ReferenceDataError(
                    file.name, row, "municipalities", "a kommunekode appears more than once"
                )
            membership = file.required(row, v, "membership")
            if membership not in MEMBERSHIP:
                raise ReferenceDataError(
                    file.name, row, "membership", f"'{membership}' is not one of {', '.join(MEMBERSHIP)}"
                )
            if membership == "unknown" and members:
                raise ReferenceDataError(
                    file.name, row, "municipalities", "membership is 'unknown' but lists municipalities"
                )
            if membership != "unknown" and not members:
                raise ReferenceDataError(
                    file.name, row, "municipalities", f"membership is '{membership}' but lists none"
                )
            result.append(
                CollaborationRow(
                    row,
                    title,
                    v["short_name"],
                    region_of(file, row, v, "region", required=with_hospitals),
                    hospitals,
                    members,
                    membership,
                    source_of(file, row, v),
                    v["source_note"],
                )
            )
        return result

    data.clusters = collaborations("clusters.csv", with_hospitals=True)
    data.councils = collaborations("councils.csv", with_hospitals=False)
    return data
