"""Which country the user is in, for the emergency number: ``--region``, ``$BACKPAIN_REGION``, the locale."""

import os
import re
from collections.abc import Mapping

from backpain_cli.errors import QueryError
from backpain_cli.knowledge_base import EmergencyNumber, KnowledgeBase

REGION_ENV_VAR = "BACKPAIN_REGION"
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")
# Common names that are not ISO 3166-1 codes.
_ALIASES = {"UK": "GB", "EL": "GR"}
_LOCALE_COUNTRY = re.compile(r"^[a-zA-Z]{2,3}_([a-zA-Z]{2})(?:[.@]|$)")


def region_code(text: str, where: str) -> str:
    """A two-letter region code in upper case ("gb" → "GB", "UK" → "GB"); QueryError if it is not one."""
    code = text.strip().upper()
    if not (len(code) == 2 and code.isascii() and code.isalpha()):
        raise QueryError(f"{where}: '{text}' is not a two-letter country code; give one such as GB, US, SA or EG")
    return _ALIASES.get(code, code)


def find_region(option: str | None, environ: Mapping[str, str] | None = None) -> str | None:
    """The region from ``--region``, else ``$BACKPAIN_REGION``, else the locale's country; None if none."""
    env = os.environ if environ is None else environ
    if option:
        return region_code(option, "--region")
    if env.get(REGION_ENV_VAR):
        return region_code(env[REGION_ENV_VAR], f"${REGION_ENV_VAR}")
    for variable in LOCALE_VARIABLES:
        value = env.get(variable)
        if value:
            match = _LOCALE_COUNTRY.match(value)
            return _ALIASES.get(match.group(1).upper(), match.group(1).upper()) if match else None
    return None


def emergency_number(kb: KnowledgeBase, region: str | None) -> EmergencyNumber | None:
    """The sourced emergency number for a region, or None where the table has none."""
    if region is None:
        return None
    return next((entry for entry in kb.emergency_numbers if entry.region == region), None)
