"""Turning the bytes of a file written by another program into text, without garbling it.

Order of evidence: a byte-order mark; UTF-16 without a BOM (NUL bytes); strict
UTF-8; then charset-normalizer's best guess over the bytes that are not UTF-8
(so Windows-1252, ISO-8859-2 or Shift_JIS text comes out as the writer meant).
"""

from __future__ import annotations

import codecs
import functools
import re


def strip_bom_and_utf16(data: bytes) -> tuple[bytes, str | None]:
    """Return UTF-8 bytes for UTF-16 input (with or without BOM), and the encoding found."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :], "utf-8-sig"
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        return data.decode("utf-16").encode("utf-8"), "utf-16"
    sample = data[:4000]
    if len(sample) >= 4 and sample.count(0) > len(sample) // 4:
        encoding = "utf-16-be" if sample[0] == 0 else "utf-16-le"
        try:
            return data.decode(encoding).encode("utf-8"), encoding
        except UnicodeDecodeError:
            pass
    return data, None


def guess_encoding(samples: list[bytes]) -> str:
    """Best guess for text that is not UTF-8, from all such pieces of one file together."""
    joined = b"\n".join(samples)
    if not joined:
        return "utf-8"
    try:
        joined.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(joined, cp_isolation=list(CANDIDATES)).best()
    encoding = best.encoding if best is not None else "cp1252"
    if encoding in LATIN or (encoding in CYRILLIC and _mixed_scripts(joined.decode(encoding, "replace"))):
        return latin_choice(joined)
    return encoding


CYRILLIC = {"cp1251", "koi8_r"}
_MIXED = re.compile(r"[A-Za-z][\u0400-\u04ff]|[\u0400-\u04ff][A-Za-z]")


def _mixed_scripts(text: str) -> bool:
    """A Cyrillic reading that puts Cyrillic letters inside Latin words (`Цzdemir`, `Mьller`) is
    a Western file misread: few non-ASCII bytes leave the guesser little to go on."""
    return _MIXED.search(text) is not None


# Encodings address books are really written in, besides UTF-8 and UTF-16.
CANDIDATES = (
    "cp1252", "cp1250", "iso8859_2", "shift_jis", "euc_jp", "cp1251", "koi8_r", "gb18030", "big5", "euc_kr",
    "cp1253", "cp1255",
)  # fmt: skip
LATIN = {"cp1252", "cp1250", "iso8859_2", "latin_1", "iso8859_15"}
_VOWELS = set("aeiouyáéíóúàèìòùäëïöüâêîôû")


def latin_choice(data: bytes) -> str:
    """Western (cp1252) or Central European (cp1250)? The same byte is ñ in one and ń in the
    other, so look at the letters around each byte on which they disagree: Spanish ñ comes
    before a vowel (Núñez), Polish ń before a consonant or at a word's end (Iksiński).
    Other disagreements count for neither; a tie goes to cp1252."""
    west, central = data.decode("cp1252", "replace"), data.decode("cp1250", "replace")
    votes = 0
    for i, (w, c) in enumerate(zip(west, central, strict=False)):
        if w == c or w.lower() != "ñ":
            continue
        following = west[i + 1 : i + 2].lower()
        votes += 1 if following in _VOWELS else -1
    return "cp1250" if votes < 0 else "cp1252"


def decode(data: bytes, encoding: str | None = None, fallback: str = "cp1252") -> str:
    """Decode with a declared encoding, else UTF-8, else the fallback; never raises."""
    for candidate in (encoding, "utf-8", fallback):
        if not candidate:
            continue
        try:
            return data.decode(_python_name(candidate))
        except (UnicodeDecodeError, LookupError):
            continue
    return data.decode("latin-1")


@functools.cache  # a handful of names, asked once a value
def _python_name(charset: str) -> str:
    name = charset.strip().strip('"').lower()
    return {"shift-jis": "shift_jis", "sjis": "shift_jis", "x-sjis": "shift_jis"}.get(name, name)


def shown(encoding: str) -> str:
    """An encoding as people know it: windows-1252, not cp1252; UTF-8 with BOM, not utf-8-sig."""
    name = codecs.lookup(encoding).name
    if name == "utf-8-sig":
        return "UTF-8 with BOM"
    if name.startswith(("utf-", "shift_jis", "euc_", "gb", "big5", "koi8")):
        return name.upper().replace("_", "-")
    if name.startswith("cp125"):
        return "windows-" + name[2:]
    return re.sub(r"^iso8859[-_]", "ISO-8859-", name).replace("mac_", "mac-")


def text_of(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """A whole file as text, and the encoding used (`encoding`: the user's word, over any guess)."""
    if encoding:
        return data.decode(encoding, "replace").removeprefix("\ufeff"), codecs.lookup(encoding).name
    data, found = strip_bom_and_utf16(data)
    if found and found.startswith("utf-16"):
        return data.decode("utf-8"), found
    try:
        return data.decode("utf-8"), found or "utf-8"
    except UnicodeDecodeError:
        encoding = guess_encoding([data])
        return decode(data, encoding), encoding
