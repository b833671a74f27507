"""In production a static file's hashed URL is looked up in the manifest once per process."""

import json

from django.test import override_settings

import pytest

from newsroom.static_files import StaticFilesStorage

MANIFEST = {"version": "1.1", "hash": "0", "paths": {"newsroom/site.css": "newsroom/site.3f2a.css"}}


@override_settings(DEBUG=False, STATIC_URL="/static/")
def test_a_static_url_is_looked_up_once_and_stays_hashed(tmp_path, monkeypatch):
    (tmp_path / "staticfiles.json").write_text(json.dumps(MANIFEST))
    storage = StaticFilesStorage(location=str(tmp_path), base_url="/static/")
    looked_up = []
    stored_name = storage.stored_name
    monkeypatch.setattr(
        storage, "stored_name", lambda name: looked_up.append(name) or stored_name(name)
    )
    urls = {storage.url("newsroom/site.css") for _ in range(3)}
    assert urls == {"/static/newsroom/site.3f2a.css"}
    assert looked_up == ["newsroom/site.css"]


@override_settings(DEBUG=False, STATIC_URL="/static/")
def test_a_file_missing_from_the_manifest_still_fails_loudly(tmp_path):
    (tmp_path / "staticfiles.json").write_text(json.dumps(MANIFEST))
    storage = StaticFilesStorage(location=str(tmp_path), base_url="/static/")
    for _ in range(2):  # not kept as an answer either
        with pytest.raises(ValueError, match="newsroom/missing.css"):
            storage.url("newsroom/missing.css")
