"""The UI's settings file, read at every start, from outside like any other file: whatever it holds, the
game starts (a bad field takes its default, a bad file gives all of them) and says so in one line."""

from __future__ import annotations

import os

import pytest

from game.ui.settings import MAX_BYTES, Settings, load_settings_checked, save_settings


@pytest.fixture
def settings_file(tmp_path, monkeypatch):
    monkeypatch.setenv("ARMISTICE_CONFIG_DIR", str(tmp_path))
    return tmp_path / "settings.json"


@pytest.mark.parametrize(
    "content, words",
    [
        (b"{not json", "invalid JSON"),
        (b"[1, 2]", "not a JSON object"),
        (b"null", "not a JSON object"),
        (b'{"ui_scale": NaN}', "NaN"),
        (b'{"width": 1e400}', "not finite"),
        (b'{"width": Infinity}', "Infinity"),
        (b"[" * 10_000 + b"]" * 10_000, "nested more than"),
        (b'{"width": ' + b"9" * 5000 + b"}", "too many digits"),
        (b'{"palette": "\xff"}', "not UTF-8"),
        (b'{"last_scenario": "\\u001b[31m"}', "escape character"),
        (b'{"last_scenario": "\\ud800"}', "lone surrogate"),
        (b'{"width": 1, "width": 2}', "duplicate key"),
        (b'{"last_scenario": "' + b"x" * MAX_BYTES + b'"}', "too large"),
        (b"", "invalid JSON"),
    ],
    ids=[
        "corrupt",
        "list",
        "null",
        "nan",
        "overflow",
        "infinity",
        "deep",
        "digits",
        "non-utf8",
        "ansi",
        "surrogate",
        "duplicate",
        "huge",
        "empty",
    ],
)
def test_a_bad_settings_file_gives_the_defaults_and_says_so(settings_file, content, words):
    settings_file.write_bytes(content)
    settings, problem = load_settings_checked()
    assert settings == Settings() and words in problem and str(settings_file) in problem and "\n" not in problem
    assert "default settings" in problem and "\x1b" not in problem


@pytest.mark.parametrize(
    "field, value",
    [
        ("width", '"wide"'),
        ("width", "true"),
        ("width", "{}"),
        ("ui_scale", '"x"'),
        ("fullscreen", '"no"'),
        ("fullscreen", "1"),
        ("text_size", '["a"]'),
        ("last_scenario", "5"),
    ],
)
def test_a_field_of_the_wrong_type_takes_its_default_and_the_others_are_kept(settings_file, field, value):
    settings_file.write_text(f'{{"height": 900, "{field}": {value}}}')
    settings, problem = load_settings_checked()
    assert settings == Settings(height=900) and problem.startswith(f"settings file {settings_file}: {field} is ")


@pytest.mark.parametrize("kind", ["fifo", "dev-zero", "directory"])
def test_a_settings_file_that_is_not_a_regular_file_is_refused_without_blocking(settings_file, kind):
    if kind == "fifo":
        os.mkfifo(settings_file)
    elif kind == "dev-zero":
        settings_file.symlink_to("/dev/zero")
    else:
        settings_file.mkdir()
    settings, problem = load_settings_checked()
    assert settings == Settings() and ("not a regular file" in problem or "directory" in problem)


def test_no_settings_file_is_no_problem_and_a_saved_one_reads_back(settings_file):
    assert load_settings_checked() == (Settings(), None)
    save_settings(Settings(width=1600, height=900, ui_scale=1.25, last_scenario="tutorial"))
    assert load_settings_checked() == (Settings(width=1600, height=900, ui_scale=1.25, last_scenario="tutorial"), None)
    assert [p.name for p in settings_file.parent.iterdir()] == ["settings.json"]


def test_the_title_screen_says_what_was_wrong_with_the_settings_file(settings_file):
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    from game.ui import navigation
    from game.ui.app import App

    settings_file.write_text('{"width": "wide"}')
    app = App(persist_settings=False, threaded=False)
    try:
        navigation.push(app, "title")
        app.step([], 0.016)
        title = app.scenes[-1]
        assert title.name == "title" and title.error.startswith("settings file ") and "width" in title.error
        assert app.settings.width == Settings().width
    finally:
        app.quit()
