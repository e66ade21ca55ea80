"""The profile card of `ref show`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from refcli.contact_fields import card_rows

if TYPE_CHECKING:
    from refcli.keeping.rhythms import Keeping
    from refcli.people.shapes import Channel, FamilyMember, Goal, Yearly
    from refcli.profile import Profile


def _channel(c: Channel) -> str:
    return f"{c['value']} ({c['label']})" if c["label"] else str(c["value"])


def render_profile(p: Profile) -> None:
    """The card of `ref show`: who they are, how to reach them, what you know, what passed."""
    from refcli import render
    from refcli.referrals import views as referral_views

    by_kind: dict[str, list[str]] = {}
    for c in p["channels"]:
        by_kind.setdefault(c["kind"], []).append(_channel(c))
    fields = dict(card_rows(dict(p)))  # the registry's rows: who they are, and when and where you met
    met = fields.pop("met", None)
    via = f"{p['introduced_by_name']} ({p['introduced_by']})" if p["introduced_by"] else None
    flags = ("  [archived]" if p["archived"] else "") + ("  [deal-breaker]" if p["dealbreaker"] else "")
    m, d = p["meetings"], p["depth"]
    meetings = ", ".join(
        x
        for x in (
            f"{m['held']} held" if m["held"] else "none held yet",
            f"last {m['last_met']}" if m["last_met"] else "",
            f"next {m['next_on']}" if m["next_on"] else "none scheduled",
        )
        if x
    )
    last = m["last"]
    render.card(
        f"{p['name']} ({p['handle']}){flags}",
        [
            *fields.items(),  # title on its own row: a title may hold commas ("VP, Sales")
            ("email", ", ".join(by_kind.get("email", []))),
            ("phone", ", ".join(by_kind.get("phone", []))),
            ("website", ", ".join(by_kind.get("url", []))),
            ("other", ", ".join(v for k, vs in by_kind.items() if k not in ("email", "phone", "url") for v in vs)),
            ("met", met),
            ("introduced by", via),
            ("trust", f"{p['trust']}/5" if p["trust"] else None),
            ("birthday", _yearly(p["birthday"], p["birthday_next"], "turns")),
            ("anniversary", _yearly(p["anniversary"], p["anniversary_next"], "years")),
            ("tags", ", ".join(p["tags"])),
            ("in touch", _in_touch(p["keeping"])),
            ("one-on-ones", meetings),
            ("reciprocity", m["reciprocity"]),
            ("depth", f"{d['score']}/14, {d['level']}"),
        ],
        [
            ("Offerings", p["offerings"]),
            ("Family", [_family_line(f) for f in p["family"]]),
            ("Goals this year", [_goal_line(g) for g in p["goals"]]),
            ("Character", [f"{_TRAIT_LABEL[t['kind']]}: {t['text']}" for t in p["traits"]]),
            (
                "To deepen the relationship",
                ([f"next: {d['next_step']}"] if d["next_step"] else [])
                + [f"{pt['item']}. {pt['text']}" for pt in d["points"] if not pt["answer"]][:5],
            ),
            ("Referrals", referral_views.quality_lines(p["referrals"])),
            ("Last one-on-one", [_last_meeting(last)] if last else []),
            ("They know", [f"{x['name']} ({x['handle']})" for x in p["network"]["they_know"]]),
            ("Introduced you to", [f"{x['name']} ({x['handle']})" for x in p["introduced_you_to"]]),
            ("Recent", [f"{t['on']}  {t['kind']}" + (f": {t['text']}" if t["text"] else "") for t in p["timeline"]]),
        ],
        more=f"whole: ref notes {p['handle']}, ref meetings {p['handle']}",
    )


_TRAIT_LABEL = {"plus": "plus", "minus": "minus", "dealbreaker": "DEAL-BREAKER"}


def _family_line(f: FamilyMember) -> str:
    relation = f" ({f['relation']})" if f["relation"] else ""
    days = "".join(f", {k} {day.removeprefix('--')}" for k in ("birthday", "anniversary") if (day := f[k]))
    return f"{f['name']}{relation}, {'met' if f['met'] else 'not met yet'}{days}"


def _goal_line(g: Goal) -> str:
    done = f", achieved {g['achieved_on']}" if g["achieved_on"] else ""
    return f"[{g['id']}] {g['kind']}: {g['text']}{done}"


def _last_meeting(last: dict[str, Any]) -> str:
    parts = [str(last["day"])] + [str(last[k]) for k in ("place", "learned", "notes") if last[k]]
    return "  ".join(parts)


def _in_touch(k: Keeping) -> str:
    from refcli.keeping import rhythms

    r = k["rhythm"]
    parts = [f"{r['every']} ({rhythms.origin(r)})"]
    parts.append(f"last {k['last_in_touch']} ({k['last_how']})" if k["last_in_touch"] else "no contact recorded")
    if k["next_due"]:
        parts.append(f"next due {k['next_due']}")
    return ", ".join(parts)


def _yearly(stored: str | None, upcoming: Yearly | None, word: str) -> str | None:
    if not stored:
        return None
    shown = stored[2:] if stored.startswith("--") else stored
    if upcoming is None:
        return shown
    count = upcoming["years"]
    years = "" if count is None else f", turns {count}" if word == "turns" else f", {count} years"
    return f"{shown} (next {upcoming['on']}{years})"
