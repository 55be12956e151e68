"""Alerting on the central API: detectors over arriving cases, hash lists, on-call paging."""
