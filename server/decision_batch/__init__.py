"""Deciding a batch of decisions (POST /v1/decisions/batch) set-based: the batch's idempotency
records, cases and quality links are read in a few statements, and its accepted decisions are
written in a few more, instead of ten statements per decision. The rules are decisions.py's."""
