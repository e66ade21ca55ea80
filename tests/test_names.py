import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from refcli.names import fold, handle_candidates, name_key, tag_name


def test_handles_derive_from_the_first_name_then_full_name() -> None:
    assert handle_candidates("José Ñúñez") == ["jose", "jose-nunez"]
    assert handle_candidates("Fred") == ["fred"]
    assert handle_candidates("王伟") == []
    assert handle_candidates("🎉") == []
    assert handle_candidates("Jürgen Weiß") == ["jurgen", "jurgen-weiss"]


def test_nfc_and_nfd_spellings_fold_the_same() -> None:
    nfc = unicodedata.normalize("NFC", "José")
    nfd = unicodedata.normalize("NFD", "José")
    assert nfc != nfd
    assert name_key(nfc) == name_key(nfd)
    assert fold(nfd) == "jose"
    assert fold("  Fred   SMITH ") == "fred smith"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=40))
def test_plain_ascii_folds_as_any_other_text(text: str) -> None:
    """fold's shortcut for ASCII (no accents to strip, nothing to transliterate) gives what the
    full normalisation gives."""
    full = unicodedata.normalize("NFKD", unicodedata.normalize("NFC", " ".join(text.split())).casefold())
    assert fold(text) == unicodedata.normalize("NFC", "".join(c for c in full if not unicodedata.combining(c)))


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=20))
def test_folding_twice_is_folding_once(text: str) -> None:
    """A tag or name folded again (read back from an export, typed again) stays the same:
    '𝞐' unfolds to a capital 'Α', which must fold on to 'α' (found on a round trip of tags)."""
    assert fold(fold(text)) == fold(text)
    assert tag_name(tag_name(text)) == tag_name(text)
    assert fold("\U0001d790") == "α" and tag_name("# #bni") == "bni"
