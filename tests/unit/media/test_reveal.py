"""The reveal is on one item of a case at a time; moving it to another item starts small again."""

from __future__ import annotations

from reviewer.media.reveal import SPOTLIGHT_FRACTION, RevealState


def test_a_hold_is_on_one_item_and_release_forgets_it():
    reveal = RevealState().hold(colour=False, item=2)
    assert reveal.held and reveal.item == 2
    assert reveal.release() == RevealState()


def test_moving_to_another_item_is_a_fresh_spotlight_at_its_centre():
    reveal = RevealState().hold(item=0).point(0.1, 0.9).widen()
    moved = reveal.on_item(1)
    assert moved.item == 1 and moved.held and not moved.widened and moved.spot == (0.5, 0.5)
    assert moved.spot_fraction == SPOTLIGHT_FRACTION
    assert reveal.on_item(0) is reveal  # the same item: nothing changes


def test_colour_and_panic_survive_a_move_between_items():
    reveal = RevealState().hold(colour=True, item=0).on_item(3)
    assert reveal.colour and reveal.item == 3
    assert RevealState(blanked=True).release().blanked
