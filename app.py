"""Entry point: ``flask run`` finds create_app here; gunicorn 'app:create_app()'."""

from kb.web import create_app

__all__ = ["create_app"]
