"""Rate limits answer 429 with Retry-After, per client, and never 500."""

import pytest

from kb.web.ratelimit import RateLimiter, parse_limits


def test_sliding_window():
    rl = RateLimiter({"search": (3, 10.0)})
    assert [rl.allow("search", "a", now=t) for t in (0, 1, 2)] == [None, None, None]
    assert rl.allow("search", "a", now=3) == pytest.approx(7.0)
    assert rl.allow("search", "b", now=3) is None  # another client
    assert rl.allow("search", "a", now=10.5) is None  # the first hit left the window
    assert rl.allow("other", "a", now=0) is None  # no limit configured


def test_parse_limits():
    assert parse_limits("search=60/60, vote=20/30") == {"search": (60, 60.0), "vote": (20, 30.0)}


@pytest.fixture
def limited_app(app):
    app.extensions["rate_limiter"] = RateLimiter(parse_limits("search=3/60,suggest=2/60"))
    return app


def test_search_page_and_api_get_429(limited_app):
    client = limited_app.test_client()
    codes = [client.get("/en/search?q=refund").status_code for _ in range(3)]
    r = client.get("/api/v1/search?lang=en&q=refund")
    assert codes == [200, 200, 200] and r.status_code == 429 and int(r.headers["Retry-After"]) > 0
    html = client.get("/th/search?q=x")
    assert html.status_code == 429 and "มีคำขอมากเกินไป" in html.get_data(as_text=True)
    assert [client.get("/api/v1/suggest?lang=en&q=r").status_code for _ in range(3)] == [200, 200, 429]
