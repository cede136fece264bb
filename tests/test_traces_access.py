"""/traces and /api/traces are private operations pages: an admin token or nothing."""

from __future__ import annotations

import base64

import pytest
from flask.testing import FlaskClient

URLS = ["/traces", "/api/traces"]


def plain_client(app) -> FlaskClient:
    """A visitor's client: no admin token (the fixtures' clients send it)."""
    return FlaskClient(app, app.response_class, use_cookies=True)


@pytest.mark.parametrize("url", URLS)
def test_without_a_configured_token_the_pages_do_not_exist(make_app, url):
    app = make_app(ADMIN_TOKEN=None)
    assert plain_client(app).get(url).status_code == 404
    assert plain_client(app).get(url, headers={"Authorization": "Bearer "}).status_code == 404


@pytest.mark.parametrize("url", URLS)
def test_a_visitor_without_the_token_is_asked_for_it(make_app, url):
    app = make_app(ADMIN_TOKEN="s3cret-token")
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": "Basic !!"}):
        response = plain_client(app).get(url, headers=headers)
        assert response.status_code == 401
        assert response.headers["WWW-Authenticate"].startswith("Basic realm=")
        assert "s3cret-token" not in response.get_data(as_text=True)


@pytest.mark.parametrize("url", URLS)
def test_the_operator_gets_in_with_bearer_or_the_login_prompt(make_app, url):
    app = make_app(ADMIN_TOKEN="s3cret-token")
    bearer = {"Authorization": "Bearer s3cret-token"}
    basic = {"Authorization": "Basic " + base64.b64encode(b"admin:s3cret-token").decode()}
    for headers in (bearer, basic):
        response = plain_client(app).get(url, headers=headers)
        assert response.status_code == 200
        assert response.headers["Cache-Control"] == "no-store"  # never in a shared cache


def test_the_public_pages_do_not_link_to_the_traces(make_app):
    app = make_app(ADMIN_TOKEN="s3cret-token")
    html = plain_client(app).get("/").get_data(as_text=True)
    assert 'href="/traces"' not in html
