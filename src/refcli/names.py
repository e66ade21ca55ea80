"""Keys for matching people's names and handles, the same on SQLite and PostgreSQL.

SQLite's NOCASE folds ASCII only, so ref stores its own keys:
- `name_key`: casefold(NFC(name)) with whitespace collapsed: "is this the same name?"
- `fold`: name_key with accents removed, so `jose` finds `José` and NFC/NFD spellings of one
  name are one person; `match_fold` also drops apostrophes: what the resolver and search compare.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata

from refcli.errors import InvalidInput

HANDLE_RE = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$")
# A dotless domain is valid (user@invalid); a domain never holds separators or brackets.
_EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s.;,<>()\[\]][^@\s;,<>()\[\]]*(?<!\.)$")
# Letters that NFKD does not decompose to ASCII but have a conventional spelling.
_TRANSLIT = str.maketrans(
    {"ß": "ss", "æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ł": "l",
     "Ł": "L", "œ": "oe", "Œ": "OE", "þ": "th", "Þ": "Th", "ı": "i"}
)  # fmt: skip


def collapse(text: str) -> str:
    """Trim and collapse runs of whitespace to one space."""
    return " ".join(text.split())


def name_key(text: str) -> str:
    return collapse(unicodedata.normalize("NFC", text)).casefold()


def fold(text: str) -> str:
    """Case- and accent-insensitive form of a name or query."""
    if text.isascii():  # nothing to normalise, transliterate or strip: the same answer, faster
        return collapse(text).casefold()
    folded = _fold_once(text)
    for _ in range(3):  # a compatibility form can unfold to a cased letter (𝞐 -> Α): fold it too
        again = _fold_once(folded)
        if again == folded:
            break
        folded = again
    return folded


def _fold_once(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name_key(text).translate(_TRANSLIT))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", stripped)


def tag_name(text: str) -> str:
    """A tag as stored: folded, without a leading `#`, its spaces collapsed (folding can leave two
    where an accent stood alone), whoever typed, imported or synced it."""
    return collapse(fold(text)).lstrip("# ")  # every leading `#`: a tag read back is the same tag


APOSTROPHES = str.maketrans("", "", "'\u2019\u2018\u02bc`\u00b4")  # ' ’ ‘ ʼ ` ´


def match_fold(text: str) -> str:
    """What a typed name is compared on: `fold`, without apostrophes, straight or typographic,
    so `obrien`, `o'brien` and `o’brien` all find Seán O'Brien. Stored as `name_fold` and
    `search_fold` (schema 0009 recomputed them)."""
    return fold(text).translate(APOSTROPHES)


_WORD = re.compile(r"[^\W_]+")


def words(text: str) -> list[str]:
    """The words of a text, folded like names (`match_fold`) and split on anything that is not a
    letter or digit: what the search index stores and queries look for, on both engines."""
    return _WORD.findall(match_fold(text))


def name_words(name: str) -> frozenset[str]:
    """A name as the set of its folded words, order, case, accents and punctuation aside:
    `Mustermann, Heiko` and `Heiko Mustermann` are the same words."""
    return frozenset(words(name))


def compatible(a: frozenset[str], b: frozenset[str]) -> bool:
    """Two names that may be one person: every word of the shorter one begins, or is the
    beginning of, a word of the other (`Fred` and `Fred Okafor`, `Frederick S.` and `Fred Smith`,
    `Sal C` and `Sally`); `Anna Schmidt` and `Heiko Mustermann` are not."""
    if not a or not b:
        return False
    small, big = sorted((a, b), key=len)
    return all(any(x.startswith(y) or y.startswith(x) for y in big) for x in small)


@functools.lru_cache(maxsize=1 << 14)  # an import of 10,000 people slugs the same first names again and again
def ascii_slug(word: str) -> str:
    """Transliterate a word to lowercase ASCII letters and digits (may be empty)."""
    return re.sub(r"[^a-z0-9]", "", fold(word.translate(_TRANSLIT)).encode("ascii", "ignore").decode())


def handle_candidates(name: str) -> list[str]:
    """Handles to try in order: `jose`, then `jose-nunez`; empty if no Latin letters. Only the
    first and the last word that have Latin letters are slugged (the middle ones are never used)."""
    parts = re.split(r"[\s\-_.]+", name)
    first = next((slug for w in parts if (slug := ascii_slug(w))), "")
    if not first:
        return []
    last = next(slug for w in reversed(parts) if (slug := ascii_slug(w)))
    candidates = [first[:40]]
    if sum(1 for w in parts if ascii_slug(w)) > 1:
        candidates.append(f"{first[:40]}-{last[:20]}")
    return candidates


def clean_name(name: str) -> str:
    cleaned = collapse(unicodedata.normalize("NFC", name))
    if not cleaned:
        raise InvalidInput("a name cannot be empty", 'give the person\'s name, e.g. "Fred Smith"')
    if len(cleaned) > 200:
        raise InvalidInput("a name is limited to 200 characters")
    return cleaned


def check_handle(handle: str) -> str:
    handle = handle.strip()
    if not HANDLE_RE.match(handle):
        raise InvalidInput(
            f"handle {handle!r} is not valid",
            "use lowercase letters, digits and '-', e.g. fred or fred-smith",
        )
    return handle


def check_email(value: str) -> str:
    value = value.strip()
    if not _EMAIL_RE.match(value):
        raise InvalidInput(f"email {value!r} is not an address (name@domain)", "e.g. fred@example.com")
    return value


_NOT_DIGIT = re.compile(r"\D")


def phone_digits(value: str) -> str:
    return _NOT_DIGIT.sub("", value)


def check_phone(value: str) -> str:
    value = collapse(value)
    if len(phone_digits(value)) < 3:
        raise InvalidInput(f"phone {value!r} has too few digits", "e.g. +1 555 010 2030")
    return value


def split_label(value: str) -> tuple[str | None, str]:
    """`work:fred@x.com` -> ("work", "fred@x.com"); a bare value has no label."""
    label, sep, rest = value.partition(":")
    if sep and re.fullmatch(r"[A-Za-z][A-Za-z0-9 _-]{0,19}", label) and rest.strip():
        return label.strip().lower(), rest.strip()
    return None, value.strip()


def like_escape(text: str) -> str:
    """Escape LIKE wildcards so user text is matched literally (ESCAPE '\\')."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def optional_text(value: str | None) -> str | None:
    """A one-line field as stored: inner spaces collapsed; blank means none. None stays None
    (the field was not given), so an edit can tell "leave it" from "clear it"."""
    return collapse(value) or None if value is not None else None


def optional_block(value: str | None) -> str | None:
    """A free-text field that may span lines (meeting notes): trimmed; blank means none."""
    return value.strip() or None if value is not None else None


# --- a name's parts, as a vCard N holds them -------------------------------------------------

NAME_PARTS = ("family", "given", "additional", "prefix", "suffix")  # the order of vCard N


def pack_parts(parts: dict[str, str], name: str | None = None) -> str | None:
    """A name's parts as `contact.name_parts` stores them (JSON, only the parts given), or None
    when there are none, or when the one part is the whole `name` (which says nothing more).
    Parts are kept as a card or the user gave them, never guessed by splitting the whole name."""
    kept = {k: collapse(parts.get(k) or "") for k in NAME_PARTS}
    kept = {k: v for k, v in kept.items() if v}
    if name is not None and list(kept.values()) == [collapse(name)]:
        return None
    return _PARTS_JSON.encode(kept) if kept else None


_PARTS_JSON = json.JSONEncoder(ensure_ascii=False, sort_keys=True)  # made once, not once a name


def unpack_parts(stored: str | None) -> dict[str, str]:
    import json

    try:
        found = json.loads(stored) if stored else {}
    except ValueError:
        found = None
    if not isinstance(found, dict):  # not written by ref: keep nothing rather than fail
        return {}
    return {k: str(found[k]) for k in NAME_PARTS if found.get(k)}


def parts_fit(stored: str | None, name: str) -> bool:
    """Whether stored parts still belong to this name (their words all in it, in any order: a
    middle initial added is fine): a renamed person whose parts no longer fit loses them rather
    than keep another name's."""
    parts = unpack_parts(stored)
    return bool(parts) and name_words(" ".join(parts.values())) <= name_words(name)


def parts_after(
    stored: str | None, name: str, given: str | None, family: str | None, renamed: bool = False
) -> str | None:
    """A name's parts after an add or edit: those given replace the stored ones ("" clears one);
    on a rename, stored parts that no longer spell the name are dropped, not kept for another."""
    parts = unpack_parts(stored) if not renamed or parts_fit(stored, name) else {}
    parts.update({k: v for k, v in (("given", given), ("family", family)) if v is not None})
    return pack_parts(parts, name)


def card_parts(parts: dict[str, str] | None, name: str) -> dict[str, str]:
    """What a card's N holds: the parts kept or given, else the whole name as the family name
    (never a guess at where a name splits: `Ximian, Inc.` is not a given and a family name)."""
    return parts or {"family": name}


UID_MAX = 200  # characters a card's UID may have in ref (a longer one is replaced, not cut)


def card_uid(raw: str | None) -> str | None:
    """The UID ref keeps for a card's: the card's own when it is safe to write back into a card
    and a file name (printable, no line break, NUL or other control, no bidi or format character,
    at most UID_MAX characters), else one derived from it (`urn:uuid:`, stable: the same card
    gives the same UID on a second import). The importer keeps an unsafe original in the notes."""
    if raw is None or not raw.strip():
        return None
    value = raw.strip()
    if len(value) <= UID_MAX and value.replace(" ", "").isprintable() and "\\" not in value:
        return value
    import uuid

    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'ref-card-uid:' + value)}"
