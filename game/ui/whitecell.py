"""The white cell's side of the front end that is not drawing: the facilitator's PIN and the phase clock.

pygame-free, so tests call it directly. The PIN is never kept: only a salted scrypt hash of it
(``hash_pin``), which the session holds and the save records, and ``pin_matches`` compares a typed
PIN with it in constant time. The phase clock runs on the UI's wall clock (the frames' ``dt``): the
game's state never holds a time, so a replay never depends on one; when the clock runs out, the UI
enters the expiry as a control act through the Session, and that act is what the log keeps.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass

from pydantic import ValidationError

from ..model.control import ControlSetup
from ..model.ids import Actor
from ..model.scenario import INJECT_PHASES

PIN_DIGITS = (4, 12)  # a PIN is 4 to 12 digits
_SCRYPT = {"n": 2**14, "r": 8, "p": 1}  # ~0.1 s a try: cheap for the facilitator, slow for guessing
HASH_PREFIX = "scrypt"


def pin_problem(pin: str) -> str | None:
    """Why ``pin`` cannot be the facilitator's PIN, or None."""
    low, high = PIN_DIGITS
    if not pin:
        return f"type a PIN for the white cell ({low} to {high} digits)"
    if not pin.isdigit() or not pin.isascii():
        return "the PIN must be digits only"
    if not low <= len(pin) <= high:
        return f"the PIN must have {low} to {high} digits"
    return None


def hash_pin(pin: str, salt: bytes | None = None) -> str:
    """``scrypt$<salt>$<digest>`` (hex) of ``pin``, with a fresh random salt unless one is given."""
    salt = secrets.token_bytes(16) if salt is None else salt
    digest = hashlib.scrypt(pin.encode("ascii"), salt=salt, **_SCRYPT)
    return f"{HASH_PREFIX}${salt.hex()}${digest.hex()}"


def pin_matches(stored: str, pin: str) -> bool:
    """True when ``pin`` is the PIN ``stored`` (a ``hash_pin`` result) was made from."""
    try:
        prefix, salt, digest = stored.split("$")
        salt_bytes, want = bytes.fromhex(salt), bytes.fromhex(digest)
    except ValueError:
        return False
    if prefix != HASH_PREFIX or not pin.isascii():
        return False
    got = hashlib.scrypt(pin.encode("ascii"), salt=salt_bytes, **_SCRYPT)
    return hmac.compare_digest(got, want)


class PhaseClock:
    """The time left in the current phase, on the wall clock.

    ``limit`` (seconds, None: no clock) is the phase's time limit as the game sets it; the clock
    restarts whenever the phase it times (``key``: turn and phase) changes, and ``tick`` says, once,
    when the time has run out. Pausing stops it; resuming goes on from where it stood."""

    def __init__(self) -> None:
        self.key: object = None
        self.elapsed = 0.0
        self.paused = False
        self.fired = False  # the expiry of this phase has been reported

    def follow(self, key: object) -> None:
        """Time the phase ``key`` (a new phase starts from zero)."""
        if key != self.key:
            self.key, self.elapsed, self.fired = key, 0.0, False

    def remaining(self, limit: float | None) -> float | None:
        return None if limit is None else max(0.0, limit - self.elapsed)

    def tick(self, dt: float, limit: float | None) -> bool:
        """Advance by ``dt`` seconds unless paused; True the first time the time has run out."""
        if not self.paused:
            self.elapsed += max(0.0, dt)
        if limit is None or self.fired or self.elapsed < limit:
            return False
        self.fired = True
        return True


def problem_text(exc: ValidationError) -> str:
    """What a note or an inject typed in the UI got wrong, in one line ("text: String should have at
    most 2000 characters")."""
    first = exc.errors(include_url=False)[0]
    where = ".".join(str(part) for part in first["loc"])
    return f"{where}: {first['msg']}" if where else first["msg"]


def clock_text(seconds: float | None, paused: bool = False) -> str:
    """ "12:05", "0:07 paused", or "" when the phase has no clock."""
    if seconds is None:
        return ""
    whole = int(seconds + 0.999)
    text = f"{whole // 60}:{whole % 60:02d}"
    return text + " paused" if paused else text


@dataclass(frozen=True)
class Facilitation:
    """A facilitated game as set up: the hash of the PIN that opens the console, and the white cell's
    setup the game starts with (``control_setup``)."""

    pin_hash: str
    setup: ControlSetup


def control_setup(injects, minutes: int, stand_ins: dict[Actor, str]) -> ControlSetup:
    """The white cell's setup from the setup screen's choices: the MSEL's injects, the same number of
    minutes for every phase (0: no clock) and, per seat, the AI spec that decides for it when its phase
    is closed before it has (an AI seat's own; a human seat's chosen stand-in)."""
    clocks = {phase: minutes * 60 for phase in INJECT_PHASES} if minutes > 0 else {}
    return ControlSetup(msel=tuple(injects), clocks=clocks, stand_ins=dict(stand_ins))


class PinGate:
    """The PIN asked before the console opens: right or wrong, and, after ``FREE_TRIES`` wrong PINs
    in a row, a wait that doubles with each further one (a player cannot try PINs at speed)."""

    FREE_TRIES = 3

    def __init__(self, pin_hash: str):
        self.pin_hash = pin_hash
        self.wrong = 0
        self.locked_for = 0.0  # seconds until the next try is accepted

    def tick(self, dt: float) -> None:
        self.locked_for = max(0.0, self.locked_for - dt)

    def attempt(self, pin: str) -> bool:
        if self.locked_for > 0:
            return False
        if pin_matches(self.pin_hash, pin):
            self.wrong = 0
            return True
        self.wrong += 1
        if self.wrong >= self.FREE_TRIES:
            self.locked_for = 5.0 * 2 ** (self.wrong - self.FREE_TRIES)
        return False
