"""Writes chime.wav: the soft two-tone chime played at each step of a guided break.

Run it with any Python 3 (standard library only) to regenerate the file:

    python resources/sounds/make_chime.py

Two bell-like notes, G5 then C6, each with a gentle 12 ms attack and an
exponential decay; 0.6 s in all, 44.1 kHz, 16-bit mono, peak at -7 dBFS. The
output is deterministic, so the file only changes when this script does.
"""

from __future__ import annotations

import math
import struct
import wave
from pathlib import Path

RATE = 44_100
SECONDS = 0.6
PEAK_DBFS = -7.0
FADE_OUT = 0.05  # the last 50 ms ease down to silence
# (start time s, frequency Hz, loudness): G5, then C6 a little softer.
NOTES = ((0.0, 783.99, 1.0), (0.16, 1046.50, 0.8))
# Partials (frequency multiple, amplitude) for a soft, slightly bell-like tone.
PARTIALS = ((1.0, 1.0), (2.0, 0.18), (3.0, 0.05))
ATTACK = 0.012
DECAY = 0.16  # time constant of the exponential decay, s


def note(t: float, frequency: float) -> float:
    if t < 0:
        return 0.0
    if t < ATTACK:
        envelope = (1.0 - math.cos(math.pi * t / ATTACK)) / 2.0
    else:
        envelope = math.exp(-(t - ATTACK) / DECAY)
    tone = sum(
        amplitude * math.sin(2.0 * math.pi * frequency * multiple * t)
        for multiple, amplitude in PARTIALS
    )
    return envelope * tone


def samples() -> list[float]:
    count = round(RATE * SECONDS)
    raw = []
    for i in range(count):
        t = i / RATE
        value = sum(loud * note(t - start, freq) for start, freq, loud in NOTES)
        left = SECONDS - t
        if left < FADE_OUT:
            value *= (1.0 - math.cos(math.pi * left / FADE_OUT)) / 2.0
        raw.append(value)
    peak = max(abs(v) for v in raw)
    scale = 10 ** (PEAK_DBFS / 20.0) / peak
    return [v * scale for v in raw]


def write(path: Path) -> None:
    frames = b"".join(struct.pack("<h", round(v * 32767)) for v in samples())
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(frames)


if __name__ == "__main__":
    write(Path(__file__).resolve().with_name("chime.wav"))
