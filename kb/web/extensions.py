"""Flask extensions, created once and bound in create_app."""

from flask import g
from flask_babel import Babel
from flask_wtf.csrf import CSRFProtect

from kb import locales
from kb.web.context import settings


def _locale() -> str:
    return locales.babel_code(g.get("lang") or settings().default_language)


babel = Babel()
csrf = CSRFProtect()  # every POST/PUT/PATCH/DELETE needs a token; cross-site requests are refused


def init_app(app) -> None:
    csrf.init_app(app)
    babel.init_app(
        app,
        locale_selector=_locale,
        default_translation_directories=app.extensions["help_center"].settings.translations_dir,
    )
