"""X-Forwarded-* counts only from a trusted proxy (web/proxies.py): a client that sets the
headers itself, with no proxy in front, neither escapes the rate limit nor moves share links."""

from __future__ import annotations

import pytest

from web.config import DEFAULTS, SettingError
from web.proxies import is_trusted, parse_networks

WORDS = ["otter", "heron", "trout"]
CLIENT = "203.0.113.9"  # a public address (TEST-NET-3): no proxy of ours
ROUTER = "10.1.2.3"  # a platform router, from a private range


def post(client, peer: str, **headers: str):
    return client.post(
        "/api/puzzles", json={"words": WORDS}, headers=headers,
        environ_base={"REMOTE_ADDR": peer},
    )  # fmt: skip


def test_a_spoofed_forwarded_for_does_not_escape_the_rate_limit(make_app):
    client = make_app(PROXY_COUNT=1, RATE_LIMIT_PER_MINUTE=2).test_client()
    statuses = [
        post(client, CLIENT, **{"X-Forwarded-For": f"198.51.100.{n}"}).status_code for n in range(4)
    ]
    assert statuses == [201, 201, 429, 429]


def test_behind_a_trusted_proxy_each_forwarded_client_has_its_own_quota(make_app):
    client = make_app(PROXY_COUNT=1, RATE_LIMIT_PER_MINUTE=2).test_client()
    for n in range(3):
        forwarded = {"X-Forwarded-For": f"198.51.100.{n}"}
        assert [post(client, ROUTER, **forwarded).status_code for _ in range(3)] == [201, 201, 429]


def test_forwarded_host_and_proto_from_an_untrusted_peer_do_not_change_share_urls(make_app):
    client = make_app(PROXY_COUNT=1).test_client()
    headers = {"X-Forwarded-Host": "evil.example", "X-Forwarded-Proto": "https"}
    response = post(client, CLIENT, **headers)
    body = response.get_json()
    assert body["urls"]["play"].startswith("http://localhost/p/"), body["urls"]
    assert body["job"]["url"].startswith("http://localhost/api/jobs/")
    assert "evil" not in response.get_data(as_text=True)
    trusted = post(client, ROUTER, **headers).get_json()  # the router's headers count
    assert trusted["urls"]["play"].startswith("https://evil.example/p/")


def test_trusted_proxies_can_be_narrowed_and_widened(make_app):
    narrow = make_app(PROXY_COUNT=1, TRUSTED_PROXIES="192.0.2.1", RATE_LIMIT_PER_MINUTE=1)
    client = narrow.test_client()
    assert post(client, ROUTER, **{"X-Forwarded-For": "198.51.100.1"}).status_code == 201
    assert post(client, ROUTER, **{"X-Forwarded-For": "198.51.100.2"}).status_code == 429
    assert post(client, "192.0.2.1", **{"X-Forwarded-For": "198.51.100.3"}).status_code == 201


def test_without_proxy_count_no_peer_is_asked_where_it_came_from(make_app):
    client = make_app(RATE_LIMIT_PER_MINUTE=1, TRUSTED_PROXIES="*").test_client()
    assert post(client, ROUTER, **{"X-Forwarded-For": "198.51.100.1"}).status_code == 201
    assert post(client, ROUTER, **{"X-Forwarded-For": "198.51.100.2"}).status_code == 429


@pytest.mark.parametrize(
    ("peer", "trusted"),
    [
        ("127.0.0.1", True), ("::1", True), ("10.0.0.7", True), ("172.20.1.1", True),
        ("192.168.5.5", True), ("fd12:3456::1", True), ("::ffff:10.0.0.7", True),
        ("", True), (CLIENT, False), ("172.32.0.1", False), ("2001:db8::1", False),
        ("::ffff:203.0.113.9", False), ("not-an-address", False),
    ],
    ids=lambda v: str(v) or "unix-socket",
)  # fmt: skip
def test_the_default_trusts_loopback_and_private_ranges_only(peer, trusted):
    assert is_trusted(peer, parse_networks(DEFAULTS["TRUSTED_PROXIES"])) is trusted


def test_the_setting_reads_lists_stars_and_refuses_garbage(make_app):
    assert parse_networks(["10.0.0.1", " 192.0.2.0/24 "]) is not None
    assert parse_networks("10.0.0.1, *") is None  # every peer
    assert not is_trusted("127.0.0.1", parse_networks(""))  # none
    with pytest.raises(SettingError, match="CROSSWORD_TRUSTED_PROXIES.*'10.0.0.300'"):
        make_app(PROXY_COUNT=1, TRUSTED_PROXIES="10.0.0.1, 10.0.0.300")
