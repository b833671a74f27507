"""The client's address behind proxies: the forwarding headers are believed only from a
trusted proxy (a Unix-socket peer counts when `unix` is listed), read from the right."""

from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory, override_settings

import pytest

from newsroom.client_address import client_ip

READER = "203.0.113.7"


def address(remote_addr, **headers):
    return client_ip(RequestFactory().get("/", REMOTE_ADDR=remote_addr, **headers))


@override_settings(TRUSTED_PROXIES=[])
def test_without_trusted_proxies_the_socket_peer_is_the_client():
    assert address(READER, HTTP_X_FORWARDED_FOR="10.0.0.1") == READER


@override_settings(TRUSTED_PROXIES=["unix", "127.0.0.1"])
@pytest.mark.parametrize("peer", ["", "127.0.0.1"])
def test_from_the_local_nginx_the_forwarded_address_is_the_client(peer):
    assert address(peer, HTTP_X_FORWARDED_FOR=READER) == READER
    assert address(peer, HTTP_X_REAL_IP=READER) == READER


@override_settings(TRUSTED_PROXIES=["127.0.0.1"])
def test_a_unix_socket_peer_is_trusted_only_when_listed():
    assert address("", HTTP_X_FORWARDED_FOR=READER) is None


@override_settings(TRUSTED_PROXIES=["unix", "10.0.0.0/8"])
def test_the_right_most_address_that_is_not_a_trusted_proxy_is_the_client():
    chain = f"198.51.100.66, {READER}, 10.1.2.3"  # what the client wrote, then two hops
    assert address("", HTTP_X_FORWARDED_FOR=chain) == READER


@override_settings(TRUSTED_PROXIES=["unix"])
def test_a_forwarded_value_that_is_not_an_address_is_not_believed():
    assert address("", HTTP_X_FORWARDED_FOR=f"{READER}, not-an-address") is None


@override_settings(TRUSTED_PROXIES=["unix", "127.0.0.1"])
def test_a_reader_on_the_proxy_machine_itself_is_that_machine():
    assert address("", HTTP_X_FORWARDED_FOR="127.0.0.1") == "127.0.0.1"


@override_settings(TRUSTED_PROXIES=["unix", "nginx.internal"])
def test_a_trusted_proxy_that_is_not_an_address_is_a_clear_configuration_error():
    with pytest.raises(ImproperlyConfigured, match="'nginx.internal' is not an address"):
        address("10.0.0.1", HTTP_X_FORWARDED_FOR=READER)
