"""The calculator's memory (M+, M-, MR) and the history of what was computed in this session."""

import itertools
import random
from datetime import datetime

from .expression import evaluate, format_number

MAX_HISTORY = 50
HISTORY = []
_precision = 10
_entry_ids = itertools.count(1)


def set_precision(places):  # expect: impure(global_write)
    global _precision
    _precision = max(0, min(15, places))


def shown(value):  # expect: impure(global_read)
    return format_number(value, _precision)


def next_entry_id():  # expect: impure(global_write)
    return next(_entry_ids)


def record(expression, value):  # expect: impure(global_write)
    HISTORY.append((expression, value))
    return value


def calculate(expression):  # expect: impure(calls_impure)
    return record(expression, evaluate(expression))


def recent(count=5):  # expect: impure(global_read)
    return HISTORY[-count:]


def trim(entries, limit):  # expect: impure(arg_mutation)
    del entries[:-limit]


def favourites(value, chosen=[]):  # expect: impure(global_write)
    if value not in chosen:
        chosen.append(value)
    return chosen


def history_lines(entries):  # expect: pure
    return [f"{expression} = {format_number(value)}" for expression, value in entries[-MAX_HISTORY:]]


def lucky_number():  # expect: impure(nondeterministic)
    return random.randint(1, 99)


def stamped(expression):  # expect: impure(nondeterministic)
    return f"{datetime.now():%H:%M:%S}  {expression}"


def apply_to(value, operation):  # expect: impure(unknown)
    return operation(value)


def make_tally(start=0.0):  # expect: pure
    total = start

    def add(amount):  # expect: impure(global_write)
        nonlocal total
        total += amount
        return total

    return add


class Memory:
    """The M register: a running total the user adds to and recalls."""

    def __init__(self, value=0.0):  # expect: pure
        self.value = value

    def add(self, amount):  # expect: impure(self_mutation)
        self.value += amount

    def subtract(self, amount):  # expect: impure(self_mutation)
        self.value -= amount

    def recall(self):  # expect: pure
        return self.value

    def plus(self, amount):  # expect: pure
        return Memory(self.value + amount)

    @staticmethod
    def label(value):  # expect: pure
        return "M" if value else ""
