"""Quality rules of the central API: appeals, blind second review, golden cases, required
rationale, holds and hand-offs, and the figures made from them (docs/api.md "Quality").

Appeals, second reviews, golden checks and disagreements are each served as a case row of
their own (copies.py), linked to what they are about in `quality_links`: deciding one goes
through the one decision path (server/decisions.py), and never edits the live record.
"""
