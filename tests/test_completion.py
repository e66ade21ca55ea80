"""Shell completion of values (cli/completion.py), through the same entry point a shell uses:
`_REF_COMPLETE=complete_bash COMP_WORDS="ref show s" COMP_CWORD=2 ref`."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import Ref


def offered(ref: Ref, line: str, shell: str = "bash") -> list[str]:
    """The values a shell would offer for `line` (the word being completed is its last)."""
    words = line.split(" ")
    env = {"_REF_COMPLETE": f"complete_{shell}", "COMP_WORDS": line, "COMP_CWORD": str(len(words) - 1)}
    if shell in ("zsh", "fish"):
        env = {"_REF_COMPLETE": f"complete_{shell}", "_TYPER_COMPLETE_ARGS": line}
        if shell == "fish":
            env["_TYPER_COMPLETE_FISH_ACTION"] = "get-args"
    outcome = ref(env=env)
    assert outcome.code == 0, outcome
    return [v for v in outcome.out.splitlines() if v]


@pytest.fixture
def network(ref: Ref) -> Ref:
    ref.ok("add-contact", "Seán O'Brien", "--tag", "bni")
    ref.ok("add-contact", "Sally Smith", "--tag", "bni", "--tag", "golf")
    ref.ok("add-contact", "Fred Okafor")
    ref.ok("introduce", "sally", "fred", "--on", "2026-03-01")
    ref.ok("give", "fred", "a kitchen lead", "--on", "2026-01-10")
    return ref


def test_people_complete_by_handle_and_by_name(network: Ref) -> None:
    assert offered(network, "ref show s") == ["sally", "sean"]
    assert offered(network, "ref show obr") == ["sean"]  # a word of the name, folded
    assert offered(network, "ref introduce sally f") == ["fred"]
    assert offered(network, "ref note o") == ["fred", "sean"]  # Okafor, O'Brien
    assert offered(network, "ref meetings --with sa") == ["sally"]
    assert offered(network, "ref merge fred s") == ["sally", "sean"]
    zsh = offered(network, "ref show sa", "zsh")
    assert any("sally" in line and "Sally Smith" in line for line in zsh), zsh
    assert offered(network, "ref show sa", "fish") == ["sally\tSally Smith"]


def test_ids_states_formats_and_tags_complete(network: Ref) -> None:
    referrals = offered(network, "ref outcome ")
    assert referrals == ["2", "1"]  # newest first
    assert offered(network, "ref outcome 1 ") == ["contacted", "met", "won", "lost", "no-response"]
    assert offered(network, "ref outcome 1 w") == ["won"]
    assert offered(network, "ref thank --referral ") == ["2", "1"]
    assert "vcard" in offered(network, "ref export --format ")
    assert offered(network, "ref export --format v") == ["vcard"]
    assert "auto" in offered(network, "ref import --format ")
    assert offered(network, "ref contacts --tag ") == ["bni", "golf"]
    network.ok("tag", "fred", "bni_north", "bnixsouth")
    assert offered(network, "ref contacts --tag bni_") == ["bni_north"]  # `_` is a letter, not a wildcard
    assert offered(network, "ref config sig") == ["signature"]
    assert offered(network, "ref goal done fred ") == []  # a goal's id, not a follow-up's
    assert offered(network, "ref goal add s") == ["sally", "sean"]
    due = offered(network, "ref done ")
    assert due and all(item in [i["id"] for i in network.json("followups", "--all")] for item in due)  # type: ignore[index, union-attr]


def test_completion_never_creates_a_database_or_fails(ref: Ref, isolated: Path, tmp_path: Path) -> None:
    assert offered(ref, "ref show s") == []
    assert not isolated.exists()
    missing = tmp_path / "nowhere" / "ref.db"
    assert offered(ref, f"ref --db {missing} show s") == []
    assert not missing.parent.exists()
    isolated.parent.mkdir(exist_ok=True)
    isolated.write_bytes(b"not a database")
    assert offered(ref, "ref show s") == []


def test_install_completion_for_the_shell_named(ref: Ref, tmp_path: Path) -> None:
    home = tmp_path / "home"
    out = ref.ok("--install-completion", "zsh")
    assert "zsh completion installed" in out
    assert (home / ".zfunc" / "_ref").exists()
    assert not (home / ".bashrc").exists()  # not the shell it happens to run from
    ref.ok("--install-completion", "fish")
    assert (home / ".config" / "fish" / "completions" / "ref.fish").exists()
    assert "complete_zsh" in ref.ok("--show-completion", "zsh")
    outcome = ref("--install-completion", "tcsh")
    assert outcome.code == 2 and "tcsh" in outcome.err


def test_every_parameter_naming_a_person_completes() -> None:
    import typer

    from refcli.cli import completion
    from refcli.cli.app import app

    root = typer.main.get_command(app)
    missing = []
    commands = [(name, c) for name, c in root.commands.items()]  # type: ignore[attr-defined]
    commands += [(f"{name} {sub}", s) for name, c in commands for sub, s in getattr(c, "commands", {}).items()]
    assert any(name == "goal add" for name, _ in commands)
    for name, command in commands:
        for param in command.params:
            first_word = (param.metavar or "").strip("[].").split(" ")[0].strip("[].")
            options = set(getattr(param, "opts", []))
            names_a_person = first_word in completion.PERSON_METAVARS or bool(options & completion.PERSON_OPTIONS)
            if names_a_person and getattr(param, "_custom_shell_complete", None) is None:
                missing.append(f"{name} {param.name}")
    assert not missing


def test_command_names_complete_from_the_first_word(ref: Ref) -> None:
    """The shell resolves `ref` with no words yet while it completes the first: that is not `ref`
    alone (which prints its help)."""
    assert "balance" in offered(ref, "ref ba")
    assert {"touch", "tag", "thank", "talked"} <= set(offered(ref, "ref t"))
