"""quotetrack: who said what, and when, across the news.

Data flows one way: read (``quotetrack.sources``) -> extract (``quotetrack.component``,
a spaCy component) -> resolve -> store (``quotetrack.store``) -> publish (Datasette).
"""

from .models import Article, Quote

__version__ = "0.1.0"
__all__ = ["Article", "Quote", "__version__"]
