"""Browser-side defences: cross-site writes refused before anything else; client addresses behind proxies."""

from __future__ import annotations

import pytest

from tests.conftest import set_limits, site_config

VOTE = "/en/articles/refunds/vote"


@pytest.mark.parametrize(
    "headers",
    [
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site"},  # a sibling subdomain is another site's page
        {"Origin": "https://evil.example"},
        {"Origin": "null"},  # sandboxed frames and file: pages
    ],
)
def test_cross_site_writes_are_403(client, headers):
    r = client.post(VOTE, data={"helpful": "yes"}, headers=headers)
    assert r.status_code == 403
    r = client.post("/login", data={"username": "x", "password": "y"}, headers=headers)
    assert r.status_code == 403


@pytest.mark.parametrize(
    "headers",
    [{"Sec-Fetch-Site": "same-origin"}, {"Sec-Fetch-Site": "none"}, {"Origin": "http://localhost"}, {}],
)
def test_same_origin_writes_reach_the_csrf_check(client, headers):
    """Not refused by the origin rule: the CSRF token is what refuses them here (400), never 403."""
    assert client.post(VOTE, data={"helpful": "yes"}, headers=headers).status_code == 400


def test_reads_are_never_refused_for_their_origin(client):
    assert client.get("/en/search?q=refund", headers={"Sec-Fetch-Site": "cross-site"}).status_code == 200


def _limited(app):
    set_limits(app, "search=2/60")
    return app.test_client()


def test_without_trusted_proxies_x_forwarded_for_is_ignored(app):
    client = _limited(app)
    codes = [
        client.get("/en/search?q=refund", headers={"X-Forwarded-For": f"203.0.113.{i}"}).status_code for i in range(3)
    ]
    assert codes == [200, 200, 429]  # one client, whatever it claims


def test_behind_one_trusted_proxy_each_client_has_its_own_limit(articles_dir, tmp_path):
    from kb.web import create_app

    app = create_app(site_config(articles_dir, tmp_path, KB_TRUSTED_PROXIES=1))
    app.extensions["help_center"].rebuild()
    app.extensions["help_center"].db.upgrade()
    client = _limited(app)

    def get(addr: str) -> int:
        return client.get("/en/search?q=refund", headers={"X-Forwarded-For": addr}).status_code

    assert [get("203.0.113.1") for _ in range(3)] == [200, 200, 429]
    assert get("203.0.113.2") == 200  # another customer behind the same load balancer
    assert get("198.51.100.9, 203.0.113.1") == 429  # only the last hop, the one our proxy added, counts
