"""The one way files from outside (scenarios, saves, settings, MSELs) are read.

Every byte the game reads from a file it did not write itself comes through here, so the same limits
hold everywhere: only regular files are opened (a FIFO, a device such as ``/dev/zero`` or a directory
is refused without blocking), the size cap is checked while reading (``st_size`` can lie: a link to a
device reports 0), the text must be UTF-8, JSON is parsed strictly (no NaN or Infinity, no lone
surrogates, bounded nesting), and YAML is read by a strict safe loader (``load_yaml``: JSON's types
only, no aliases, no duplicate keys, bounded nesting, no control characters in text). Errors are
``InputError``: one line, without the file name (callers prefix it as they report it), with the line
of the problem in ``line`` when it is known.

This module imports nothing of the game, so every layer may use it.
"""

from __future__ import annotations

import json
import math
import os
import re
import stat
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import yaml

MAX_DEPTH = 64  # nesting of JSON/YAML containers; the game's own files stay under 12
_CHUNK = 1 << 16


class InputError(ValueError):
    """A file from outside that cannot be used; ``str(err)`` is one line, without the file name."""

    def __init__(self, reason: str, line: int | None = None):
        reason = " ".join(str(reason).split())
        super().__init__(f"line {line}: {reason}" if line is not None else reason)
        self.reason = reason
        self.line = line


def read_bytes(path: str | Path, *, limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes. Raises InputError otherwise.

    Opened non-blocking, so a FIFO named like a save cannot hang the caller; the type is checked on
    the open descriptor (no race between a check and the open)."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(os.fspath(path), flags)
    except IsADirectoryError:
        raise InputError("is a directory, not a file") from None
    except FileNotFoundError:
        raise InputError("no such file") from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}") from None
    except ValueError:  # a NUL in the path
        raise InputError("the path holds a NUL character") from None
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise InputError("is a directory, not a file")
        if not stat.S_ISREG(mode):
            raise InputError("is not a regular file (a device, pipe or socket)")
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        chunks: list[bytes] = []
        total = 0
        while True:
            chunk = os.read(fd, min(_CHUNK, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise InputError(f"is larger than {_size(limit)}, too large to be read")
        return b"".join(chunks)
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}") from None
    finally:
        os.close(fd)


def decode_utf8(data: bytes) -> str:
    """UTF-8 text (a leading byte-order mark is dropped); InputError names the line of a bad byte."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(f"not UTF-8 text (bad byte at offset {exc.start})", line) from None
    return text[1:] if text.startswith("\ufeff") else text


def read_text(path: str | Path, *, limit: int) -> str:
    """``read_bytes`` then ``decode_utf8``."""
    return decode_utf8(read_bytes(path, limit=limit))


def _refuse_constant(name: str) -> NoReturn:
    raise InputError(f"{name} is not a number JSON allows")


def loads_json(text: str) -> Any:  # a document of JSON's types
    """Strict JSON: NaN, Infinity (also a literal such as 1e400 that overflows to it), lone surrogates,
    integers of thousands of digits and nesting past MAX_DEPTH are refused with InputError; a syntax
    error becomes InputError with its line and column."""
    try:
        doc = json.loads(
            text, parse_constant=_refuse_constant, parse_float=_finite_float, object_pairs_hook=_unique_keys
        )
    except InputError:
        raise
    except json.JSONDecodeError as exc:
        raise InputError(f"line {exc.lineno}, column {exc.colno}: invalid JSON ({exc.msg})") from None
    except RecursionError:
        raise InputError(f"nested more than {MAX_DEPTH} levels deep") from None
    except ValueError:  # Python's cap on the digits of an integer (sys.get_int_max_str_digits)
        raise InputError("a number has too many digits") from None
    _check_depth(doc)
    # Text in the document holds no control character, escape or lone surrogate (``text_problem``), the
    # same rule as YAML's text. Such a character is in the file raw (JSON refuses raw C0 controls itself)
    # or as a \u escape; walking every string is several times the cost of parsing a save, so it is done
    # only when the file holds one of them.
    if _CONTROL.search(text) or _CONTROL_ESCAPE.search(text):
        _check_strings(doc)
    return doc


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object whose keys are all different (``json`` would keep the last of two silently)."""
    doc = dict(pairs)
    if len(doc) != len(pairs):
        seen: set[str] = set()
        for key, _value in pairs:
            if key in seen:
                raise InputError(f"duplicate key {shown(key)} in one JSON object")
            seen.add(key)
    return doc


def _finite_float(literal: str) -> float:
    value = float(literal)
    if not math.isfinite(value):
        raise InputError(f"the number {literal[:20]}{'...' if len(literal) > 20 else ''} is not finite")
    return value


# The \u escapes of what _CONTROL matches, and of tab and newline: only a cue to look at each string.
_CONTROL_ESCAPE = re.compile(r"\\u(?:00[0189][0-9a-fA-F]|007[fF]|202[a-eA-E]|206[6-9]|[dD][89a-fA-F])")


def _check_depth(doc: Any) -> None:
    """Nesting past MAX_DEPTH is refused; only containers are visited, a level at a time (``json.loads``
    makes plain dicts and lists, so an exact type test is enough, and twice as fast as isinstance)."""
    level = [doc] if type(doc) in _CONTAINERS else []
    depth = 0
    while level:
        depth += 1
        if depth > MAX_DEPTH:
            raise InputError(f"nested more than {MAX_DEPTH} levels deep")
        level = [
            child
            for node in level
            for child in (node.values() if type(node) is dict else node)
            if type(child) in _CONTAINERS
        ]


_CONTAINERS = (dict, list)


def _check_strings(node: object) -> None:
    if isinstance(node, str):
        _check_str(node)
    elif isinstance(node, dict):
        for key, value in node.items():
            _check_str(key)
            _check_strings(value)
    elif isinstance(node, list):
        for value in node:
            _check_strings(value)


def _check_str(value: str) -> None:
    problem = text_problem(value)
    if problem:
        raise InputError(problem)


def dumps_json(doc: object, **kwargs: Any) -> str:
    """JSON that every reader accepts: ``allow_nan=False`` (a NaN raises ValueError, never bare NaN)."""
    return json.dumps(doc, allow_nan=False, **kwargs)


def _size(n: int) -> str:
    return f"{n // (1024 * 1024)} MB" if n >= 1024 * 1024 else f"{n // 1024} KB" if n >= 1024 else f"{n} bytes"


# --------------------------------------------------------------------------- text
# C0 controls but tab and newline, DEL, C1 controls (ESC starts an ANSI escape; C1 0x9b is a one-byte CSI),
# bidirectional embeddings, overrides and isolates (they make a line read other than it is) and lone
# surrogates: nothing a file's text needs, and what turns a terminal or a log into a weapon.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def text_problem(value: str) -> str | None:
    """Why ``value`` cannot be text from outside (a control character, an escape, a lone surrogate), or None."""
    found = _CONTROL.search(value)
    if found is None:
        return None
    char = found.group()
    what = (
        "a lone surrogate"
        if "\ud800" <= char <= "\udfff"
        else "an escape character (ESC, as in ANSI terminal codes)"
        if char == "\x1b"
        else "a bidirectional text control"
        if char >= "\u202a"
        else "a control character"
    )
    code = char.encode("unicode_escape", "backslashreplace").decode("ascii")
    return f"text holds {what} ({code}) at position {found.start()}"


_UNPRINTABLE = re.compile(f"[\t\n{_CONTROL.pattern[1:-1]}]")


def printable(text: str) -> str:
    """Text from a file, safe to print on one line of a terminal or a log: what ``text_problem`` names, and
    tab and newline, become ``\\xNN`` / ``\\uNNNN`` escapes (ANSI escape sequences start with ESC; a lone
    surrogate would make any encoder fail). Everything else, Hangul and kanji included, is kept."""
    return _UNPRINTABLE.sub(_escape, str(text))


def _escape(found: re.Match[str]) -> str:
    code = ord(found.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def shown(value: object, limit: int = 40) -> str:
    """``value`` quoted in a one-line message: ``printable``, cut to ``limit`` characters (a long key or a
    5,000-digit number from a hostile file is shown by its start)."""
    text = str(value)
    return f"'{printable(text[:limit])}{'...' if len(text) > limit else ''}'"


# --------------------------------------------------------------------------- YAML
YamlNode = Any  # a yaml node or event (PyYAML publishes no types)
# Plain JSON types only: a ``!!set`` would hash differently from process to process, a timestamp or
# ``!!binary`` has no JSON form, a ``!!python/...`` tag is code.
_YAML_TAGS = {f"tag:yaml.org,2002:{name}": name for name in ("str", "int", "float", "bool", "null", "map", "seq")}
_TAG_NAMES = {"tag:yaml.org,2002:timestamp": "a date or time", "tag:yaml.org,2002:merge": "a merge key '<<'"}
MAX_YAML_NODES = 50_000  # values in one YAML file (~1 s to validate); the largest bundled scenario has ~7,600
MAX_INT_DIGITS = 18  # every integer a game file needs, and far below Python's int-parsing limit
MAX_INT = 2**53  # exact as a JSON number in any reader
MAX_TEXT = 10_000  # characters of one text value; the longest in the bundled scenarios (a source) has ~600


def load_yaml(text: str) -> tuple[Any, YamlNode | None]:
    """``(data, root node)`` of one YAML document: data of JSON's types (dicts with text keys, lists, text,
    int, finite float, bool, None) and the composed node tree whose marks give each value's line.

    Refused with InputError (and the line): aliases and anchors (an alias bomb fails at its first
    anchor, before anything is expanded), explicit or implicit tags other than JSON's types (sets,
    timestamps, binary, merge keys, ``!!python/...``), keys that are not text, duplicate keys (both
    lines named), nesting past MAX_DEPTH, more than MAX_YAML_NODES values (a 4 MB list of tiny items
    would otherwise take half a minute and most of a gigabyte to validate), integers of more than
    MAX_INT_DIGITS digits or beyond MAX_INT, non-finite floats (``.nan``, ``1e999``), and text longer than
    MAX_TEXT or holding control characters (see ``text_problem``). An empty document is ``(None, None)``."""
    loader = _StrictLoader(text)
    try:
        root = loader.get_single_node()
        return (loader.construct_document(root) if root is not None else None), root
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or ""
        if "nesting depth" in problem:  # PyYAML 6.0.4's parser has a depth limit of its own, met first
            problem = f"nested more than {MAX_DEPTH} levels deep"
        else:
            problem = f"invalid YAML: {problem}"
        raise InputError(problem, mark.line + 1 if mark else None) from None
    except yaml.reader.ReaderError as exc:  # a character YAML refuses in its raw text: a position, not a mark
        char = exc.character if isinstance(exc.character, int) else ord(exc.character)
        raise InputError(
            f"invalid YAML: the character #x{char:04x} is not allowed ({exc.reason})",
            text.count("\n", 0, exc.position) + 1,
        ) from None
    except yaml.YAMLError as exc:
        raise InputError(f"invalid YAML: {' '.join(str(exc).split())}") from None
    finally:
        loader.dispose()


def _line(node_or_event: YamlNode) -> int:
    line: int = node_or_event.start_mark.line
    return line + 1


class _StrictComposer:
    """yaml's Composer without anchors and aliases, with a depth limit and JSON's tags only."""

    if TYPE_CHECKING:  # supplied by the parser and the resolver it is mixed with in _StrictLoader

        def peek_event(self) -> Any: ...
        def get_event(self) -> Any: ...
        def check_event(self, *choices: type) -> bool: ...
        def resolve(self, kind: type, value: Any, implicit: Any) -> str: ...

    def get_single_node(self) -> YamlNode | None:
        self._nodes = 0
        self.get_event()  # stream start
        root = None
        if not self.check_event(yaml.StreamEndEvent):
            self.get_event()  # document start
            root = self._compose(0)
            self.get_event()  # document end
        if not self.check_event(yaml.StreamEndEvent):
            raise InputError("more than one YAML document in one file", _line(self.get_event()))
        self.get_event()
        return root

    def _compose(self, depth: int) -> YamlNode:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            raise InputError(f"an alias (*{event.anchor}) is not allowed in a game file", _line(event))
        if event.anchor is not None:
            raise InputError(f"an anchor (&{event.anchor}) is not allowed in a game file", _line(event))
        if depth > MAX_DEPTH:
            raise InputError(f"nested more than {MAX_DEPTH} levels deep", _line(event))
        self._nodes += 1
        if self._nodes > MAX_YAML_NODES:
            raise InputError(f"more than {MAX_YAML_NODES:,} values in one file", _line(event))
        event = self.get_event()
        tag = event.tag
        if isinstance(event, yaml.ScalarEvent):
            if tag is None or tag == "!":
                tag = self.resolve(yaml.ScalarNode, event.value, event.implicit)
            node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, style=event.style)
        elif isinstance(event, yaml.SequenceStartEvent):
            if tag is None or tag == "!":
                tag = self.resolve(yaml.SequenceNode, None, event.implicit)
            node = yaml.SequenceNode(tag, [], event.start_mark, None, flow_style=event.flow_style)
            while not self.check_event(yaml.SequenceEndEvent):
                node.value.append(self._compose(depth + 1))
            node.end_mark = self.get_event().end_mark
        else:
            if tag is None or tag == "!":
                tag = self.resolve(yaml.MappingNode, None, event.implicit)
            node = yaml.MappingNode(tag, [], event.start_mark, None, flow_style=event.flow_style)
            while not self.check_event(yaml.MappingEndEvent):
                key = self._compose(depth + 1)
                if key.tag != "tag:yaml.org,2002:str":
                    raise InputError("a key must be text (quote it)", _line(key))
                node.value.append((key, self._compose(depth + 1)))
            node.end_mark = self.get_event().end_mark
        if tag not in _YAML_TAGS:
            what = _TAG_NAMES.get(tag, f"the tag {shown(tag)}")
            raise InputError(
                f"{what} is not allowed in a game file (only text, numbers, true/false, null, lists "
                "and mappings; quote a value to make it text)",
                _line(node),
            )
        return node


class _StrictConstructor(yaml.constructor.SafeConstructor):
    def construct_mapping(self, node: YamlNode, deep: bool = False) -> dict[str, Any]:
        mapping: dict[str, Any] = {}
        lines: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in mapping:
                raise InputError(f"duplicate key {shown(key)} (first on line {lines[key]})", _line(key_node))
            mapping[key], lines[key] = self.construct_object(value_node, deep=deep), _line(key_node)
        return mapping

    def construct_yaml_int(self, node: YamlNode) -> int:
        digits = sum(c.isalnum() for c in node.value)  # hex and octal digits too (0x, 0o: two more)
        if digits > MAX_INT_DIGITS:
            raise InputError(f"an integer of {digits} digits is too long (at most {MAX_INT_DIGITS})", _line(node))
        value: int = super().construct_yaml_int(node)
        if abs(value) > MAX_INT:
            raise InputError(f"the integer {value} is beyond the range a game file allows (±2^53)", _line(node))
        return value

    def construct_yaml_float(self, node: YamlNode) -> float:
        value: float = super().construct_yaml_float(node)
        if not math.isfinite(value):
            raise InputError(f"the number {shown(node.value)} is not finite", _line(node))
        return value

    def construct_yaml_str(self, node: YamlNode) -> str:
        value: str = super().construct_yaml_str(node)
        if len(value) > MAX_TEXT:
            raise InputError(f"a text of {len(value):,} characters is too long (at most {MAX_TEXT:,})", _line(node))
        problem = text_problem(value)
        if problem:
            raise InputError(problem, _line(node))
        return value


for _tag, _name in _YAML_TAGS.items():
    if _name in ("int", "float", "str"):
        _StrictConstructor.add_constructor(_tag, getattr(_StrictConstructor, f"construct_yaml_{_name}"))

try:
    from yaml._yaml import CParser as _Parser  # libyaml: the scanner and parser in C
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    # the same name bound to the pure-Python parser, for an install without libyaml (mypy: no-redef)
    class _Parser(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            yaml.reader.Reader.__init__(self, stream)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)


class _StrictLoader(_StrictComposer, _Parser, _StrictConstructor, yaml.resolver.Resolver):
    def __init__(self, text: str):
        _Parser.__init__(self, text)
        _StrictConstructor.__init__(self)
        yaml.resolver.Resolver.__init__(self)


# --------------------------------------------------------------------------- CSV
MAX_CSV_ROWS = 5_000  # rows of one table (a MSEL has dozens)


def load_csv(text: str) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """The columns of a CSV table's header row, and its rows, each as ``(line, {column: text})`` (empty cells
    left out).
    Refused with InputError (and the line): no header, a column named twice or without a name, a row with
    more cells than the header has columns, more than MAX_CSV_ROWS rows, and text longer than MAX_TEXT or
    holding control characters (see ``text_problem``)."""
    import csv
    import io

    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[tuple[int, dict[str, str]]] = []
    header: list[str] | None = None
    end = 0
    try:
        for cells in reader:
            line, end = end + 1, reader.line_num  # a row's first line (a quoted cell may span lines)
            for cell in cells:
                if len(cell) > MAX_TEXT:
                    raise InputError(f"a cell is longer than {MAX_TEXT} characters", line)
                problem = text_problem(cell)
                if problem:
                    raise InputError(problem, line)
            if header is None:
                header = [c.strip() for c in cells]
                if not header or "" in header:
                    raise InputError("the header row names every column", line)
                twice = sorted({c for c in header if header.count(c) > 1})
                if twice:
                    raise InputError(f"column {shown(twice[0])} is named twice", line)
                continue
            if not any(c.strip() for c in cells):
                continue
            if len(cells) > len(header):
                raise InputError(f"{len(cells)} cells, but the header has {len(header)} columns", line)
            if len(rows) == MAX_CSV_ROWS:
                raise InputError(f"more than {MAX_CSV_ROWS} rows", line)
            rows.append((line, {k: v.strip() for k, v in zip(header, cells) if v.strip()}))
    except csv.Error as exc:
        raise InputError(f"invalid CSV: {exc}", reader.line_num) from None
    if header is None:
        raise InputError("the file is empty (a CSV table starts with its header row)")
    return header, rows
