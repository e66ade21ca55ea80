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
    assert [(c["label"], c["value"]) for c in people["Person 3"]["channels"]] == [("home fax", "+1 555 0199")]
    exported = ref.ok("export", "--format", "vcard")
    assert "TEL;TYPE=home,fax:+1 555 0199" in exported


# One row per program and language, in the header names that program writes (Outlook's as
# its localised exports name them), with the values where ref must keep them.
ROWS = {
    "outlook-fr.csv": (
        "Titre,Prénom,Nom,Société,Fonction,Rue (bureau),Ville (bureau),Code postal (bureau),Téléphone (bureau),"
        "Télécopie (bureau),Tél. mobile,Adresse de messagerie,Type de messagerie,Anniversaire,Notes,Sexe",
        "M.,Luc,Girard,Girard SARL,Gérant,3 rue Nationale,Lyon,69001,04 72 00 00 01,04 72 00 00 02,"
        "06 12 34 56 78,luc@girard.example,SMTP,4/7/1971,Aime le vélo,Non spécifié",
        "Outlook (French)",
    ),
    "outlook-es.csv": (
        "Nombre,Apellidos,Organización,Puesto,Calle del trabajo,Ciudad de trabajo,Teléfono del trabajo,"
        "Teléfono móvil,Fax del trabajo,Dirección de correo electrónico,Cumpleaños,Notas",
        "Lucía,Núñez,Núñez Abogados,Socia,Gran Vía 1,Madrid,910 000 001,600 000 002,910 000 003,lucia@nunez.example,"
        "4/7/1971,Conoce al alcalde",
        "Outlook (Spanish)",
    ),
    "outlook-it.csv": (
        "Nome,Cognome,Società,Posizione,Via (uff.),Città (uff.),Ufficio,Cellulare,Fax (uff.),"
        "Indirizzo posta elettronica,Compleanno,Note",
        "Marco,Bianchi,Bianchi Srl,Titolare,Via Roma 1,Milano,02 000 001,333 000 002,02 000 003,"
        "marco@bianchi.example,4/7/1971,Socio del club",
        "Outlook (Italian)",
    ),
    "outlook-nl.csv": (
        'Titel,Voornaam,Middelste naam,Achternaam,Bedrijf,Functie,"Werkadres, straat","Werkadres, plaats",'
        "Telefoon op werk,Mobiele telefoon,Fax thuis,E-mailadres,Verjaardag,Notities,Geslacht",
        "Dhr.,Pieter,van,Dijk,Dijk BV,Directeur,Damrak 1,Amsterdam,020 000 0001,06 0000 0002,020 000 0003,"
        "pieter@dijk.example,4-7-1971,Kent de wethouder,Niet-gespecificeerd",
        "Outlook (Dutch)",
    ),
    "yahoo.csv": (
        "First,Middle,Last,Nickname,Email,Category,Distribution Lists,Messenger ID,Home,Work,Pager,Fax,Mobile,"
        "Title,Company,Work Address,Work City,Birthday,Comments",
        "Amy,,Chen,,amy@chen.example,,,,,555 0101,555 0102,555 0103,555 0104,Broker,Chen Realty,1 Bay St,"
        "Oakland,7/4/1971,Met at the expo",
        "Yahoo Mail",
    ),
    "kaddressbook.csv": (
        "Formatted Name,Family Name,Given Name,Additional Names,Honorific Prefixes,Birthday,"
        "Business Address Street,Business Address City,Business Phone,Business Fax,Mobile Phone,Email Address,"
        "Title,Organization,Note",
        "Eva Lind,Lind,Eva,,,1971-07-04,Storgatan 1,Malmö,040 000 01,040 000 02,070 000 03,eva@lind.example,"
        "Arkitekt,Lind Arkitekter,Ritar kontor",
        "KAddressBook",
    ),
    "thunderbird.csv": (
        "First Name,Last Name,Display Name,Primary Email,Work Phone,Fax Number,Mobile Number,Work Address,"
        "Work City,Job Title,Organization,Birth Year,Birth Month,Birth Day,Notes",
        "Tom,Berg,Tom Berg,tom@berg.example,555 0201,555 0202,555 0203,2 Mill Rd,Leeds,Surveyor,Berg & Co,"
        "1971,7,4,Plays chess",
        "Thunderbird",
    ),
}


def test_every_dialect_keeps_each_value_in_its_field(ref: Ref, tmp_path: Path) -> None:
    for name, (header, row, dialect) in ROWS.items():
        db = str(tmp_path / f"{name}.db")
        path = tmp_path / name
        path.write_bytes(f"{header}\n{row}\n".encode("cp1252" if "nl" in name else "utf-8"))
        report: Any = ref.json("--db", db, "import", str(path))
        assert report["files"][0]["dialect"] == dialect, name
        (person,) = [ref.json("--db", db, "show", p["handle"]) for p in ref.json("--db", db, "contacts")]  # type: ignore[union-attr]
        cells = dict(zip(header.replace('"', "").replace(", ", "| ").split(","), row.split(","), strict=True))
        assert person["company"] and person["company"] in row and person["title"] in row, (name, person)
        assert person["birthday"] == "1971-07-04", (name, person["birthday"])
        phones = {c["value"]: c["label"] for c in person["channels"] if c["kind"] == "phone"}
        fax = next(v for k, v in cells.items() if "fax" in k.lower() or "télécopie" in k.lower())
        assert "fax" in (phones[fax] or ""), (name, phones)
        assert sum(1 for c in person["channels"] if c["kind"] == "address") == 1, (name, person["channels"])
        notes = " | ".join(n["text"] for n in person["notes"])
        for placeholder in ("SMTP", "Non spécifié", "Niet-gespecificeerd"):
            assert placeholder not in notes, (name, notes)
        assert person["name"].split()[0] not in ("M.", "Dhr."), person["name"]


def test_a_value_that_looks_like_outlooks_default_is_kept_where_it_is_a_field(ref: Ref, tmp_path: Path) -> None:
    """Outlook writes "Normal" as a priority it filled in itself; a company called Normal is a company."""
    path = tmp_path / "outlook.csv"
    path.write_text("First Name,Last Name,Company,Job Title,Priority,Sensitivity,Business Street\n"
                    "Nora,Lund,Normal,False,Normal,Normal,1 Main St\n")  # fmt: skip
    ref.ok("import", str(path))
    nora: Any = ref.json("show", "nora")
    assert (nora["company"], nora["title"]) == ("Normal", "False")
    assert not any("Priority" in n["text"] or "Sensitivity" in n["text"] for n in nora["notes"])


def test_the_report_names_the_program_and_encoding_and_both_can_be_forced(ref: Ref, tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes("Vorname;Nachname;Firma;E-Mail-Adresse\nJürgen;Weiß;Weiß GmbH;jw@weiss.example\n".encode("cp1252"))
    said = ref.ok("import", "--dry-run", str(path))
    assert "(outlook: Outlook (German), windows-1252)" in said
    wrong = ref.ok("--db", str(tmp_path / "w.db"), "import", "--encoding", "iso-8859-5", str(path))
    assert "ISO-8859-5" in wrong
    right: Any = ref.json("--db", str(tmp_path / "r.db"), "import", "--encoding", "windows-1252", "--format", "outlook",
                          str(path))  # fmt: skip
    assert (right["files"][0]["dialect"], right["files"][0]["encoding"]) == ("Outlook (German)", "windows-1252")
    bad = ref("import", "--encoding", "klingon", str(path))
    assert bad.code != 0 and "unknown encoding 'klingon'" in bad.err and "Traceback" not in bad.err
    card = ref("import", "--encoding", "utf-8", str(_card(tmp_path)))
    assert card.code != 0 and "--encoding is for CSV files" in card.err


def _card(tmp_path: Path) -> Path:
    path = tmp_path / "one.vcf"
    path.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Example\r\nEND:VCARD\r\n")
    return path


def test_a_csv_whose_note_holds_a_card_reads_back_as_the_same_people(ref: Ref, tmp_path: Path) -> None:
    ref.ok("add-contact", "Sally Jones", "--phone", "work:+1 555 123 4567 ext. 89", "--email", "s@x.example")
    ref.ok("add-contact", "Fred Okafor")
    ref.ok("note", "sally", "BEGIN:VCARD\nVERSION:3.0\nFN:Forwarded Person\nEND:VCARD")
    out = tmp_path / "out.csv"
    ref.ok("export", "--format", "csv", "-o", str(out))
    copy = str(tmp_path / "copy.db")
    ref.ok("--db", copy, "import", str(out))
    names = sorted(p["name"] for p in ref.json("--db", copy, "contacts"))  # type: ignore[union-attr]
    assert names == ["Fred Okafor", "Sally Jones"]
    sally: Any = ref.json("--db", copy, "show", "sally")
    assert [c["value"] for c in sally["channels"] if c["kind"] == "phone"] == ["+1 555 123 4567 ext. 89"]
    assert "FN:Forwarded Person" in sally["notes"][0]["text"]
