"""`ref capture imap://...` against a real IMAP server (Dovecot on 127.0.0.1, tests/imap_server.py)
holding a few hundred generated messages in INBOX and Sent: encoded-word names, Cc, a newsletter,
messages without a Message-ID. What it records is checked against a plain model of the rules."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from conftest import Ref
from imap_server import PASSWORD, Server, dovecot

ME = "me@mine.example"
PEOPLE = {"sally": "sally@chen.example", "fred": "fred@okafor.example", "tom": "tom@nguyen.example"}


def generated(seed: int = 7) -> list[dict[str, Any]]:
    """The messages on the server, as plain facts the model reads (and the server is given)."""
    rng = random.Random(seed)
    start = date(2026, 1, 1)
    out: list[dict[str, Any]] = []
    for n in range(320):
        day = start + timedelta(days=rng.randrange(0, 72))
        sent = rng.random() < 0.3
        who = rng.choice([*PEOPLE, "stranger", "news"])
        address = PEOPLE.get(who, f"{who}{rng.randrange(3)}@else.example")
        cc = [PEOPLE[rng.choice(list(PEOPLE))]] if rng.random() < 0.2 else []
        if rng.random() < 0.05:
            cc += [f"crowd{k}@x.example" for k in range(11)]
        out.append({"n": n, "day": day, "sent": sent, "who": who, "address": address, "cc": cc,
                    "bulk": who == "news", "mid": rng.random() > 0.1})  # fmt: skip
    return out


def raw(m: dict[str, Any]) -> bytes:
    name = "=?utf-8?q?S=C3=A1lly_Ch=C3=A9n?=" if m["who"] == "sally" else m["who"].title()
    them = f"{name} <{m['address']}>"
    frm, to = (ME, them) if m["sent"] else (them, ME)
    lines = [f"From: {frm}", f"To: {to}", f"Date: {m['day'].strftime('%a, %d %b %Y')} 12:00:00 +0000",
             f"Subject: note {m['n']}"]  # fmt: skip
    if m["cc"]:
        lines.append("Cc: " + ", ".join(m["cc"]))
    if m["mid"]:
        lines.append(f"Message-ID: <msg{m['n']}@gen.example>")
    if m["bulk"]:
        lines.append("List-Id: <news.else.example>")
    return ("\r\n".join(lines) + "\r\n\r\nbody\r\n").encode()


def model_touches(messages: list[dict[str, Any]], since: date | None = None) -> list[tuple[str, str, int]]:
    """(handle, day, message) of every touch the rules ask for, written without ref's code."""
    handles = {v: k for k, v in PEOPLE.items()}
    expected = []
    for m in messages:
        if m["bulk"] or 1 + len(m["cc"]) > 10 or (since and m["day"] < since):
            continue
        for handle in sorted({handles[a] for a in [m["address"], *m["cc"]] if a in handles}):
            expected.append((handle, m["day"].isoformat(), m["n"]))
    return expected


def model(messages: list[dict[str, Any]], since: date | None = None) -> set[tuple[str, str]]:
    return {(handle, day) for handle, day, _ in model_touches(messages, since)}


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    with dovecot() as running:
        client = running.client()
        client.create_folder("Sent")
        for m in generated():
            client.append("Sent" if m["sent"] else "INBOX", raw(m), flags=[])
        client.logout()
        yield running


@pytest.fixture
def network(ref: Ref, monkeypatch: pytest.MonkeyPatch) -> Ref:
    for handle, address in PEOPLE.items():
        ref.ok("add-contact", handle.title() + " Person", "--handle", handle, "--email", address)
    monkeypatch.setenv("REF_IMAP_PASSWORD", PASSWORD)
    return ref


def touches(ref: Ref) -> set[tuple[str, str]]:
    listed: Any = ref.json("touch", "list", "--limit", "0")
    return {(t["contact"], t["on"]) for t in listed}


def test_an_imap_account_becomes_touches_by_the_rules(network: Ref, server: Server) -> None:
    report: Any = network.json("capture", server.url())
    assert touches(network) == model(generated())
    assert report["my_addresses"] == [ME]  # learned from the Sent folder
    assert all(t["source"] == "mail" for t in report["touches"])
    assert any("mailing list" in s["why"] for s in report["skipped"])
    assert {u["address"] for u in report["unknown"]} <= {f"stranger{k}@else.example" for k in range(3)}
    flags = server.client()
    flags.select_folder("INBOX", readonly=True)
    seen = [uid for uid, data in flags.fetch(flags.search("ALL"), ["FLAGS"]).items() if b"\\Seen" in data[b"FLAGS"]]
    flags.logout()
    assert seen == []  # headers were peeked at: nothing was marked read
    again: Any = network.json("capture", server.url())
    assert again["read"] == 0 and again["unchanged"] and touches(network) == model(generated())  # nothing new
    client = server.client()
    newsletter = {"who": "news", "address": "news1@else.example", "sent": False, "cc": [], "mid": True, "n": 999,
                  "bulk": True, "day": date(2026, 3, 1)}  # fmt: skip
    client.append("INBOX", raw(newsletter), flags=[])  # one more message arrives (a newsletter: no touch)
    client.logout()
    more: Any = network.json("capture", server.url())
    assert more["read"] > 0 and more["touches"] == [] and touches(network) == model(generated())


def test_since_limits_what_is_read(network: Ref, server: Server) -> None:
    network.ok("capture", server.url(), "--since", "2026-03-01")
    assert touches(network) == model(generated(), since=date(2026, 3, 1))


def test_the_same_mail_in_a_maildir_and_on_the_server_is_one_touch(
    network: Ref, server: Server, tmp_path: Path
) -> None:
    box = tmp_path / "Mail" / "INBOX"
    for sub in ("cur", "new", "tmp"):
        (box / sub).mkdir(parents=True)
    for m in generated():
        if m["mid"] and not m["sent"]:
            (box / "cur" / f"{m['n']}.host:2,S").write_bytes(raw(m))
    network.ok("capture", str(tmp_path / "Mail"))
    network.ok("capture", server.url())
    listed: Any = network.json("touch", "list", "--limit", "0")
    assert {(t["contact"], t["on"]) for t in listed} == model(generated())
    assert len(listed) == len(model_touches(generated()))  # one touch a person a message, wherever it was read


def test_a_password_comes_from_netrc_and_never_from_the_address(
    network: Ref, server: Server, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("REF_IMAP_PASSWORD")
    assert "no password" in network.fails(3, "capture", server.url())
    netrc = tmp_path / "home" / ".netrc"
    netrc.parent.mkdir(parents=True, exist_ok=True)
    netrc.write_text(f"machine 127.0.0.1 login me password {PASSWORD}\n")
    netrc.chmod(0o600)
    network.ok("capture", server.url())
    assert touches(network)
    with_password = server.url().replace("imap://me@", f"imap://me:{PASSWORD}@")
    err = network.fails(3, "capture", with_password)
    assert "password in the IMAP address" in err and PASSWORD not in err
    assert PASSWORD not in network.ok("log", "--json")


def test_a_wrong_password_or_no_server_records_nothing(network: Ref, server: Server, monkeypatch: Any) -> None:
    monkeypatch.setenv("REF_IMAP_PASSWORD", "wrong")
    assert "refused the login" in network.fails(3, "capture", server.url())
    monkeypatch.setenv("REF_IMAP_PASSWORD", PASSWORD)
    closed = server.url().replace(f":{server.port}/", ":1/")
    assert "cannot reach" in network.fails(4, "capture", closed)
    assert touches(network) == set()
