"""Rate limits answer 429 with Retry-After, per client, and never 500."""

import pytest

from kb.web.ratelimit import parse_limits
from tests.conftest import set_limits


def test_parse_limits():
    limits = parse_limits("search=60/60, vote=20/30")
    assert {k: (v.amount, v.get_expiry()) for k, v in limits.items()} == {"search": (60, 60), "vote": (20, 30)}
    with pytest.raises(ValueError, match="vote=lots"):
        parse_limits("vote=lots")


@pytest.fixture
def limited_app(app):
    set_limits(app, "search=3/60,suggest=2/60")
    return app


def test_search_page_and_api_get_429(limited_app):
    client = limited_app.test_client()
    codes = [client.get("/en/search?q=refund").status_code for _ in range(3)]
    r = client.get("/api/v1/search?lang=en&q=refund")
    assert codes == [200, 200, 200] and r.status_code == 429 and int(r.headers["Retry-After"]) > 0
    html = client.get("/th/search?q=x")
    assert html.status_code == 429 and "มีคำขอมากเกินไป" in html.get_data(as_text=True)
    assert [client.get("/api/v1/suggest?lang=en&q=r").status_code for _ in range(3)] == [200, 200, 429]
