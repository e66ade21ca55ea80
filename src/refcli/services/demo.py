"""The sample network behind `ref demo`: a BNI-style chapter and a few others.

Built through the same services a user's commands use, in one transaction, with
dates relative to today so it always looks current.
"""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import Session

from refcli import dates
from refcli.services.contacts import ContactFields, add_contact, add_note

PEOPLE: list[dict[str, object]] = [
    dict(name="Sally Chen", company="Chen Realty", title="Broker", business="Residential real estate",
         offers=["home buying, home selling, relocation help"], ideal="Couples expecting a second child",
         emails=["work:sally@chenrealty.example"], phones=["mobile:+1 555 0101"], tags=["bni-north"],
         met=-700, trust=5),
    dict(name="Fred Okafor", company="Okafor Build", business="Kitchen and bath remodeling",
         offers=["kitchen remodels, bathroom remodels, cabinet refacing"],
         ideal="Homeowners who just bought a 1970s house",
         emails=["fred@okaforbuild.example"], phones=["+1 555 0102"], tags=["bni-north"], met=-560, trust=4),
    dict(name="María González", company="Harbor Mortgage", business="Mortgage broker",
         offers=["first-time buyer loans, refinancing, HELOCs"], ideal="Realtors with first-time buyers",
         emails=["maria@harbormortgage.example"], phones=["+1 555 0103"], tags=["bni-north"], met=-420, trust=4),
    dict(name="Tom Becker", company="Becker & Co CPAs", business="Accountant for small businesses",
         offers=["small-business tax, bookkeeping setup, payroll"], ideal="New business owners in their first year",
         emails=["tom@beckercpa.example"], tags=["bni-north"], met=-380, trust=5),
    dict(name="Priya Raman", company="Raman Law", business="Estate-planning attorney",
         offers=["wills, trusts, powers of attorney"], ideal="Financial planners whose clients are over 55",
         emails=["priya@ramanlaw.example"], phones=["+1 555 0105"], tags=["bni-north"], met=-300, trust=4),
    dict(name="Dave Kowalski", company="Northside Insurance", business="Commercial insurance",
         offers=["general liability, workers comp, commercial auto"], ideal="Contractors with growing crews",
         emails=["dave@northside.example"], phones=["+1 555 0106"], tags=["bni-north"], met=-250, trust=3),
    dict(name="Aisha Bello", company="Bello Studio", business="Websites for local businesses",
         offers=["websites, local SEO, booking systems"], ideal="Trades without a website",
         emails=["aisha@bellostudio.example"], tags=["chamber"], met=-200, trust=4, via="Tom Becker"),
    dict(name="Jean-Luc Moreau", company="Moreau Catering", business="Event catering",
         offers=["corporate lunches, weddings"], ideal="Office managers planning events",
         phones=["+1 555 0108"], tags=["chamber"], met=-150),
    dict(name="Hannah Schmidt", company="Schmidt Wealth", business="Financial planner",
         offers=["retirement planning, college savings"], ideal="Business owners selling their company",
         emails=["hannah@schmidtwealth.example"], tags=["bni-north"], met=-120, trust=4, via="Priya Raman"),
    dict(name="Marcus Lee", company="Lee IT", business="IT support for small offices",
         offers=["managed IT, backups, network setup"], ideal="Law and accounting offices of 5-20 people",
         emails=["marcus@leeit.example"], phones=["+1 555 0110"], tags=["chamber"], met=-90, trust=3),
    dict(name="Rosa Álvarez", company="Rosa Álvarez Photography", business="Portrait and headshot photographer",
         offers=["headshots, family portraits, real-estate photos"], ideal="Realtors listing homes",
         emails=["rosa@rosaphoto.example"], tags=["chamber"], met=-45),
    dict(name="Ken Watanabe", company="Green Row Landscaping", business="Landscaping",
         offers=["garden design, lawn care, irrigation"], ideal="New homeowners in spring",
         phones=["+1 555 0112"], tags=["bni-north"], met=-20),
]  # fmt: skip

NOTES = [
    ("sally", -30, "Her daughter Mei starts college next year; Sally wants to grow relocation work."),
    ("fred", -60, "Takes great care of clients: sends a photo update every evening of a job."),
    ("tom", -14, "Asked me who I know at the chamber; he is looking for a bookkeeper to hire."),
]


def build(session: Session) -> int:
    """Create the sample network; returns how many people were added."""
    today = dates.today()
    for spec in PEOPLE:
        met = int(spec["met"])  # type: ignore[call-overload]
        add_contact(
            session,
            ContactFields(
                name=str(spec["name"]),
                company=spec.get("company"),  # type: ignore[arg-type]
                title=spec.get("title"),  # type: ignore[arg-type]
                business=spec.get("business"),  # type: ignore[arg-type]
                ideal_referral=spec.get("ideal"),  # type: ignore[arg-type]
                offers=list(spec.get("offers", [])),  # type: ignore[call-overload]
                emails=list(spec.get("emails", [])),  # type: ignore[call-overload]
                phones=list(spec.get("phones", [])),  # type: ignore[call-overload]
                tags=list(spec.get("tags", [])),  # type: ignore[call-overload]
                met_on=today + timedelta(days=met),
                met_at="BNI North chapter" if "bni-north" in spec.get("tags", []) else "Chamber mixer",  # type: ignore[operator]
                trust=spec.get("trust"),  # type: ignore[arg-type]
                via=spec.get("via"),  # type: ignore[arg-type]
            ),
        )
    for who, days, text in NOTES:
        add_note(session, who, text, today + timedelta(days=days))
    return len(PEOPLE)
