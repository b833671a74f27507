"""Logging filters (set in `LOGGING`).

A request with a Host header this site does not serve is a scanner's probe, not a bug:
Django logs it as an error with a traceback; `OneLineWarning` makes it one warning line.
"""

import logging


class OneLineWarning(logging.Filter):
    def filter(self, record):
        record.levelno, record.levelname = logging.WARNING, "WARNING"
        record.exc_info = record.exc_text = None
        return True
