"""Exports people really have (issue 33): Google's current CSV, Zoho's, Outlook in German, a
Windows-1252 file, year-less and date-time birthdays, fax numbers. Each file is written here in
its program's own header row; each value is checked where ref keeps it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from conftest import Ref


def imported(ref: Ref, tmp_path: Path, name: str, data: bytes) -> list[dict[str, Any]]:
    path = tmp_path / name
    path.write_bytes(data)
    ref.ok("import", str(path))
    people: Any = ref.json("contacts", "--all")
    return [ref.json("show", p["handle"]) for p in people]  # type: ignore[misc]


def test_google_current_csv_keeps_titles_and_each_address_once(ref: Ref, tmp_path: Path) -> None:
    header = ("First Name,Middle Name,Last Name,Organization Name,Organization Title,Organization Department,"
              "Birthday,Notes,Labels,E-mail 1 - Label,E-mail 1 - Value,Phone 1 - Label,Phone 1 - Value,"
              "Address 1 - Label,Address 1 - Formatted,Address 1 - Street,Address 1 - City,Address 1 - Postal Code,"
              "Address 1 - Country")  # fmt: skip
    row = ('Ana,,Lima,Lima Design,Art Director,,1990-05-04,,* myContacts,Work,ana@lima.example,Mobile,+1 555 0100,'
           'Home,"12 Oak St, Springfield 12345, USA",12 Oak St,Springfield,12345,USA')  # fmt: skip
    (ana,) = imported(ref, tmp_path, "google.csv", f"{header}\n{row}\n".encode())
    assert (ana["company"], ana["title"]) == ("Lima Design", "Art Director")
    addresses = [c["value"] for c in ana["channels"] if c["kind"] == "address"]
    assert addresses == ["12 Oak St, Springfield 12345, USA"]
    assert not any("Organization Title" in n["text"] for n in ana["notes"])


def test_zoho_mailing_address_account_name_and_title(ref: Ref, tmp_path: Path) -> None:
    header = (
        "First Name,Last Name,Account Name,Title,Email,Phone,Mailing Street,Mailing City,Mailing Zip,Mailing Country"
    )
    row = "Raj,Patel,Patel Logistics,Operations Manager,raj@patel.example,555 0133,4 Dock Rd,Leeds,LS1 1AA,UK"
    (raj,) = imported(ref, tmp_path, "zoho.csv", f"{header}\n{row}\n".encode())
    assert (raj["company"], raj["title"], raj["emails"]) == (
        "Patel Logistics",
        "Operations Manager",
        ["raj@patel.example"],
    )
    assert [c["value"] for c in raj["channels"] if c["kind"] == "address"] == ["4 Dock Rd, Leeds, LS1 1AA, UK"]
    assert raj["notes"] == []


def test_outlook_in_german(ref: Ref, tmp_path: Path) -> None:
    header = ('"Anrede";"Vorname";"Weitere Vornamen";"Nachname";"Firma";"Position";"Straße geschäftlich";'
              '"Ort geschäftlich";"Postleitzahl geschäftlich";"Telefon geschäftlich";"Mobiltelefon";'
              '"E-Mail-Adresse";"Geburtstag";"Notizen"')  # fmt: skip
    row = ('"Herr";"Jürgen";"";"Weiß";"Weiß GmbH";"Geschäftsführer";"Hauptstr. 1";"Köln";"50667";"0221 1234567";'
           '"0171 7654321";"j.weiss@weiss.example";"04.07.1970";"Kennt die Kammer"')  # fmt: skip
    (jw,) = imported(ref, tmp_path, "outlook-de.csv", f"{header}\n{row}\n".encode("cp1252"))
    assert jw["name"] == "Jürgen Weiß" and (jw["company"], jw["title"]) == ("Weiß GmbH", "Geschäftsführer")
    phones = {(c["label"], c["value"]) for c in jw["channels"] if c["kind"] == "phone"}
    assert phones == {("work", "0221 1234567"), ("mobile", "0171 7654321")}
    assert jw["emails"] == ["j.weiss@weiss.example"]
    assert "Kennt die Kammer" in [n["text"] for n in jw["notes"]]


def test_a_windows_1252_file_is_not_read_as_cyrillic(ref: Ref, tmp_path: Path) -> None:
    data = "Name,Company\nMehmet Özdemir,Özdemir Bau\n".encode("cp1252")
    (mo,) = imported(ref, tmp_path, "latin.csv", data)
    assert (mo["name"], mo["company"]) == ("Mehmet Özdemir", "Özdemir Bau")


def test_year_less_and_date_time_birthdays_and_fax_numbers(ref: Ref, tmp_path: Path) -> None:
    cards = "".join(
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person {n}\r\n{bday}\r\nEND:VCARD\r\n"
        for n, bday in enumerate(
            [
                "BDAY;X-APPLE-OMIT-YEAR=1604:1604-08-02",
                "BDAY:16040101",
                "BDAY:1986-04-15T00:00:00Z",
                "TEL;type=HOME;type=FAX:+1 555 0199",
            ]
        )
    )
    people = {p["name"]: p for p in imported(ref, tmp_path, "cards.vcf", cards.encode())}
    assert people["Person 0"]["birthday"] == "--08-02" and people["Person 1"]["birthday"] == "--01-01"
    assert people["Person 2"]["birthday"] == "1986-04-15"
    assert [(c["label"], c["value"]) for c in people["Person 3"]["channels"]] == [("fax", "+1 555 0199")]
    exported = ref.ok("export", "--format", "vcard")
    assert "TYPE=fax" in exported.replace("TYPE=FAX", "TYPE=fax")
