"""Settings read from the environment: a value that is not what the setting needs stops the start with one
clear English sentence naming the variable (`ImproperlyConfigured`, which `klynge` prints as one line),
never a bare `ValueError` traceback and never a silently clamped number.

Read by the settings modules and gunicorn's configuration, so it imports nothing but Django's exception.
"""

import math
import os

from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = frozenset({"1", "true", "yes", "on"})
FALSE_WORDS = frozenset({"0", "false", "no", "off", ""})


def env_flag(name: str, default: bool) -> bool:
    """On for 1/true/yes/on, off for 0/false/no/off or empty (any case); the default if unset."""
    value = os.environ.get(name)
    if value is None:
        return default
    word = value.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(f"{name} must be on or off (1/true/yes/on or 0/false/no/off), not {value!r}.")


def env_int(name: str, default: int, *, minimum: int | None = None, maximum: int | None = None) -> int:
    """A whole number within [minimum, maximum]; the default if unset or empty."""
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        number = int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None
    _check_range(name, number, minimum, maximum)
    return number


def env_float(
    name: str, default: float, *, minimum: float | None = None, maximum: float | None = None
) -> float:
    """A finite number (a dot for decimals) within [minimum, maximum]; the default if unset or empty."""
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        number = float(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a number such as 1.5, not {value!r}.") from None
    if not math.isfinite(number):
        raise ImproperlyConfigured(f"{name} must be a finite number, not {value!r}.")
    _check_range(name, number, minimum, maximum)
    return number


def env_int_list(name: str, default: list[int], *, minimum: int | None = None) -> list[int]:
    """Whole numbers separated by commas, each at least minimum; the default if unset."""
    value = os.environ.get(name)
    if value is None:
        return list(default)
    numbers = []
    for part in value.split(","):
        if not part.strip():
            continue
        try:
            number = int(part)
        except ValueError:
            raise ImproperlyConfigured(
                f"{name} must be whole numbers separated by commas, such as 3,1; {part.strip()!r} is not one."
            ) from None
        _check_range(name, number, minimum, None)
        numbers.append(number)
    return numbers


def _check_range(name: str, number: float, minimum: float | None, maximum: float | None) -> None:
    if minimum is not None and maximum is not None and not minimum <= number <= maximum:
        raise ImproperlyConfigured(f"{name} must be between {minimum} and {maximum}, not {number}.")
    if minimum is not None and number < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, not {number}.")
    if maximum is not None and number > maximum:
        raise ImproperlyConfigured(f"{name} must be at most {maximum}, not {number}.")
