"""`ref demo`: a sample network in its own database, and a guided tour of real commands."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

from refcli import render

TOUR: list[tuple[list[str], str]] = [
    (["contacts"], "Everyone in your network: a handle to type for each, what they do, how to reach them."),
    (["contacts", "kitchen"], "Search looks in names, companies, what people do, offerings, tags, emails and phones."),
    (["contacts", "--tag", "chamber"], "Tags let you slice your network: a chapter, an industry, an event."),
    (["show", "sally"], "A profile: what she sells, her family and goals, your one-on-ones, how deep it goes."),
    (["show", "aisha"], "'introduced by' remembers who connected you: that is how networks grow."),
    (["show", "maria"], "Accents don't matter when you type: 'maria' finds María."),
    (["meetings", "--upcoming"], "One-on-ones on your calendar. Log one two minutes after the coffee: ref meet fred."),
    (["meetings", "dave"], "'they asked' records whether they asked about your business: Dave never has."),
    (["depth"], "How deep is each relationship, shallowest first, with the one next step for each."),
    (["depth", "fred"], "The 14 points: some ref knows from what you recorded, the rest only you can answer."),
    (["network", "tom"], "Who they know: each person knows about 250 people you don't."),
    (["referrals"], "Every referral both ways: introductions, leads, and what became of them."),
    (["referral", "1"], "One referral's whole story: who reported back, the outcome, the value (the TYFCB)."),
    (["referrals", "--with", "dave"], "Referral quality: how the people you sent Dave were treated."),
    (["suggest"], "Who should meet whom: one person's needs matching another's business."),
    (
        ["introduce", "tom", "aisha", "--why", "Tom's clients keep asking him for a web designer", "--for", "aisha"],
        "A proper introduction: a message to each, with the other's details and the reason.",
    ),
    (["followups"], "Every morning: what a thoughtful partner would do today, most urgent first."),
    (["balance", "dave"], "Dave has received a lot and returned nothing in 18 months: worth one friendly talk."),
    (["balance"], "Keep track, don't keep score: each relationship's give and take, most recent first."),
]


def _run_step(path: Path, args: list[str]) -> None:
    """Run one real `ref` command on the demo database and pass its output on."""
    env = dict(os.environ, COLUMNS=os.environ.get("COLUMNS", "100"))
    if not render.plain_output():
        env["REF_FORCE_TERMINAL"] = "1"  # we capture its output, but the person sees a terminal
    proc = subprocess.run(
        [sys.executable, "-m", "refcli", "--db", str(path), *args],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
    )
    sys.stdout.write(proc.stdout)
    sys.stderr.write(proc.stderr)


def run(*, steps: bool = True, as_json: bool = False) -> Path:
    """Build the demo in a fresh private folder and, with steps, run the tour (with as_json:
    only build it, and say where, as JSON)."""
    from refcli import demo
    from refcli.store import locate, write_transaction

    folder = Path(tempfile.mkdtemp(prefix="ref-demo-"))  # 0700, never the user's data
    path = folder / "demo.db"
    with write_transaction(locate(str(path))) as writer:
        count = demo.build(writer)
    if as_json:
        render.emit_json({"database": str(path), "people": count})
        return path
    render.line(f"ref demo: a sample network of {count} people in {path}")
    render.line("(your own data is not touched)")
    if steps:
        for args, why in TOUR:
            render.line("")
            render.line(f"# {why}")
            render.line(f"$ ref {shlex.join(args)}")
            sys.stdout.flush()
            _run_step(path, args)
    render.line("")
    render.line(f"Explore it yourself: ref --db {path} followups")
    render.line("Bring your own network in: ref import contacts.vcf (phone), or a Google, Outlook or LinkedIn CSV.")
    render.line("Keep a backup, or leave any time: ref export -o backup.json (also csv, vcard, ics, dot).")
    render.line('Start your own network: ref add-contact "Fred Smith" --business "Kitchen remodels"')
    return path
