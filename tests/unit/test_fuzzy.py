from reviewer.fuzzy import rank, score


def test_letters_in_order_match_and_word_starts_rank_first():
    assert score("rmv", "Remove") is not None
    assert score("vmr", "Remove") is None
    items = ["Restrict reach", "Remove", "Label sensitive", "Next queue"]
    assert rank("re", items)[:2] == ["Remove", "Restrict reach"]
    assert rank("ls", items)[0] == "Label sensitive"
    assert rank("", items) == items


def test_ranking_uses_the_key_and_keeps_ties_stable():
    cases = [{"id": "case-00012"}, {"id": "case-00120"}]
    assert rank("12", cases, key=lambda c: c["id"])[0]["id"] == "case-00012"
