"""Reading and evaluating the arithmetic the user types: `12.5 * (3 - 1)`, `2 ^ 10`, `7 % 4`.

No UI and no state: the same text always gives the same answer.
"""

import math
import re

PRECEDENCE = {"+": 1, "-": 1, "*": 2, "/": 2, "%": 2, "^": 3}
CONSTANTS = {"pi": math.pi, "e": math.e}
_TOKEN = re.compile(r"\s*(?:(\d+\.?\d*|\.\d+)|([a-z]+)|(.))")


def tokenize(text):  # expect: pure
    tokens = []
    for number, name, symbol in _TOKEN.findall(text):
        if number:
            tokens.append(float(number))
        elif name:
            if name not in CONSTANTS:
                raise ValueError(f"unknown name {name!r}")
            tokens.append(CONSTANTS[name])
        elif symbol.strip():
            tokens.append(symbol)
    return tokens


def to_postfix(tokens):  # expect: pure
    output, stack = [], []
    for token in tokens:
        if isinstance(token, float):
            output.append(token)
        elif token == "(":
            stack.append(token)
        elif token == ")":
            while stack and stack[-1] != "(":
                output.append(stack.pop())
            if not stack:
                raise ValueError("unbalanced parenthesis")
            stack.pop()
        elif token in PRECEDENCE:
            while stack and stack[-1] in PRECEDENCE and precedence(stack[-1]) >= precedence(token) and token != "^":
                output.append(stack.pop())
            stack.append(token)
        else:
            raise ValueError(f"unexpected {token!r}")
    while stack:
        if stack[-1] == "(":
            raise ValueError("unbalanced parenthesis")
        output.append(stack.pop())
    return output


def precedence(operator):  # expect: pure
    return PRECEDENCE[operator]


def apply_operator(operator, left, right):  # expect: pure
    if operator == "+":
        return left + right
    if operator == "-":
        return left - right
    if operator == "*":
        return left * right
    if operator == "/":
        return left / right
    if operator == "%":
        return left % right
    return left**right


def evaluate_postfix(items):  # expect: pure
    stack = []
    for item in items:
        if isinstance(item, float):
            stack.append(item)
            continue
        if len(stack) < 2:
            raise ValueError("missing operand")
        right, left = stack.pop(), stack.pop()
        try:
            stack.append(apply_operator(item, left, right))
        except ZeroDivisionError:
            raise ValueError("division by zero") from None
    if len(stack) != 1:
        raise ValueError("missing operator")
    return stack[0]


def evaluate(text):  # expect: pure
    return evaluate_postfix(to_postfix(tokenize(text)))


def format_number(value, places=10):  # expect: pure
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return f"{value:.{places}g}"


def digits(n):  # expect: pure
    return [int(c) for c in str(abs(n))]


def factorial(n):  # expect: pure
    return 1 if n <= 1 else n * factorial(n - 1)


def running_totals(values):  # expect: pure
    total = 0
    for value in values:
        total += value
        yield total
