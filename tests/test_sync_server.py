"""End to end with a real CardDAV server: Radicale on 127.0.0.1 (a free port, throwaway storage,
stopped at the end), vdirsyncer pairing it with a vdir, plain CardDAV requests playing the
phone, and `ref sync` playing the user."""

from __future__ import annotations

import base64
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from conftest import Ref
from radicale_server import radicale

pytest.importorskip("radicale")
pytest.importorskip("vdirsyncer")

AUTH = "Basic " + base64.b64encode(b"phone:secret").decode()


@dataclass
class Server:
    base: str  # the address book's URL
    folder: Path  # the vdir vdirsyncer keeps
    config: Path

    def request(self, method: str, name: str = "", body: bytes | None = None) -> tuple[int, bytes]:
        headers = {"Authorization": AUTH, "Content-Type": "text/vcard; charset=utf-8"}
        req = urllib.request.Request(self.base + name, data=body, method=method, headers=headers)
        try:
            with urllib.request.urlopen(req, timeout=10) as answer:
                return answer.status, answer.read()
        except urllib.error.HTTPError as exc:
            return exc.code, b""

    def put(self, name: str, card: str) -> None:
        assert self.request("PUT", name, card.encode())[0] in (201, 204)

    def get(self, name: str) -> str:
        status, body = self.request("GET", name)
        assert status == 200, (name, status)
        return body.decode()

    def find(self, text: str) -> str:
        """The name of the one card on the server holding `text` (vdirsyncer names uploads itself)."""
        import re

        req = urllib.request.Request(self.base, method="PROPFIND", headers={"Authorization": AUTH, "Depth": "1"})
        with urllib.request.urlopen(req, timeout=10) as answer:
            listing = answer.read().decode()
        names = [h.rsplit("/", 1)[-1] for h in re.findall(r"<[^>]*href>([^<]+\.vcf)</", listing)]
        found = [n for n in names if text in self.get(urllib.request.url2pathname(n))]
        assert len(found) == 1, (text, names)
        return urllib.request.url2pathname(found[0])

    def vdirsyncer(self, *args: str) -> str:
        done = subprocess.run(
            [sys.executable, "-m", "vdirsyncer", "-c", str(self.config), *args],
            input="y\n" * 5, capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout + done.stderr


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    with radicale(tmp_path / "radicale") as port:
        folder = tmp_path / "vdir"
        folder.mkdir()
        config = tmp_path / "vdirsyncer.conf"
        base = f"http://127.0.0.1:{port}/phone/book/"
        config.write_text(
            f'[general]\nstatus_path = "{tmp_path / "status"}/"\n\n'
            '[pair book]\na = "book_local"\nb = "book_remote"\ncollections = null\nconflict_resolution = "b wins"\n\n'
            f'[storage book_local]\ntype = "filesystem"\npath = "{folder}/"\nfileext = ".vcf"\n\n'
            f'[storage book_remote]\ntype = "carddav"\nurl = "{base}"\nusername = "phone"\npassword = "secret"\n',
            encoding="utf-8",
        )
        book = Server(base, folder, config)
        mkcol = (
            b'<?xml version="1.0" encoding="utf-8"?><D:mkcol xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:carddav">'
            b"<D:set><D:prop><D:resourcetype><D:collection/><C:addressbook/></D:resourcetype></D:prop></D:set>"
            b"</D:mkcol>"
        )
        req = urllib.request.Request(base, data=mkcol, method="MKCOL", headers={"Authorization": AUTH})
        with urllib.request.urlopen(req, timeout=10) as answer:
            assert answer.status == 201
        book.vdirsyncer("discover")
        yield book


def card(uid: str, name: str, *lines: str) -> str:
    family, given = name.split()[-1], " ".join(name.split()[:-1])
    body = "".join(f"{line}\r\n" for line in lines)
    return f"BEGIN:VCARD\r\nVERSION:3.0\r\nUID:{uid}\r\nFN:{name}\r\nN:{family};{given};;;\r\n{body}END:VCARD\r\n"


def both(ref: Ref, server: Server) -> dict[str, Any]:
    """What a user runs: vdirsyncer, ref, vdirsyncer."""
    server.vdirsyncer("sync")
    report: Any = ref.json("sync", str(server.folder))
    server.vdirsyncer("sync")
    return report  # type: ignore[no-any-return]


def test_the_phone_and_ref_stay_one_through_a_carddav_server(ref: Ref, server: Server) -> None:
    # On the phone: a new contact with a photo ref does not model.
    photo = "PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQ=="
    server.put(
        "sally.vcf",
        card("phone-sally", "Sally Chen", "TEL;TYPE=cell:+1 555 0101", photo, "X-PHONETIC-FIRST-NAME:Sa-li"),
    )
    ref.ok("add-contact", "Fred Okafor", "--email", "fred@okafor.example", "--company", "Okafor Build")
    report = both(ref, server)
    assert report["created_in_ref"] == ["sally"] and report["created_cards"] == ["fred"]
    assert ref.json("show", "sally")["phones"] == ["+1 555 0101"]  # type: ignore[index]
    fred_uid = ref.json("show", "fred")["uid"]  # type: ignore[index]
    fred_href = server.find(f"UID:{fred_uid}")
    assert "ORG:Okafor Build" in server.get(fred_href)

    # In ref: Sally's number changes; it reaches the server, and her photo stays.
    ref.ok("edit", "sally", "--remove-phone", "+1 555 0101", "--phone", "+1 555 0199")
    both(ref, server)
    on_server = server.get("sally.vcf")
    assert "+1 555 0199" in on_server and "+1 555 0101" not in on_server
    assert photo in on_server and "X-PHONETIC-FIRST-NAME:Sa-li" in on_server

    # Both sides change Fred's company: a conflict, reported, and nothing lost.
    ref.ok("edit", "fred", "--company", "Okafor & Sons")
    time.sleep(1.1)  # the phone's change comes later
    server.put(fred_href, server.get(fred_href).replace("ORG:Okafor Build", "ORG:Okafor Kitchens"))
    report = both(ref, server)
    assert [(c["contact"], c["field"], c["kept"]) for c in report["conflicts"]] == [("fred", "company", "vdir")]
    fred: Any = ref.json("show", "fred")
    assert fred["company"] == "Okafor Kitchens" and any("Okafor & Sons" in n["text"] for n in fred["notes"])

    # Deleted on the phone: archived in ref, history kept.
    assert server.request("DELETE", "sally.vcf")[0] in (200, 204)
    report = both(ref, server)
    assert report["archived"] == ["sally"] and ref.json("show", "sally")["archived"] is True  # type: ignore[index]

    # Nothing changed: nothing is rewritten on either side, and nothing duplicated.
    before = {p.name: p.read_bytes() for p in server.folder.glob("*.vcf")}
    server.vdirsyncer("sync")
    report = ref.json("sync", str(server.folder))  # type: ignore[assignment]
    assert report["unchanged"] == 1 and not report["updated_cards"] and not report["created_cards"]
    said = server.vdirsyncer("sync")
    assert "Copying" not in said and "Deleting" not in said, said
    assert {p.name: p.read_bytes() for p in server.folder.glob("*.vcf")} == before
    assert [p["handle"] for p in ref.json("contacts")] == ["fred"]  # type: ignore[union-attr]
