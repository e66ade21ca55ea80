"""The CSV dialects people's address books write, as data: which program wrote a file (from its
header row, never from the cells) and what each of its columns holds.

A column's meaning is written `kind` or `kind:label`. Kinds are those of `csv_headers.kind_of`
(given, family, company, title, email, phone, address, birthday...), plus `birth_year`,
`birth_month`, `birth_day` (a birthday split over three columns) and `echo` (a column that
repeats what another holds: Outlook's "E-mail Display Name" and "E-mail Type"). For a phone or
an email the label is where it rings or lands ("work", "home fax"); for an address it is the
address the column belongs to, so "Business Street" and "Business City" make one address.
In a header, `#` stands for any number ("E-mail # Address": the 2nd and 3rd as the 1st).

Header names: Outlook's in each language as Outlook writes them (the English, German, French,
Spanish and Italian ones also as Roundcube's localisation files `csv2vcard.inc` list them, the
Dutch as Open-Xchange's CSV importer test lists them), Thunderbird's, Google's current and
old export, Yahoo's, Windows Contacts', KAddressBook's, LinkedIn's and Zoho CRM's. A header no
dialect names falls back to the general rules in `csvfiles`, and a column nobody names is
kept, with its header, in a note.
"""

from __future__ import annotations

from refcli.exchange.dialect_shape import Dialect, norm
from refcli.exchange.outlook_headers import (
    OUTLOOK_DE,
    OUTLOOK_EN,
    OUTLOOK_ES,
    OUTLOOK_FR,
    OUTLOOK_IT,
    OUTLOOK_NL,
)

# fmt: off
THUNDERBIRD = Dialect(
    "Thunderbird",
    "thunderbird",
    tuple(norm(s) for s in ("Primary Email", "Secondary Email", "Mobile Number", "Work ZipCode", "Birth Month")),
    {
        norm(h): kind
        for h, kind in {
            "First Name": "given", "Last Name": "family", "Display Name": "name", "Nickname": "nickname",
            "Primary Email": "email", "Secondary Email": "email", "Work Phone": "phone:work",
            "Home Phone": "phone:home", "Fax Number": "phone:fax", "Pager Number": "phone:pager",
            "Mobile Number": "phone:mobile", "Home Address": "address:home", "Home Address 2": "address:home",
            "Home City": "address:home", "Home State": "address:home", "Home ZipCode": "address:home",
            "Home Country": "address:home", "Work Address": "address:work", "Work Address 2": "address:work",
            "Work City": "address:work", "Work State": "address:work", "Work ZipCode": "address:work",
            "Work Country": "address:work", "Job Title": "title", "Organization": "company",
            "Web Page 1": "url:work", "Web Page 2": "url:home", "Birth Year": "birth_year",
            "Birth Month": "birth_month", "Birth Day": "birth_day", "Notes": "notes",
        }.items()
    },
)

GOOGLE = Dialect(
    "Google Contacts",
    "google",
    tuple(norm(s) for s in ("Organization Title", "E-mail 1 - Label", "Phone 1 - Label", "Address 1 - Formatted",
                            "File As")),
    {
        norm(h): kind
        for h, kind in {
            "First Name": "given", "Middle Name": "middle", "Last Name": "family", "Name Prefix": "prefix",
            "Name Suffix": "suffix", "Nickname": "nickname", "File As": "echo", "Organization Name": "company",
            "Organization Title": "title", "Birthday": "birthday", "Notes": "notes", "Labels": "tags",
            "Event # - Value": "event",
        }.items()
    },
)

GOOGLE_OLD = Dialect(
    "Google Contacts",
    "google",
    tuple(norm(s) for s in ("E-mail 1 - Type", "Given Name", "Group Membership", "Section 1 - Company")),
    {
        norm(h): kind
        for h, kind in {
            "Name": "name", "Given Name": "given", "Additional Name": "middle", "Family Name": "family",
            "Name Prefix": "prefix", "Name Suffix": "suffix", "Nickname": "nickname", "Birthday": "birthday",
            "Notes": "notes", "Group Membership": "tags", "Organization # - Name": "company",
            "Organization # - Title": "title", "Section # - Company": "company", "Section # - Title": "title",
            "Occupation": "title",
        }.items()
    },
    variant="before 2020",
)

YAHOO = Dialect(
    "Yahoo Mail",
    "yahoo",
    tuple(norm(s) for s in ("Messenger ID", "Yahoo Phone", "Alternate Email 1", "Distribution Lists")),
    {
        norm(h): kind
        for h, kind in {
            "First": "given", "Middle": "middle", "Last": "family", "Nickname": "nickname", "Email": "email",
            "Alternate Email #": "email", "Category": "tags", "Home": "phone:home", "Work": "phone:work",
            "Pager": "phone:pager", "Fax": "phone:fax", "Mobile": "phone:mobile", "Other": "phone:other",
            "Yahoo Phone": "phone", "Primary": "phone", "Personal Website": "url:home",
            "Business Website": "url:work", "Title": "title", "Company": "company", "Work Address": "address:work",
            "Work City": "address:work", "Work State": "address:work", "Work ZIP": "address:work",
            "Work Country": "address:work", "Home Address": "address:home", "Home City": "address:home",
            "Home State": "address:home", "Home ZIP": "address:home", "Home Country": "address:home",
            "Birthday": "birthday", "Anniversary": "anniversary", "Comments": "notes",
        }.items()
    },
    day_first=False,
)

WINDOWS = Dialect(
    "Windows Contacts",
    "windows",
    tuple(norm(s) for s in ("Personal Web Page", "Business Web Page")),
    {
        **OUTLOOK_EN.columns,
        **{norm(h): kind for h, kind in {"Name": "name", "Personal Web Page": "url:home",
                                         "Business Web Page": "url:work"}.items()},
    },
    OUTLOOK_EN.defaults,
    day_first=False,
)

KADDRESSBOOK = Dialect(
    "KAddressBook",
    "kaddressbook",
    tuple(norm(s) for s in ("Formatted Name", "Honorific Prefixes", "Additional Names", "Home Address Street")),
    {
        norm(h): kind
        for h, kind in {
            "Formatted Name": "name", "Family Name": "family", "Given Name": "given", "Additional Names": "middle",
            "Honorific Prefixes": "prefix", "Honorific Suffixes": "suffix", "Nick Name": "nickname",
            "Birthday": "birthday", "Anniversary": "anniversary", "Home Address Street": "address:home",
            "Home Address Post Office Box": "address:home", "Home Address City": "address:home",
            "Home Address State": "address:home", "Home Address Zip Code": "address:home",
            "Home Address Country": "address:home", "Home Address Label": "echo",
            "Business Address Street": "address:work", "Business Address Post Office Box": "address:work",
            "Business Address City": "address:work", "Business Address State": "address:work",
            "Business Address Zip Code": "address:work", "Business Address Country": "address:work",
            "Business Address Label": "echo", "Home Phone": "phone:home", "Business Phone": "phone:work",
            "Mobile Phone": "phone:mobile", "Home Fax": "phone:home fax", "Business Fax": "phone:work fax",
            "Car Phone": "phone:car", "ISDN": "phone:isdn", "Pager": "phone:pager", "Email Address": "email",
            "Title": "title", "Role": "title", "Organization": "company", "Note": "notes", "Homepage": "url",
            "Categories": "tags",
        }.items()
    },
)

LINKEDIN = Dialect(
    "LinkedIn connections",
    "linkedin",
    (norm("Connected On"),),
    {
        norm(h): kind
        for h, kind in {
            "First Name": "given", "Last Name": "family", "URL": "url:linkedin", "Email Address": "email",
            "Company": "company", "Position": "title", "Connected On": "met_on",
        }.items()
    },
)

ZOHO = Dialect(
    "Zoho CRM",
    "zoho",
    tuple(norm(s) for s in ("Mailing Street", "Account Name", "Contact Owner", "Email Opt Out")),
    {
        norm(h): kind
        for h, kind in {
            "Salutation": "prefix", "First Name": "given", "Last Name": "family", "Full Name": "name",
            "Account Name": "company", "Title": "title", "Email": "email", "Secondary Email": "email",
            "Phone": "phone:work", "Home Phone": "phone:home", "Other Phone": "phone:other", "Fax": "phone:fax",
            "Mobile": "phone:mobile", "Asst Phone": "phone:assistant", "Date of Birth": "birthday",
            "Mailing Street": "address:mailing", "Mailing City": "address:mailing",
            "Mailing State": "address:mailing", "Mailing Zip": "address:mailing",
            "Mailing Country": "address:mailing", "Other Street": "address:other", "Other City": "address:other",
            "Other State": "address:other", "Other Zip": "address:other", "Other Country": "address:other",
            "Description": "notes", "Tag": "tags",
        }.items()
    },
)

# Most specific first: a header that two programs share decides nothing (the signs are each
# program's own), and on a tie the earlier dialect wins.
DIALECTS: tuple[Dialect, ...] = (
    LINKEDIN, ZOHO, YAHOO, KADDRESSBOOK, GOOGLE, GOOGLE_OLD, THUNDERBIRD, WINDOWS, OUTLOOK_DE, OUTLOOK_FR,
    OUTLOOK_ES, OUTLOOK_IT, OUTLOOK_NL, OUTLOOK_EN,
)
# fmt: on
FAMILIES = tuple(dict.fromkeys(d.family for d in DIALECTS))


def detect(header: list[str], family: str | None = None) -> Dialect | None:
    """The dialect whose own headers the file has most of (None: no program's signature, the
    general rules read it). `family` (`--format outlook`) limits the choice to that program."""
    cells = {norm(h) for h in header}
    chosen = [d for d in DIALECTS if not family or d.family == family]
    scored = [(sum(1 for sign in d.signs if sign in cells), _known(d, cells), d) for d in chosen]
    claimed = [s for s in scored if s[0]]
    if claimed:  # the most signs, then the most known columns; the earlier dialect on a tie
        return max(claimed, key=lambda s: (s[0], s[1]))[2]
    if family:  # forced: the program's language with most known columns
        return max(scored, key=lambda s: s[1])[2]
    return None


def _known(dialect: Dialect, cells: set[str]) -> int:
    return sum(1 for cell in cells if cell in dialect.columns)
