"""The sample network behind `ref demo`: a BNI-style chapter and a few others.

Built through the same services a user's commands use, in one transaction, with
dates relative to today so it always looks current.
"""

from __future__ import annotations

from datetime import date, timedelta

from refcli import dates
from refcli.meetings import depth
from refcli.meetings import oneonones as meetings
from refcli.people import knowledge
from refcli.people.contacts import ContactFields, add_contact, add_note
from refcli.people.resolve import Person
from refcli.referrals import introductions
from refcli.referrals import lifecycle as referrals
from refcli.store.writer import Writer

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


# (who, days ago, where, learned, they asked about you, you asked how to help)
MEETINGS = [
    ("sally", -330, "Cafe Luna", "Relocation clients often need a mortgage pre-approval fast", True, True),
    ("sally", -200, "Her office", "Wants introductions to HR managers who hire from out of state", True, True),
    ("sally", -90, "Cafe Luna", "Her best clients come from past clients' friends", True, True),
    ("sally", -12, "Chapter breakfast", "Launching a first-time buyer seminar in the spring", True, True),
    ("fred", -150, "A job site", "Busy season is autumn; he turns away small bathroom jobs", True, False),
    ("fred", -40, "Cafe Luna", "Will start offering design consultations", False, True),
    ("tom", -100, "His office", "Most clients come from bankers; wants more from lawyers", True, True),
    ("dave", -210, "Diner", "Needs contractors with 5+ employees", False, False),
    ("dave", -60, "Chapter breakfast", "Talked mostly about his own numbers", False, False),
    ("priya", -25, "Her office", "Does free estate-planning talks for community groups", True, True),
]
SCHEDULED: list[tuple[str, int, str | None]] = [("sally", 16, "Cafe Luna"), ("fred", 9, None), ("hannah", 3, "Zoom")]
FAMILY = [("sally", "Mei", "daughter", True), ("sally", "Daniel", "husband", True), ("fred", "Ada", "wife", False)]
GOALS = [
    ("sally", "Close 30 relocation sales", "business"),
    ("sally", "Hire an assistant", "business"),
    ("sally", "Run a half marathon", "personal"),
    ("sally", "Launch the first-time buyer seminar", "business"),
    ("sally", "Take Mei to Japan", "personal"),
    ("fred", "Open a showroom", "business"),
    ("tom", "Add two payroll clients a month", "business"),
    ("tom", "Remodel the office kitchen before tax season", "business"),
]
TRAITS = [
    ("sally", "plus", "Follows up with every referral within a day"),
    ("fred", "plus", "Sends clients a photo update every evening"),
    ("fred", "minus", "Hard to reach by phone during jobs"),
    ("dave", "minus", "Talks over people at the breakfast"),
]
KNOWS = [("sally", "maria", "work together on first-time buyers"), ("tom", "aisha", None), ("priya", "hannah", None)]


def build(writer: Writer) -> int:
    """Create the sample network; returns how many people were added."""
    today = dates.today()
    for spec in PEOPLE:
        met = int(spec["met"])  # type: ignore[call-overload]
        add_contact(
            writer,
            ContactFields(
                name=str(spec["name"]),
                texts={
                    "company": spec.get("company"),  # type: ignore[dict-item]
                    "title": spec.get("title"),  # type: ignore[dict-item]
                    "business": spec.get("business"),  # type: ignore[dict-item]
                    "ideal_referral": spec.get("ideal"),  # type: ignore[dict-item]
                    "met_at": "BNI North chapter" if "bni-north" in spec.get("tags", []) else "Chamber mixer",  # type: ignore[operator]
                },
                offers=list(spec.get("offers", [])),  # type: ignore[call-overload]
                emails=list(spec.get("emails", [])),  # type: ignore[call-overload]
                phones=list(spec.get("phones", [])),  # type: ignore[call-overload]
                tags=list(spec.get("tags", [])),  # type: ignore[call-overload]
                met_on=today + timedelta(days=met),
                trust=spec.get("trust"),  # type: ignore[arg-type]
                via=_p(writer, str(spec["via"])) if spec.get("via") else None,
            ),
        )
    for who, days, text in NOTES:
        add_note(writer, _p(writer, who), text, today + timedelta(days=days))
    for who, days, place, learned, they_asked, i_asked in MEETINGS:
        meetings.log_meeting(
            writer, _p(writer, who), on=today + timedelta(days=days), place=place, learned=learned,
            they_asked=they_asked, i_asked=i_asked,
        )  # fmt: skip
    for who, ahead, where in SCHEDULED:
        meetings.schedule(writer, _p(writer, who), today + timedelta(days=ahead), where)
    for who, name, relation, met in FAMILY:
        knowledge.add_family(writer, _p(writer, who), name, relation, met)
    for who, text, kind in GOALS:
        knowledge.add_goal(writer, _p(writer, who), text, None, kind)
    for who, kind, text in TRAITS:
        knowledge.add_trait(writer, _p(writer, who), kind, text)
    for who, other, note in KNOWS:
        knowledge.add_knows(writer, _p(writer, who), _p(writer, other), note)
    _referrals(writer, today)
    depth.save_answers(
        writer, _p(writer, "sally"), {1: True, 2: True, 8: True, 9: True, 10: True, 12: True, 13: True, 14: True}
    )
    depth.save_answers(writer, _p(writer, "fred"), {1: True, 2: True, 10: True})
    return len(PEOPLE)


def _referrals(writer: Writer, today: date) -> None:
    """Referrals both ways with outcomes, one thank-you owed, and one imbalance worth a talk."""

    def day(offset: int) -> date:
        return today + timedelta(days=offset)

    def outcome(rid: int, status: str, offset: int, **kw: object) -> None:
        referrals.outcome(writer, rid, status, on=day(offset), **kw)  # type: ignore[arg-type]

    # A proper introduction for Fred that closed, with both sides reporting back.
    fred_intro = introductions.introduce(
        writer, _p(writer, "sally"), _p(writer, "fred"), for_name="fred",
        why="Sally's buyers of older homes want new kitchens", temperature="hot", on=day(-300),
    ).id  # fmt: skip
    referrals.heard(writer, fred_intro, _p(writer, "fred"), day(-296))
    referrals.heard(writer, fred_intro, _p(writer, "sally"), day(-295))
    outcome(fred_intro, "met", -290)
    outcome(fred_intro, "won", -260, value="18,500", treated=5)
    lead = referrals.give(
        writer, _p(writer, "fred"), "Neighbour planning a bathroom", why="Asked me for a builder", on=day(-120)
    )
    outcome(lead["id"], "lost", -100, why="Fred was booked until spring; she went elsewhere")
    # Dave has received a lot and returned nothing in well over a year.
    dave_intro = introductions.introduce(
        writer,
        _p(writer, "marcus"),
        _p(writer, "dave"),
        for_name="dave",
        why="Marcus's office clients need cyber cover",
        on=day(-560),
    ).id
    referrals.heard(writer, dave_intro, _p(writer, "dave"), day(-550))
    outcome(dave_intro, "won", -530, value="3,200", treated=4)
    crew = referrals.give(writer, _p(writer, "dave"), "fred", why="Fred's crew needs workers comp", on=day(-400))
    outcome(crew["id"], "won", -380, value="2,100", treated=4)
    quiet = referrals.give(writer, _p(writer, "dave"), "A landscaper at the chamber", on=day(-250))
    outcome(quiet["id"], "no_response", -200, why="Dave never called them")
    referrals.give(writer, _p(writer, "dave"), "Ken's new crew", why="Ken is hiring", on=day(-60))
    # A mutual introduction that both reported back on.
    mutual = introductions.introduce(
        writer, _p(writer, "priya"), _p(writer, "hannah"), why="Both serve clients planning retirement", on=day(-100)
    ).id  # fmt: skip
    referrals.heard(writer, mutual, _p(writer, "priya"), day(-95))
    referrals.heard(writer, mutual, _p(writer, "hannah"), day(-94))
    outcome(mutual, "met", -90)
    # An introduction nobody has reported back on yet.
    introductions.introduce(
        writer, _p(writer, "sally"), _p(writer, "maria"), why="First-time buyers need pre-approval", on=day(-10)
    )
    # Referrals you received: thanked, and one thank-you still owed.
    parkers = referrals.receive(
        writer, _p(writer, "sally"), "The Parkers need help with their move", prospect="The Parkers", on=day(-200)
    )["id"]  # fmt: skip
    outcome(parkers, "won", -170, value="6,000")
    referrals.thank(writer, _p(writer, "sally"), how="Lunch at Cafe Luna", on=day(-198))
    estate = referrals.receive(writer, _p(writer, "priya"), "A client's son starting a business", on=day(-70))["id"]
    referrals.thank(writer, _p(writer, "priya"), referral_id=estate, how="Handwritten card", on=day(-69))
    referrals.receive(
        writer, _p(writer, "tom"), "A bakery owner who wants a website", prospect="Bakery owner", on=day(-6)
    )


def _p(writer: Writer, handle: str) -> Person:
    """The sample person a handle names, resolved as the CLI resolves what a user types."""
    from refcli.people.resolve import resolve

    return resolve(writer, handle)
