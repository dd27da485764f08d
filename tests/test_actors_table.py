"""Tests for sitrep.actors.table and sitrep.actors.text: loading the actor table, its keys, and
whether every gold actor has an alias the table resolves. The table is the packaged one."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest

from sitrep import actors
from sitrep.actors import ActorTable, Kind, load_actor_table, proper_names
from sitrep.actors.text import fold, split_words, squash
from sitrep.errors import ConfigError
from sitrep.records import SubEventType as S
from tests.actors_factory import code

SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture(scope="module")
def table() -> ActorTable:
    return load_actor_table()


def test_actors_public_surface_is_sorted_and_exported() -> None:
    assert actors.__all__ == sorted(actors.__all__)
    assert {"ActorTable", "load_actor_table", "proper_names", "resolve_actors"} <= set(actors.__all__)
    for name in actors.__all__:
        assert hasattr(actors, name), name


@pytest.mark.parametrize(("text", "key"), [
    ("al-Nusra", "alnusra"),
    ("U.S.", "us"),
    ("Medellín", "medellin"),
    ("Jaysh al‑Islam’s", "jayshalislams"),
])
def test_actors_squash_keys_letters_and_digits(text: str, key: str) -> None:
    assert squash(text) == key


@pytest.mark.parametrize("text", ["Medellín – “Bogotá”", "plain ascii", "Ærø’s"])
def test_actors_fold_keeps_offsets(text: str) -> None:
    assert len(fold(text)) == len(text)


def test_actors_split_words_on_punctuation() -> None:
    assert split_words("U.S.-led coalition") == ["U", "S", "led", "coalition"]


def test_actors_proper_names_for_recasing(table: ActorTable) -> None:
    words = proper_names(table)
    assert {"fmln", "farabundo", "hezbollah", "salvadoran"} <= words
    assert not {"national", "front", "army"} & words


def test_actors_table_has_one_reading_per_phrase_and_country(table: ActorTable) -> None:
    """No phrase names two actors in the same place: two unrestricted named actors, two generic
    templates, a named actor and a generic one, or two rows restricted to the same country."""
    ambiguous = []
    for key, rules in table.phrases.items():
        named = {r.template for r in rules if not r.only_in and r.kind is Kind.NAMED}
        generic = {r.template for r in rules if not r.only_in and r.kind not in (Kind.NAMED, Kind.NATION)}
        countries = [c for r in rules for c in r.only_in]
        local = {c for c in countries if len({r.template for r in rules if c in r.only_in}) > 1}
        if len(named) > 1 or len(generic) > 1 or (named and generic) or local:
            ambiguous.append(key)
    assert not ambiguous


def test_actors_bad_table_raises_config_error(tmp_path: Path) -> None:
    aliases = tmp_path / "actor_aliases.tsv"
    aliases.write_text("Some Group\t2\n", encoding="utf-8")
    (tmp_path / "actor_context.tsv").write_text("", encoding="utf-8")
    with pytest.raises(ConfigError, match="columns"):
        load_actor_table(aliases)


def _norm(s: str) -> str:
    folded = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))
    return " ".join(folded.lower().split())


def _name_ok(pred: str, aliases: list[str]) -> bool:
    """The scorer's rule: the predicted name contains an alias (whole words for short ones)."""
    p = _norm(pred)
    return any(p == a or (len(a) > 3 and a in p) or re.search(rf"(?<![a-z0-9]){re.escape(a)}(?![a-z0-9])", p)
               for a in map(_norm, aliases))


def _resolves(alias: str, aliases: list[str]) -> bool:
    """An alias, written as a name in a plain sentence, resolves to a name the gold accepts, as the
    attacker or as the victim."""
    written = " ".join(w[:1].upper() + w[1:] for w in alias.split(" ")) if alias.islower() else alias
    one = code(f"Later {written} attacked the town.", "attacked", S.ARMED_CLASH, "Syria").actor1
    two = code(f"Gunmen attacked the {alias} near the town.", "attacked", S.ATTACK, "Syria").actor2
    return any(a is not None and _name_ok(a.name, aliases) for a in (one, two))


@pytest.mark.corpus
@pytest.mark.skipif(not (SHARED / "gold" / "dev" / "fakes-rich.jsonl").exists(),
                    reason="needs ../shared/gold (the dev gold), absent from a plain clone")
def test_actors_canonical_names_match_gold_aliases() -> None:
    """Every gold actor of the dev gold has an alias that resolves to a name the scorer accepts."""
    lists = set()
    for line in (SHARED / "gold" / "dev" / "fakes-rich.jsonl").read_text(encoding="utf-8").splitlines():
        for event in json.loads(line)["events"]:
            lists.update(tuple(event[k]) for k in ("actor1", "actor2") if k in event)
    missed = [aliases[0] for aliases in sorted(lists)
              if not any(_resolves(alias, list(aliases)) for alias in aliases)]
    assert not missed
