"""The schema: every table, defined once (SQLModel), used for writes and migrations.

Read views do not import this module (it costs ~270 ms); they run SQL text from
the features' `*_sql.py` through the reader in `store/reader.py`. Calendar days are DATE, moments are
UTC timestamps through `UTCDateTime` (naive values are refused), money is an
integer in minor units plus a currency code.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Column, ForeignKey, Index, Integer, UniqueConstraint
from sqlmodel import Field, SQLModel

from refcli.model_fields import UTCDateTime, new_uid, utcnow
from refcli.model_fields import cleared_fk as _cleared_fk
from refcli.model_fields import other_fk as _other_fk
from refcli.model_fields import owner_fk as _owner_fk
from refcli.model_fields import text_index as _text_index
from refcli.model_fields import timestamp as _ts

__all__ = ["UTCDateTime", "new_uid", "utcnow"]  # used by migrations and the journal


class Contact(SQLModel, table=True):
    __tablename__ = "contact"
    __table_args__ = tuple(_text_index("contact", text) for text in ("business", "ideal_referral", "title"))

    id: int | None = Field(default=None, primary_key=True)
    handle: str = Field(unique=True, max_length=64)
    name: str
    name_key: str = Field(index=True)  # casefold(NFC(name)), whitespace collapsed
    name_fold: str = Field(index=True)  # name_key without accents: resolver and search
    search_fold: str  # folded name, handle, company, title, business, ideal: `ref contacts QUERY`
    company: str | None = None
    title: str | None = None
    business: str | None = None  # what they do
    ideal_referral: str | None = None  # who they want to meet
    met_on: date | None = None
    met_at: str | None = None
    introduced_by_id: int | None = _cleared_fk("people will no longer show them as who introduced you")
    trust: int | None = None  # 1-5
    # Who they are outside ref (vCard UID, CardDAV): set on new contacts, by 0011 on older ones.
    uid: str | None = Field(default_factory=new_uid, unique=True, index=True)
    cadence_days: int | None = Field(default=None, index=True)  # their own rhythm; 0 = off, NULL = tags' or default
    birthday: str | None = None  # YYYY-MM-DD, or --MM-DD when the year is unknown (as vCard writes it)
    anniversary: str | None = None  # same forms
    name_parts: str | None = None  # JSON {"family", "given", ...} as a vCard N held them or the user gave them
    archived_at: datetime | None = _ts(nullable=True)
    created_at: datetime = _ts()
    updated_at: datetime = _ts()


class Channel(SQLModel, table=True):
    """One way to reach a person: many per person, none ever dropped."""

    __tablename__ = "channel"
    # merge_key: two of these on one person are the same thing (merge keeps one).
    __table_args__ = (Index("ix_channel_kind_key", "kind", "value_key"), {"info": {"merge_key": ("kind", "value_key")}})

    id: int | None = Field(default=None, primary_key=True)
    contact_id: int = _owner_fk()
    kind: str  # email, phone, url, address, social
    label: str | None = None  # work, mobile, home...
    value: str
    value_key: str  # lowercased email/url, digits of a phone: for matching


class Offering(SQLModel, table=True):
    """A product or service the person sells."""

    __tablename__ = "offering"
    __table_args__ = (UniqueConstraint("contact_id", "text_key"), _text_index("offering", "text"))

    id: int | None = Field(default=None, primary_key=True)
    contact_id: int = _owner_fk()
    text: str
    text_key: str


class Tag(SQLModel, table=True):
    __tablename__ = "tag"
    __table_args__ = (UniqueConstraint("contact_id", "name"), Index("ix_tag_name", "name"))

    id: int | None = Field(default=None, primary_key=True)
    contact_id: int = _owner_fk()
    name: str  # casefolded


class Note(SQLModel, table=True):
    __tablename__ = "note"
    __table_args__ = (_text_index("note", "text"),)

    id: int | None = Field(default=None, primary_key=True)
    contact_id: int = _owner_fk()
    noted_on: date = Field(index=True)
    text: str
    created_at: datetime = _ts()


class Meeting(SQLModel, table=True):
    """A one-on-one: held (what happened) or scheduled (what is planned)."""

    __tablename__ = "meeting"
    __table_args__ = (
        Index("ix_meeting_contact_status_day", "contact_id", "status", "day"),
        Index("ix_meeting_status_day", "status", "day"),
    )

    id: int | None = Field(default=None, primary_key=True)
    contact_id: int = _owner_fk()
    day: date
    status: str  # held, scheduled
    kind: str = "one-on-one"
    place: str | None = None
    notes: str | None = None
    learned: str | None = None  # what you learned about their business
    they_asked: bool | None = None  # did they ask about your business (reciprocity)
    i_asked: bool | None = None  # did you ask how you can help them
    created_at: datetime = _ts()


class Touch(SQLModel, table=True):
    """A light interaction that is not a one-on-one (`ref touch`): a call, an email, a message,
    an event you both attended. It restarts the person's rhythm like any other contact."""

    __tablename__ = "touch"
    __table_args__ = (
        Index("ix_touch_contact_day", "contact_id", "day"),
        Index("ix_touch_source_key", "contact_id", "source_key", unique=True),
        {"info": {"label": "touches"}},
    )

    id: int | None = Field(default=None, primary_key=True)
    contact_id: int = _owner_fk()
    day: date
    via: str  # call, email, message, event, other
    note: str | None = None
    created_at: datetime = _ts()
    source: str | None = None  # `ref capture` (0018): mail, calendar, calls, messages
    source_key: str | None = None  # the message, event or call: one touch a person an item
    direction: str | None = None  # in, out


class TagCadence(SQLModel, table=True):
    """How often to be in touch with everyone carrying a tag (`ref cadence --tag TAG EVERY`)."""

    __tablename__ = "tag_cadence"

    id: int | None = Field(default=None, primary_key=True)
    tag: str = Field(unique=True)  # casefolded, like tag.name
    days: int  # 0 = off: the tag sets no rhythm of its own


class SyncCard(SQLModel, table=True):
    """One card of a synced address-book folder (a vdir) and the person it is (`ref sync`): what
    both sides held at the last sync, so a change on either side is told from no change."""

    __tablename__ = "sync_card"
    __table_args__ = (UniqueConstraint("folder", "href"),)

    id: int | None = Field(default=None, primary_key=True)
    # A merge clears the dropped person's link (one person, one card): the card is left alone.
    contact_id: int | None = _cleared_fk(
        "their address-book card is no longer synced (it stays in the folder)", on_merge="clear"
    )
    folder: str  # the vdir, as an absolute path
    href: str  # the card's file name in it
    etag: str  # sha256 of the file as ref last read or wrote it
    base: str  # JSON: the synced fields both sides held after the last sync
    synced_at: datetime = _ts()


class FamilyMember(SQLModel, table=True):
    __tablename__ = "family_member"
    __table_args__ = (UniqueConstraint("contact_id", "name_key"),)

    id: int | None = Field(default=None, primary_key=True)
    contact_id: int = _owner_fk()
    name: str
    name_key: str
    relation: str | None = None
    met: bool = False
    birthday: str | None = None  # YYYY-MM-DD or --MM-DD
    anniversary: str | None = None


class Goal(SQLModel, table=True):
    __tablename__ = "goal"
    __table_args__ = (Index("ix_goal_contact_year", "contact_id", "year"), _text_index("goal", "text"))

    id: int | None = Field(default=None, primary_key=True)
    contact_id: int = _owner_fk()
    year: int
    kind: str  # business, personal
    text: str
    achieved_on: date | None = None
    created_at: datetime = _ts()


class Trait(SQLModel, table=True):
    __tablename__ = "trait"

    id: int | None = Field(default=None, primary_key=True)
    contact_id: int = _owner_fk()
    kind: str  # plus, minus, dealbreaker
    text: str
    created_at: datetime = _ts()


class Acquaintance(SQLModel, table=True):
    """`contact` knows `other`: the 250 people each person knows that you may not."""

    __tablename__ = "acquaintance"
    __table_args__ = (UniqueConstraint("contact_id", "other_id"), {"info": {"label": "links"}})

    id: int | None = Field(default=None, primary_key=True)
    contact_id: int = _owner_fk()
    other_id: int = _other_fk()
    note: str | None = None
    created_at: datetime = _ts()


class DepthAnswer(SQLModel, table=True):
    """Your own answer to one of the 14 depth points; it overrides what ref derives."""

    __tablename__ = "depth_answer"
    __table_args__ = (UniqueConstraint("contact_id", "item"),)

    id: int | None = Field(default=None, primary_key=True)
    contact_id: int = _owner_fk()
    item: int  # 1-14
    answer: bool
    answered_on: date


_OUTCOME = ("made_on", "direction", "status", "status_on", "currency", "value", "thanked_on")  # what reports read


class Referral(SQLModel, table=True):
    """A business opportunity passed to a partner (given) or from one (received).

    An introduction (`is_introduction`) put two people in touch; `mutual` means
    neither was singled out as the one getting the business, so both are partners.
    The prospect is a contact (`prospect_id`) or free text; `prospect_name` keeps
    the name even if that contact is later deleted.
    """

    __tablename__ = "referral"
    __table_args__ = (
        Index("ix_referral_partner_direction_made", "partner_id", "direction", "made_on"),
        Index("ix_referral_partner_reported", "partner_id", "partner_reported_on"),  # 0019: a report back
        Index("ix_referral_prospect_reported", "prospect_id", "prospect_reported_on"),
        Index("ix_referral_direction_status", "direction", "status"),
        Index("ix_referral_follow_up", "follow_up_on", "direction", "status"),  # migration 0006
        Index("ix_referral_made_on", "made_on"),
        Index("ix_referral_introduced", "is_introduction", "prospect_id", "made_on"),  # 0012: who was introduced
        Index("ix_referral_month", "made_on", "direction", "is_introduction"),  # 0015: `ref stats` by month
        Index("ix_referral_closed", "status_on", "direction", "status", "currency", "value"),  # 0015
        # Covering indexes for the all-day reports (migration 0005, status_on since 0008).
        Index("ix_referral_balance", "partner_id", *_OUTCOME),
        Index("ix_referral_unthanked", "direction", "thanked_on", "made_on"),
        Index("ix_referral_mutual", "mutual", "prospect_id", *_OUTCOME),
    )

    id: int | None = Field(default=None, primary_key=True)
    direction: str  # given, received
    partner_id: int = Field(
        sa_column=Column(Integer, ForeignKey("contact.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    prospect_id: int | None = _cleared_fk("referrals keep them as prospect by name only")
    prospect_name: str | None = None
    is_introduction: bool = False
    suggested: bool = False  # made from a `ref suggest` suggestion (`ref introduce --suggested`)
    mutual: bool = False
    reason: str | None = None
    temperature: str | None = None  # hot, warm, cold
    made_on: date
    status: str = "open"  # open, contacted, met, won, lost, no_response
    status_on: date | None = None
    value: int | None = None  # minor units: the TYFCB when won
    currency: str = "USD"
    repeat: bool = False  # repeat business (BNI's new/repeat)
    lost_reason: str | None = None
    treated: int | None = None  # 1-5: how the provider treated the prospect
    partner_reported_on: date | None = None
    prospect_reported_on: date | None = None
    follow_up_on: date | None = None
    thanked_on: date | None = None
    thanked_how: str | None = None
    created_at: datetime = _ts()


class ReferralEvent(SQLModel, table=True):
    """Every change to a referral, kept as history."""

    __tablename__ = "referral_event"

    id: int | None = Field(default=None, primary_key=True)
    referral_id: int = Field(
        sa_column=Column(Integer, ForeignKey("referral.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    happened_on: date
    kind: str  # made, heard, status, thanked
    detail: str
    created_at: datetime = _ts()


class Setting(SQLModel, table=True):
    """A threshold or preference set with `ref config` (defaults live in the code)."""

    __tablename__ = "setting"

    key: str = Field(primary_key=True)
    value: str


class Conversation(SQLModel, table=True):
    """The friendly talk about balance ("what would it take?"), recorded with `ref talked`."""

    __tablename__ = "conversation"
    __table_args__ = (Index("ix_conversation_contact_talked", "contact_id", "talked_on"),)

    id: int | None = Field(default=None, primary_key=True)
    contact_id: int = _owner_fk()
    talked_on: date
    notes: str | None = None
    created_at: datetime = _ts()


class Reminder(SQLModel, table=True):
    """A follow-up you set yourself (`ref remind`)."""

    __tablename__ = "reminder"
    __table_args__ = (Index("ix_reminder_done_due", "done_on", "due_on"),)

    id: int | None = Field(default=None, primary_key=True)
    contact_id: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("contact.id", ondelete="CASCADE"), nullable=True, index=True),
    )
    text: str
    due_on: date
    done_on: date | None = None
    created_at: datetime = _ts()


class FollowupState(SQLModel, table=True):
    """Your decision about a derived follow-up (done or snoozed), under its stable key.

    `stamp` fingerprints the facts the item was derived from when you marked it done,
    so it comes back only when those facts change.
    """

    __tablename__ = "followup_state"

    key: str = Field(primary_key=True)
    done_on: date | None = None
    snoozed_until: date | None = None
    stamp: str | None = None
    notes: str | None = None
    updated_at: datetime = _ts()


class NotAFit(SQLModel, table=True):
    """Two people you said are no fit for an introduction (`ref suggest --not A B`): never suggested again."""

    __tablename__ = "not_a_fit"
    __table_args__ = (UniqueConstraint("contact_id", "other_id"), {"info": {"label": "pairs not to suggest"}})

    id: int | None = Field(default=None, primary_key=True)
    contact_id: int = _owner_fk()
    other_id: int = _other_fk()
    noted_on: date
    created_at: datetime = _ts()


class CaptureSeen(SQLModel, table=True):
    """What `ref capture` last read of a source (capture/seen.py): a second capture of an
    unchanged source reads nothing."""

    __tablename__ = "capture_seen"
    __table_args__ = ({"info": {"label": "captured source"}},)

    source: str = Field(primary_key=True)  # the source as the capture names it (its path, resolved)
    print: str  # a hash of what it held, with the options and the people's last change
    items: int  # how many items it held
    captured_at: datetime = _ts()


from refcli import models_journal  # noqa: E402,F401  (the journal's tables, last: they record the others)

metadata = SQLModel.metadata
for _table in metadata.tables.values():  # an id is never reused (migration 0021; a server never reuses one)
    if "id" in _table.c and _table.c["id"].primary_key:
        _table.dialect_options["sqlite"]["autoincrement"] = True
