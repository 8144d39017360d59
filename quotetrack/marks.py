"""Placeholder: being written."""
import re
from dataclasses import dataclass, field


@dataclass
class Span:
    start: int
    end: int
    parts: list = field(default_factory=list)


def find_spans(text):
    for m in re.finditer(r'["\u201c]([^"\u201c\u201d\n]+)["\u201d]', text):
        yield Span(m.start(1), m.end(1), [(m.start(1), m.end(1))])
