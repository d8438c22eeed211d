"""Reading a count of temporary places from a CSV file: every row checked, every problem reported.

The file (UTF-8, with or without BOM; `;` or `,` between fields; one header line; lines starting with
`#` are comments) has one row per capacity or purchase, told apart by the column `type`:

| kolonne | kapacitet (type = kapacitet) | køb (type = handel) |
|---|---|---|
| type | `kapacitet` | `handel` |
| periode | `2023-10` (måned), `2023-K4` (kvartal) eller `2023` (år) | samme |
| kommune | kommunen | tom |
| pladser | antal pladser i perioden (helt tal ≥ 0) | tom |
| belægningsdøgn | døgn, pladserne var belagt – også af andre kommuners borgere (helt tal ≥ 0) | tom |
| køber | tom | kommunen, der købte |
| sælger | tom | kommunen, hvis pladser blev købt |
| købte døgn | tom | købte pladsdøgn (helt tal ≥ 0) |
| pris pr. døgn | tom | kroner pr. døgn, fx 1.850 eller 1.850,50 (kan udelades) |

The column `pris pr. døgn` may be left out; all others must be there, and no others. Municipalities are
named as in Klynge (»Københavns Kommune«, »København« or »KK«) and must belong to the count's region.
A municipality has at most one capacity row per period, and its periods may not overlap; a purchase is
between two different municipalities that both have a capacity row for exactly its period, at most one
per buyer, seller and period; a municipality cannot sell more place-days than its places were occupied,
nor have more occupied place-days than places × days.

Nothing is saved unless the whole file is correct: `read_place_count` returns the rows or raises
`ImportRefused` with one problem per row (in Danish and English).
"""

import csv
import difflib
import io
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from klynge.catchment.models import Area, AreaKind
from klynge.kernel.csvfiles import FileProblem, ImportRefused, detect_delimiter
from klynge.kernel.formatting import danish_number, parse_danish_amount
from klynge.kernel.records import danish_to_ascii
from klynge.organisation.models import Party, PartyKind
from klynge.temporaryplaces.periods import PERIOD_FORMATS_DA, PERIOD_FORMATS_EN, Period, parse_period

MAX_ROWS = 5000

# Column key → the Danish header the file uses.
COLUMNS = {
    "type": "type",
    "period": "periode",
    "municipality": "kommune",
    "places": "pladser",
    "place_days_used": "belægningsdøgn",
    "buyer": "køber",
    "seller": "sælger",
    "place_days": "købte døgn",
    "price_per_day": "pris pr. døgn",
}
OPTIONAL_COLUMNS = {"price_per_day"}
CAPACITY_COLUMNS = ("municipality", "places", "place_days_used")
TRADE_COLUMNS = ("buyer", "seller", "place_days", "price_per_day")
# English headers are accepted too (the key itself, with spaces or underscores).
KINDS = {
    "kapacitet": "capacity",
    "capacity": "capacity",
    "handel": "trade",
    "koeb": "trade",
    "trade": "trade",
}


def _normal(text: str) -> str:
    """Headers and names compared without case, accents of æøå, punctuation or extra spaces."""
    return re.sub(r"[^a-z0-9]+", " ", danish_to_ascii(text.strip().lstrip("\ufeff")).lower()).strip()


HEADER_KEYS = (
    {_normal(header): key for key, header in COLUMNS.items()}
    | {_normal(key.replace("_", " ")): key for key in COLUMNS}
    | {"kind": "type"}
)


@dataclass(frozen=True)
class Problem:
    """One reason a file is refused; `line` is the file's line number (None: the file as a whole)."""

    line: int | None
    en: str
    da: str

    @property
    def english(self) -> str:
        return f"Line {self.line}: {self.en}" if self.line is not None else self.en

    @property
    def danish(self) -> str:
        return f"Linje {self.line}: {self.da}" if self.line is not None else self.da


def refused(problems: Sequence[FileProblem]) -> ImportRefused:
    """The file's refusal: its problems as messages on the input as a whole (the page shows them above
    the form, one per line of the file)."""
    return ImportRefused(problems, field=None)


@dataclass(frozen=True)
class CapacityRow:
    line: int
    municipality: Party
    period: Period
    places: int
    place_days_used: int


@dataclass(frozen=True)
class TradeRow:
    line: int
    buyer: Party
    seller: Party
    period: Period
    place_days: int
    price_per_day: Decimal | None


@dataclass
class PlaceCountFile:
    capacities: list[CapacityRow] = field(default_factory=list)
    trades: list[TradeRow] = field(default_factory=list)


class Municipalities:
    """The municipalities of a region by every name a file may use for them (two queries)."""

    def __init__(self, region: Party) -> None:
        self.region = region
        parties = list(Party.objects.filter(kind=PartyKind.MUNICIPALITY, region=region))
        self.names: dict[str, set[Party]] = defaultdict(set)
        for party in parties:
            for name in (party.name, party.short_name, party.slug):
                if name:
                    self.names[_normal(name)].add(party)
        by_id = {p.pk: p for p in parties}
        for area_name, party_id in Area.objects.filter(
            kind=AreaKind.MUNICIPALITY, party__in=parties
        ).values_list("name", "party_id"):
            self.names[_normal(area_name)].add(by_id[party_id])

    def find(self, text: str) -> tuple[Party | None, str, str]:
        """The municipality named `text`, or None with why (English, Danish)."""
        matches = self.names.get(_normal(text), set())
        if len(matches) == 1:
            return next(iter(matches)), "", ""
        if len(matches) > 1:
            names = ", ".join(sorted(p.name for p in matches))
            return None, f"'{text}' may be any of {names}", f"»{text}« kan være flere kommuner: {names}"
        close = difflib.get_close_matches(_normal(text), list(self.names), n=1)
        hint_en = hint_da = ""
        if close:
            suggestion = sorted(p.name for p in self.names[close[0]])[0]
            hint_en, hint_da = f" (did you mean {suggestion}?)", f" (mente du {suggestion}?)"
        return (
            None,
            f"unknown municipality '{text}' in {self.region.name}{hint_en}",
            f"ukendt kommune »{text}« i {self.region.name}{hint_da}",
        )


def decode(content: bytes) -> str:
    # Not the kernel's decode_utf8: this message names the byte, which helps find it in a long count.
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise refused(
            [
                Problem(
                    None,
                    f"The file is not UTF-8 text (byte {error.start}); save it as CSV UTF-8.",
                    f"Filen er ikke UTF-8-tekst (byte {error.start}); gem den som »CSV UTF-8«.",
                )
            ]
        ) from None


def _whole_number(text: str) -> int:
    cleaned = text.replace(" ", "").replace("\xa0", "")
    if re.fullmatch(r"-?\d{1,3}(\.\d{3})+", cleaned):
        cleaned = cleaned.replace(".", "")
    if not re.fullmatch(r"-?\d+", cleaned):
        raise ValueError(text)
    return int(cleaned)


class _RowReader:
    """Reads the fields of one row, collecting a problem for each bad field."""

    def __init__(self, line: int, values: dict[str, str], problems: list[Problem]) -> None:
        self.line, self.values, self.problems = line, values, problems

    def problem(self, en: str, da: str) -> None:
        self.problems.append(Problem(self.line, en, da))

    def text(self, key: str) -> str:
        return self.values.get(key, "").strip()

    def required(self, key: str) -> str | None:
        value = self.text(key)
        if not value:
            self.problem(f"'{COLUMNS[key]}' is empty", f"»{COLUMNS[key]}« er tom")
            return None
        return value

    def count(self, key: str) -> int | None:
        value = self.required(key)
        if value is None:
            return None
        try:
            number = _whole_number(value)
        except ValueError:
            self.problem(
                f"'{COLUMNS[key]}' must be a whole number, not '{value}'",
                f"»{COLUMNS[key]}« skal være et helt tal, ikke »{value}«",
            )
            return None
        if number < 0:
            self.problem(
                f"'{COLUMNS[key]}' cannot be negative ({number})",
                f"»{COLUMNS[key]}« kan ikke være negativ ({number})",
            )
            return None
        return number

    def price(self, key: str) -> Decimal | None:
        value = self.text(key)
        if not value:
            return None
        try:
            amount = parse_danish_amount(value)
        except ValueError:
            self.problem(
                f"'{COLUMNS[key]}' must be an amount in kroner with a decimal comma, e.g. 1.850,50, not '{value}'",
                f"»{COLUMNS[key]}« skal være et beløb i kroner, fx 1.850 eller 1.850,50, ikke »{value}«",
            )
            return None
        if amount < 0:
            self.problem(
                f"'{COLUMNS[key]}' cannot be negative ({value})",
                f"»{COLUMNS[key]}« kan ikke være negativ ({value})",
            )
            return None
        if amount >= Decimal(10**10):
            self.problem(
                f"'{COLUMNS[key]}' is too large ({value})", f"»{COLUMNS[key]}« er for stor ({value})"
            )
            return None
        return amount

    def period(self) -> Period | None:
        value = self.required("period")
        if value is None:
            return None
        try:
            return parse_period(value)
        except ValueError:
            self.problem(
                f"'periode' must be {PERIOD_FORMATS_EN}, not '{value}'",
                f"»periode« skal være {PERIOD_FORMATS_DA}, ikke »{value}«",
            )
            return None

    def municipality(self, key: str, municipalities: Municipalities) -> Party | None:
        value = self.required(key)
        if value is None:
            return None
        party, en, da = municipalities.find(value)
        if party is None:
            self.problem(f"'{COLUMNS[key]}': {en}", f"»{COLUMNS[key]}«: {da}")
        return party

    def empty(self, keys: Iterable[str], kind_en: str, kind_da: str) -> None:
        filled = [COLUMNS[k] for k in keys if self.text(k)]
        if filled:
            names = ", ".join(filled)
            self.problem(
                f"a {kind_en} row leaves {names} empty", f"en linje af typen {kind_da} skal have {names} tom"
            )


def _header(row: list[str], line: int) -> tuple[dict[int, str], list[Problem]]:
    """Column position → key, or the problems with the header."""
    positions: dict[int, str] = {}
    unknown: list[str] = []
    seen: dict[str, int] = {}
    problems: list[Problem] = []
    for i, header in enumerate(row):
        if not header.strip():
            continue
        key = HEADER_KEYS.get(_normal(header))
        if key is None:
            unknown.append(header.strip())
        elif key in seen:
            problems.append(
                Problem(
                    line,
                    f"the column '{COLUMNS[key]}' appears twice",
                    f"kolonnen »{COLUMNS[key]}« står der to gange",
                )
            )
        else:
            seen[key] = i
            positions[i] = key
    missing = [COLUMNS[k] for k in COLUMNS if k not in seen and k not in OPTIONAL_COLUMNS]
    expected = "; ".join(COLUMNS.values())
    if unknown:
        names = ", ".join(unknown)
        problems.append(
            Problem(
                line,
                f"unknown columns: {names} (the columns are: {expected})",
                f"ukendte kolonner: {names} (kolonnerne er: {expected})",
            )
        )
    if missing:
        names = ", ".join(missing)
        problems.append(
            Problem(
                line,
                f"missing columns: {names} (the columns are: {expected})",
                f"kolonner mangler: {names} (kolonnerne er: {expected})",
            )
        )
    return positions, problems


def read_place_count(content: bytes, *, region: Party) -> PlaceCountFile:
    """Read and check a whole file against the region's municipalities; raises ImportRefused."""
    # Lines starting with # are comments (an example file says so at its top); they keep their numbers.
    lines = ["" if line.lstrip().startswith("#") else line for line in decode(content).splitlines()]
    first = next((line for line in lines if line.strip()), "")
    if not first:
        raise refused([Problem(None, "The file is empty.", "Filen er tom.")])
    reader = csv.reader(io.StringIO("\n".join(lines)), delimiter=detect_delimiter(first))
    problems: list[Problem] = []
    positions: dict[int, str] | None = None
    municipalities = Municipalities(region)
    result = PlaceCountFile()
    try:
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            if positions is None:
                positions, header_problems = _header(row, reader.line_num)
                if header_problems:
                    raise refused(header_problems)
                continue
            line = reader.line_num
            if len(result.capacities) + len(result.trades) >= MAX_ROWS:
                raise refused(
                    [
                        Problem(
                            line,
                            f"the file has more than {MAX_ROWS} rows; split it",
                            f"filen har mere end {danish_number(MAX_ROWS)} linjer; del den op",
                        )
                    ]
                )
            extra = [cell for i, cell in enumerate(row) if i not in positions and cell.strip()]
            if extra:
                problems.append(
                    Problem(
                        line,
                        f"more fields than columns ({len(row)}); is a value with the separator in it unquoted?",
                        f"flere felter end kolonner ({len(row)}); står en værdi med skilletegnet uden anførselstegn?",
                    )
                )
                continue
            values = {key: row[i] for i, key in positions.items() if i < len(row)}
            _read_row(_RowReader(line, values, problems), municipalities, result)
    except csv.Error as error:
        raise refused(
            [
                Problem(
                    reader.line_num,
                    f"the file cannot be read as CSV ({error})",
                    f"filen kan ikke læses som CSV ({error})",
                )
            ]
        ) from None
    if positions is not None and not result.capacities and not result.trades and not problems:
        problems.append(
            Problem(
                None, "The file has no rows after its header.", "Filen har ingen linjer under overskrifterne."
            )
        )
    problems += _check_across_rows(result)
    if problems:
        raise refused(sorted(problems, key=lambda p: p.line or 0))
    return result


def _read_row(row: _RowReader, municipalities: Municipalities, result: PlaceCountFile) -> None:
    kind_text = row.required("type")
    if kind_text is None:
        return
    kind = KINDS.get(_normal(kind_text))
    if kind is None:
        row.problem(
            f"'type' must be 'kapacitet' or 'handel', not '{kind_text}'",
            f"»type« skal være »kapacitet« eller »handel«, ikke »{kind_text}«",
        )
        return
    before = len(row.problems)
    period = row.period()
    if kind == "capacity":
        row.empty(TRADE_COLUMNS, "capacity", "kapacitet")
        municipality = row.municipality("municipality", municipalities)
        places = row.count("places")
        used = row.count("place_days_used")
        if (
            len(row.problems) > before
            or period is None
            or municipality is None
            or places is None
            or used is None
        ):
            return
        if used > places * period.days:
            row.problem(
                f"{used} occupied place-days exceed the {places * period.days} place-days of {places} places "
                f"× {period.days} days",
                f"{danish_number(used)} belægningsdøgn er flere end {danish_number(places * period.days)} "
                f"pladsdøgn ({danish_number(places)} pladser × {period.days} dage)",
            )
            return
        result.capacities.append(CapacityRow(row.line, municipality, period, places, used))
    else:
        row.empty(CAPACITY_COLUMNS, "trade", "handel")
        buyer = row.municipality("buyer", municipalities)
        seller = row.municipality("seller", municipalities)
        days = row.count("place_days")
        price = row.price("price_per_day")
        if buyer is not None and buyer == seller:
            row.problem(
                f"{buyer.name} cannot buy places from itself",
                f"{buyer.name} kan ikke købe pladser af sig selv",
            )
        if len(row.problems) > before or period is None or buyer is None or seller is None or days is None:
            return
        result.trades.append(TradeRow(row.line, buyer, seller, period, days, price))


def _check_across_rows(result: PlaceCountFile) -> list[Problem]:
    problems: list[Problem] = []
    by_municipality: dict[Party, list[CapacityRow]] = defaultdict(list)
    for capacity in result.capacities:
        for earlier in by_municipality[capacity.municipality]:
            name = capacity.municipality.name
            if earlier.period == capacity.period:
                problems.append(
                    Problem(
                        capacity.line,
                        f"{name} already has a capacity row for {capacity.period} (line {earlier.line})",
                        f"{name} har allerede en kapacitetslinje for {capacity.period.label} (linje {earlier.line})",
                    )
                )
                break
            if earlier.period.overlaps(capacity.period):
                problems.append(
                    Problem(
                        capacity.line,
                        f"the period {capacity.period} overlaps {earlier.period} for {name} (line {earlier.line})",
                        f"perioden {capacity.period.label} overlapper {earlier.period.label} for {name} "
                        f"(linje {earlier.line})",
                    )
                )
                break
        by_municipality[capacity.municipality].append(capacity)

    capacity_of = {(c.municipality, c.period): c for c in result.capacities}
    seen_trades: dict[tuple[Party, Party, Period], int] = {}
    sold: dict[tuple[Party, Period], list[TradeRow]] = defaultdict(list)
    for trade in result.trades:
        key = (trade.buyer, trade.seller, trade.period)
        if key in seen_trades:
            problems.append(
                Problem(
                    trade.line,
                    f"{trade.buyer.name}'s purchase from {trade.seller.name} in {trade.period} is already on "
                    f"line {seen_trades[key]}",
                    f"{trade.buyer.name}s køb af {trade.seller.name} i {trade.period.label} står allerede på "
                    f"linje {seen_trades[key]}",
                )
            )
            continue
        seen_trades[key] = trade.line
        missing = [
            (role_en, role_da, party)
            for role_en, role_da, party in (
                ("buyer", "køber", trade.buyer),
                ("seller", "sælger", trade.seller),
            )
            if (party, trade.period) not in capacity_of
        ]
        for role_en, role_da, party in missing:
            problems.append(
                Problem(
                    trade.line,
                    f"the {role_en} {party.name} has no capacity row for {trade.period}",
                    f"{role_da}en {party.name} har ingen kapacitetslinje for {trade.period.label}",
                )
            )
        if not missing:
            sold[(trade.seller, trade.period)].append(trade)
    for (seller, period), trades in sold.items():
        total = sum(t.place_days for t in trades)
        capacity = capacity_of[(seller, period)]
        if total > capacity.place_days_used:
            lines = ", ".join(str(t.line) for t in trades)
            problems.append(
                Problem(
                    capacity.line,
                    f"{seller.name} sold {total} place-days in {period} (lines {lines}), more than its "
                    f"{capacity.place_days_used} occupied place-days",
                    f"{seller.name} har solgt {danish_number(total)} døgn i {period.label} (linje {lines}), flere "
                    f"end kommunens {danish_number(capacity.place_days_used)} belægningsdøgn",
                )
            )
    return problems
