"""A learned choice of each quote's speaker mention, on top of the rules.

Data flows one way: :mod:`.candidates` lists the mentions that could be a quote's source,
:mod:`.features` describes each, :mod:`.model` scores them with shipped weights and
calibrates the choice into a probability, :mod:`.train` rebuilds the weights
(``quotetrack train``). The rules in :mod:`quotetrack.attribution` run first; their choice
is one feature among many and the resolution of a mention to a person stays theirs.
"""

from .model import Ranker, load_ranker

__all__ = ["Ranker", "load_ranker"]
