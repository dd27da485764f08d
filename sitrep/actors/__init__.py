"""Actors: who did what to whom in a mention's sentence, as ACLED canonical names.

Actor phrases come from two data files. `data/actor_aliases.tsv` lists named actors ("ISIS",
"Daesh" -> "Islamic State in Iraq and the Levant (ISIL)"); `data/actor_context.tsv` lists nations
that nationality words bind to ("Syrian troops" -> "Military Forces of Syria"), generic nouns whose
name depends on the document's country ("civilians" -> "Civilians (Syria)") and the cue words that
assign roles.

The modules, in the order a call goes through them:

    table       loading and indexing the two data files (ActorTable)
    text        the keys phrases are matched on (folding, squashing)
    sentence    a sentence prepared for matching; cue-word lookups
    phrases     table phrases found in the sentence, the reading chosen for the country
    candidates  phrases to candidate actors; nationality words bound to their nouns
    unlisted    named groups missing from the table
    finding     all actors of the sentence, merged where two phrases name one actor
    roles       coordinated actors grouped into chains, each with a role
    trigger     the trigger's tokens, clause and voice
    sides       the two sides of the event from the roles
    coding      the sides as ActorRefs, with ACLED's defaults
    resolve     the stage, `resolve_actors`, and what earlier text fills in
"""

from sitrep.actors.resolve import resolve_actors
from sitrep.actors.table import ActorRule, ActorTable, Kind, Nation, load_actor_table, proper_names

__all__ = ["ActorRule", "ActorTable", "Kind", "Nation", "load_actor_table", "proper_names", "resolve_actors"]
