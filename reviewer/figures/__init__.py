"""The dashboards' figures on the workstation: the central API's last answers, kept in the store
so the charts read offline, beside what only this machine knows (exposure by stage, breaks,
which decisions needed a reveal). Its own room because it reads across others — the outbox
(review), the exposure log (media) and the synced record — and owns none of them; server/figures
and ui/figures are its counterparts."""
