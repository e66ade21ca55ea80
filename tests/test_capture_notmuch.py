"""`ref capture notmuch:` (issue 31): a notmuch database, built here with notmuch's own bindings
over a maildir, read through its query and its excluded tags. The bindings are an optional
extra: without them the test skips, unless REF_TEST_REQUIRE_NOTMUCH=1 (as in CI)."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import Ref
from test_capture import maildir, message


def notmuch2() -> Any:
    try:
        import notmuch2 as bindings
    except ImportError:
        if os.environ.get("REF_TEST_REQUIRE_NOTMUCH") == "1":
            pytest.fail("notmuch's bindings are not installed (apt-get install libnotmuch-dev; pip install notmuch2)")
        pytest.skip("notmuch's bindings are not installed: .ci/run installs them")
    return bindings


def indexed(root: Path, spam: set[str]) -> Path:
    """A notmuch database over the maildir at `root`, the messages whose Message-ID is in `spam` tagged spam."""
    bindings = notmuch2()
    db = bindings.Database.create(str(root), config=bindings.Database.CONFIG.EMPTY)
    try:
        for path in sorted(root.rglob("*")):
            if path.is_file() and path.parent.name in ("cur", "new") and ".notmuch" not in path.parts:
                found, _ = db.add(str(path))
                if found.messageid in spam:
                    found.tags.add("spam")
    finally:
        db.close()
    return root


def test_a_notmuch_database_becomes_touches_by_the_maildir_rules(ref: Ref, tmp_path: Path) -> None:
    root = tmp_path / "mail"
    maildir(root, "INBOX", [
        message("Fred Okafor <fred@okafor.example>", "me@mine.example", "Mon, 02 Mar 2026 10:00:00 +0000", mid="a@x"),
        message("Spam <fred@okafor.example>", "me@mine.example", "Tue, 03 Mar 2026 10:00:00 +0000", mid="spam@x"),
        message("News <news@list.example>", "sally@jones.example", "Wed, 04 Mar 2026 10:00:00 +0000", mid="n@x",
                extra="List-Id: <news.list.example>\r\n"),
    ])  # fmt: skip
    maildir(root, "Sent", [
        message("me@mine.example", "Sally Jones <sally@jones.example>", "Thu, 05 Mar 2026 10:00:00 +0000", mid="s@x"),
    ])  # fmt: skip
    indexed(root, {"spam@x"})
    ref.ok("add-contact", "Fred Okafor", "--email", "fred@okafor.example")
    ref.ok("add-contact", "Sally Jones", "--email", "sally@jones.example")
    report: Any = ref.json("capture", f"notmuch:{root}")
    assert report["sources"] == [f"{root} (notmuch)"]
    got = sorted((t["contact"], t["on"], t["direction"]) for t in report["touches"])
    assert got == [("fred", "2026-03-02", "in"), ("sally", "2026-03-05", "out")], got  # spam and the list: never
    fred: Any = ref.json("show", "fred")
    assert (fred["keeping"]["last_in_touch"], fred["keeping"]["last_how"]) == ("2026-03-02", "email")
    again: Any = ref.json("capture", f"notmuch:{root}")
    assert again["unchanged"] == [f"{root} (notmuch)"]
    only: Any = ref.json("capture", "--dry-run", f"notmuch:{root}?query=from:fred@okafor.example")
    assert only["sources"] == [f"{root} (notmuch: from:fred@okafor.example)"]
    missing = ref("capture", f"notmuch:{tmp_path / 'nowhere'}")
    assert missing.code != 0 and "no such folder" in missing.err and "Traceback" not in missing.err


def test_without_notmuchs_bindings_the_source_says_what_to_install(
    ref: Ref, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Runs wherever the suite runs: the bindings are made unimportable for this one capture."""
    root = tmp_path / "mail"
    maildir(root, "INBOX", [message("a@x.example", "me@mine.example", "Mon, 02 Mar 2026 10:00:00 +0000")])
    monkeypatch.setitem(sys.modules, "notmuch2", None)  # `import notmuch2` now raises ImportError
    missing = ref("capture", f"notmuch:{root}")
    assert missing.code != 0 and "needs notmuch's Python bindings" in missing.err
    assert "refcli[notmuch]" in missing.err and "give the mail folder itself" in missing.err
    assert ref.json("capture", str(root))["sources"] == [f"{root} (maildir)"]  # type: ignore[index]
