"""Logging and tracing, configured by the Powertools variables of the template's Globals.

The tracer is built on first use: the X-Ray SDK is most of Powertools' import time, and the authorizer
does without it.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from aws_lambda_powertools import Logger

if TYPE_CHECKING:
    from aws_lambda_powertools import Tracer

logger = Logger(service="purelift")


@lru_cache(maxsize=1)
def tracer() -> Tracer:
    from aws_lambda_powertools import Tracer

    return Tracer(service="purelift")
