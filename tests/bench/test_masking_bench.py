"""bench/masking.py: which stretches masking replaced, and how they are scored."""

from bench.masking import masked_spans, score


def test_masked_spans_are_the_replaced_stretches_of_the_original():
    original = "call 07911 123456 or mail a@b.co now"
    assert masked_spans(original, "call [phone] or mail [email] now") == [(5, 17), (26, 32)]
    assert masked_spans(original, original) == []
    # text changed outside a placeholder: the whole comment counts as replaced
    assert masked_spans("abc 123", "xyz [phone]") == [(0, 7)]


def test_score_counts_found_missed_and_false_alarms():
    counts, missed = score(
        [
            "call [[phone:07911 123456]] please",  # found
            "i'm [[name:jo]] btw",  # missed (lower case after a self-introduction)
            "I'm Very pleased",  # nothing marked, nothing masked
        ]
    )
    assert (counts["found"], counts["missed"], counts["false alarms"]) == (1, 1, 0)
    assert missed == {"name": 1}
