"""Staff login and logout (Flask-Login); a session names its account by a revocable random token."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, current_app, redirect, render_template, request, session, url_for
from flask_login import LoginManager, UserMixin, current_user, login_user, logout_user

from kb import accounts
from kb.web import permissions, ratelimit
from kb.web.context import db

bp = Blueprint("auth", __name__, url_prefix="/staff")
login_manager = LoginManager()


class SessionUser(UserMixin):
    def __init__(self, staff: accounts.Staff):
        self.staff = staff
        self.username, self.role, self.langs = staff.username, staff.role, staff.langs

    def get_id(self) -> str:
        return self.staff.session_token


@login_manager.user_loader
def load_user(token: str):
    staff = accounts.load(db(), token)
    return SessionUser(staff) if staff else None


def safe_next(target: str | None) -> str | None:
    """Only a same-site path: "/x", never "//host", "/\\host" (browsers read \\ as /), a scheme or controls."""
    if not target or not target.startswith("/") or target.startswith("//"):
        return None
    if "\\" in target or any(ord(c) < 32 or ord(c) == 127 for c in target):
        return None
    parts = urlsplit(target)
    return target if not parts.scheme and not parts.netloc else None


@bp.route("/login", methods=["GET", "POST"])
def login():
    error = False
    if request.method == "POST":
        ratelimit.check("login", account=request.form.get("username") or "")
        staff = accounts.authenticate(db(), request.form.get("username", ""), request.form.get("password", ""))
        if staff is not None:
            session.clear()  # a fresh session: no fixation
            login_user(SessionUser(staff))
            session.permanent = True
            return redirect(safe_next(request.args.get("next")) or url_for(permissions.start_page(staff.role)))
        error = True
        current_app.logger.info("failed staff login")
    return render_template("login.html", error=error), 401 if error else 200


@bp.route("/logout", methods=["POST"])
def logout():
    accounts.end_sessions(db(), current_user.staff.id)
    logout_user()
    session.clear()
    return redirect(url_for("auth.login"))
