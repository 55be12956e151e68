"""Wire timestamps keep their exact text: `Z`, and only as many fraction digits as needed
(seconds, milliseconds or microseconds), whichever way the value was made."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from server.timeutil import to_iso


def test_a_timestamp_has_as_many_fraction_digits_as_it_needs():
    when = datetime(2026, 12, 2, 11, 18, 1)
    written = {micro: to_iso(when.replace(microsecond=micro))
               for micro in (0, 5, 1000, 120000, 772469, 999000, 999999)}
    assert written == {0: "2026-12-02T11:18:01Z", 5: "2026-12-02T11:18:01.000005Z",
                       1000: "2026-12-02T11:18:01.001Z", 120000: "2026-12-02T11:18:01.120Z",
                       772469: "2026-12-02T11:18:01.772469Z",
                       999000: "2026-12-02T11:18:01.999Z",
                       999999: "2026-12-02T11:18:01.999999Z"}
    assert to_iso(datetime(987, 1, 2, 3, 4, 5, 6000)) == "0987-01-02T03:04:05.006Z"
    assert to_iso(None) is None


def test_an_aware_timestamp_is_written_in_utc():
    two_hours_east = timezone(timedelta(hours=2))
    assert to_iso(datetime(2026, 12, 2, 13, 18, 1, 500000, tzinfo=two_hours_east)) == \
        "2026-12-02T11:18:01.500Z"
    assert to_iso(datetime(2026, 12, 2, 11, 18, 1, tzinfo=timezone.utc)) == "2026-12-02T11:18:01Z"
