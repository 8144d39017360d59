"""The quotetrack Datasette plugin: pages built around the quote.

Registered with the ``datasette`` entry point (pyproject.toml), so Datasette loads it
whenever quotetrack is installed, with or without ``quotetrack serve``. It changes only
pages of databases that hold quotetrack's tables (:func:`.pages.is_quotetrack`); any
other database looks as stock Datasette shows it.

What it adds, each through Datasette 0.65's hooks and templates:

- the quotes table in a reading layout: the quote first, speaker, date and article
  beside it; every column one click away (``_col``) and the column descriptions folded;
- a quote's page (its row page): the quote marked in its article, cue and speaker
  marked, confidence in words, a citation, the claim and its other appearances;
- a speaker's page: aliases, roles over time, quotes per month by outlet (a chart),
  claims, recent quotes and a search within their quotes;
- a claim's page: every form with the differing words marked, and every appearance,
  first first, with a timeline chart;
- an article's page: the text with every quote marked;
- a "what is here" paragraph and a search box on the home and database pages.

Datasette picks a table's template by name (``table-<db>-<table>.html``, ``row-...``,
``database-<db>.html``), with the database's name in it. So that any database name
works, not only ``quotes``, :class:`PerTableTemplates` answers those names with a
one-line template that extends the plugin's page when :func:`extra_template_vars` says
this is a quotetrack table, and Datasette's own template otherwise.

Charts use Vega-Lite, vendored in ``static/vendor`` (no CDN: they work offline).
"""

from __future__ import annotations

import hashlib
import re
import weakref
from pathlib import Path

from datasette import hookimpl
from datasette.utils import path_with_removed_args, path_with_replaced_args, tilde_encode, urlsafe_components
from jinja2 import BaseLoader, ChoiceLoader, TemplateNotFound
from markupsafe import Markup

from . import pages
from . import text as T

#: The distribution name: Datasette serves ``static/`` at /-/static-plugins/quotetrack/.
PLUGIN = "quotetrack"
STATIC = Path(__file__).parent / "static"

#: The quotes table's columns in reading order: what a reader wants, then the rest.
READING_ORDER = [
    "text", "speaker_id", "role", "org", "said_on", "outlet", "article_id", "kind", "confidence",
    "claim_id", "variant", "variant_diff", "speaker", "speaker_mention", "speaker_type", "cue",
    "published", "method", "start", "end", "parts", "mention_start", "mention_end",
]  # fmt: skip

#: Row pages the plugin draws, by table.
ROW_TEMPLATES = {
    "quotes": "quotetrack/quote.html",
    "speakers": "quotetrack/speaker.html",
    "claims": "quotetrack/claim.html",
    "articles": "quotetrack/article.html",
}
ROW_PAGES = {
    "quotes": pages.quote_page,
    "claims": pages.claim_page,
    "articles": pages.article_page,
}


# --- which databases are ours ---------------------------------------------------------

_known: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


async def is_quotetrack(datasette, database) -> bool:
    """Whether ``database`` is a quotetrack database; remembered per Datasette instance.

    Remembered because ``render_cell`` asks once per cell. A database that gains the
    tables while Datasette runs is recognised after a restart.
    """
    if not database or database not in datasette.databases:
        return False
    known = _known.setdefault(datasette, {})
    if database not in known:
        known[database] = await pages.is_quotetrack(datasette.get_database(database))
    return known[database]


def static_url(datasette, path: str) -> str:
    """The URL of a static file, with a hash of its content so browsers never keep a stale copy."""
    digest = _digest(path)
    return datasette.urls.static_plugins(PLUGIN, path) + (f"?{digest}" if digest else "")


_digests: dict[str, str] = {}


def _digest(path: str) -> str:
    if path not in _digests:
        try:
            _digests[path] = hashlib.sha1((STATIC / path).read_bytes()).hexdigest()[:10]
        except OSError:
            _digests[path] = ""
    return _digests[path]


# --- templates ------------------------------------------------------------------------


class PerTableTemplates(BaseLoader):
    """Answers Datasette's per-database template names, for any database name.

    ``table-<db>-<table>.html`` becomes ``{% extends quotetrack_template or "table.html" %}``
    (and likewise for rows and the database page): the plugin's page where
    :func:`extra_template_vars` set ``quotetrack_template``, Datasette's own otherwise.
    It is consulted after every other loader, so a ``--template-dir`` file of the same
    name still wins.
    """

    SWITCHES = [
        (re.compile(r"_table-.+-quotes\.html"), '{% include quotetrack_rows_template or "_table.html" %}'),
        (re.compile(r"table-.+\.html"), '{% extends quotetrack_template or "table.html" %}'),
        (re.compile(r"row-.+-(quotes|speakers|claims|articles)\.html"), '{% extends quotetrack_template or "row.html" %}'),
        (re.compile(r"database-.+\.html"), '{% extends quotetrack_template or "database.html" %}'),
    ]

    def list_templates(self):
        # Datasette lists templates to find pages/ routes; these names are not files.
        return []

    def get_source(self, environment, template):
        for pattern, source in self.SWITCHES:
            if pattern.fullmatch(template):
                return source, None, lambda: True
        raise TemplateNotFound(template)


@hookimpl
def prepare_jinja2_environment(env, datasette):
    env.loader = ChoiceLoader([env.loader, PerTableTemplates()])

    def row_url(database, table, pk):
        return datasette.urls.row(database, table, tilde_encode(str(pk)))

    env.globals["qt_row_url"] = row_url
    env.filters["qt_long_date"] = T.long_date
    env.filters["qt_words"] = T.display_words
    env.filters["qt_confidence"] = T.confidence_words


# --- the quotes table's two views ----------------------------------------------------


def choosing_columns(request) -> bool:
    """Whether the reader picked columns (``_col``/``_nocol``): then the plain grid shows."""
    return bool({"_col", "_nocol"} & set(request.args.keys()))


async def every_column_url(db, request) -> str:
    """This page with every column, in reading order, as Datasette's ``_col`` list."""
    columns = await db.table_columns("quotes")
    order = [c for c in READING_ORDER if c in columns] + [c for c in columns if c not in READING_ORDER]
    return path_with_replaced_args(request, [("_col", c) for c in order if c != "id"] + [("_next", None)])


def reading_view_url(request) -> str:
    return path_with_removed_args(request, {"_col", "_nocol", "_next"})


# --- template variables ---------------------------------------------------------------


@hookimpl
def extra_template_vars(template, database, table, view_name, request, datasette):
    async def inner():
        if view_name == "index":
            return {"quotetrack_databases": await _summaries(datasette)}
        if not await is_quotetrack(datasette, database):
            return {}
        db = datasette.get_database(database)
        found = {"quotetrack": True}
        if view_name == "database" and template.startswith("database-"):
            found["quotetrack_template"] = "quotetrack/database.html"
            found["quotetrack_summary"] = await pages.summary(db)
            found["quotetrack_queries"] = await datasette.get_canned_queries(database, request.actor if request else None)
        elif view_name == "table" and template.startswith("table-"):
            found["column_descriptions"] = (datasette.table_metadata(database, table) or {}).get("columns") or {}
            if table == "quotes":
                found["quotetrack_template"] = "quotetrack/quotes_table.html"
                if request is not None and not choosing_columns(request):
                    found["quotetrack_rows_template"] = "quotetrack/_quotes_rows.html"
                    found["every_column_url"] = await every_column_url(db, request)
                elif request is not None:
                    found["reading_view_url"] = reading_view_url(request)
            else:
                found["quotetrack_template"] = "quotetrack/table.html"
        elif view_name == "row" and table in ROW_TEMPLATES and template.startswith("row-") and request is not None:
            pk = urlsafe_components(request.url_vars["pks"])
            if len(pk) != 1:
                return found
            if table == "speakers":
                page = await pages.speaker_page(db, pk[0], request.args.get("q") or "")
            else:
                page = await ROW_PAGES[table](db, pk[0])
            if page is not None:
                found["quotetrack_template"] = ROW_TEMPLATES[table]
                found["page"] = page
                found["permalink"] = datasette.absolute_url(request, request.path)
                found["page_path"] = request.path
        return found

    return inner


async def _summaries(datasette) -> list[dict]:
    """Name and summary of every quotetrack database, for the home page."""
    found = []
    for name in datasette.databases:
        if await is_quotetrack(datasette, name):
            found.append({"name": name, "summary": await pages.summary(datasette.get_database(name))})
    return found


# --- assets ---------------------------------------------------------------------------


async def _ours(datasette, database, view_name) -> bool:
    if view_name == "index":
        return bool(await _summaries(datasette))
    return await is_quotetrack(datasette, database)


@hookimpl
def extra_css_urls(database, view_name, datasette):
    async def inner():
        return [static_url(datasette, "quotetrack.css")] if await _ours(datasette, database, view_name) else []

    return inner


@hookimpl
def extra_js_urls(database, table, view_name, datasette):
    async def inner():
        if not await _ours(datasette, database, view_name):
            return []
        urls = []
        if view_name == "row" and table in ("speakers", "claims"):
            urls = [
                static_url(datasette, f"vendor/{name}.min.js") for name in ("vega", "vega-lite", "vega-embed")
            ]
        # A module script runs after the page is parsed, and after the classic scripts above.
        return urls + [{"url": static_url(datasette, "quotetrack.js"), "module": True}]

    return inner


# --- cells and actions ----------------------------------------------------------------


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    """Confidence in words in the quotes table; links to the plugin's pages in query results.

    In a canned query's results (no table) an ``id`` beside quote text is a quote's,
    and ``claim_id`` and ``speaker_id`` are what they say; the ``**`` that the search
    query puts around matches become ``<mark>``.
    """
    if table not in ("quotes", None) or column not in ("confidence", "id", "claim_id", "speaker_id", "snippet"):
        return None

    async def inner():
        if not await is_quotetrack(datasette, database):
            return None
        if table == "quotes":
            if column == "confidence" and isinstance(value, (int, float)):
                return Markup('{:.2f} <span class="qt-confidence">{}</span>').format(
                    value, T.confidence_words(value)
                )
            return None
        keys = set(row.keys())
        if not isinstance(value, str) or not value:
            return None
        link = None
        if column == "id" and keys & {"text", "snippet", "first_words"}:
            link = "quotes"
        elif column == "claim_id":
            link = "claims"
        elif column == "speaker_id":
            link = "speakers"
        if link:
            url = datasette.urls.row(database, link, tilde_encode(value))
            return Markup('<a href="{}">{}</a>').format(url, value)
        if column == "snippet":
            return T.marked_snippet(value, "**", "**") if "**" in value else None
        return None

    return inner


@hookimpl
def table_actions(datasette, database, table, request):
    async def inner():
        if table != "quotes" or request is None or not await is_quotetrack(datasette, database):
            return []
        if choosing_columns(request):
            return [{"href": reading_view_url(request), "label": "Reading view: the quote first"}]
        db = datasette.get_database(database)
        return [{"href": await every_column_url(db, request), "label": "Show every column (ids, offsets, method)"}]

    return inner
