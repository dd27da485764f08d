from __future__ import annotations

from sitrep.copies import band_keys, fingerprint, is_copy, similarity

STORY = ("Gunmen on motorcycles opened fire on a crowded bus station in the northern town late on Tuesday, "
         "killing at least seven travellers and wounding a dozen more, the regional governor told reporters. "
         "Security forces sealed off the area and began searching nearby villages for the attackers.")


def test_copies_a_lightly_edited_reprint_is_a_copy() -> None:
    reprint = "By Staff Writer. " + STORY
    assert is_copy(fingerprint(STORY), fingerprint(reprint))
    assert set(band_keys(fingerprint(STORY))) & set(band_keys(fingerprint(reprint)))


def test_copies_another_story_is_not_a_copy() -> None:
    other = "Thousands marched peacefully through the capital on Sunday to demand cleaner elections and jobs."
    assert not is_copy(fingerprint(STORY), fingerprint(other))


def test_copies_fingerprint_is_stable_and_empty_for_short_text() -> None:
    assert fingerprint(STORY) == fingerprint(STORY) and similarity(fingerprint(STORY), fingerprint(STORY)) == 1.0
    assert fingerprint("Two words") == () and band_keys(()) == []
