"""Events of the meeting cycle that higher layers (notifications, search) act on.

The meetings domain sends them and knows nothing of who listens: notifications sits above meetings.
"""

from django.dispatch import Signal

# Sent after an agenda version has been published (on the publish command or when its scheduled time
# has come), inside the transaction's on_commit so listeners never see an agenda that was rolled back.
# Arguments: meeting (Meeting), version (the published agenda version), supplementary (bool: a
# tillægsdagsorden), changed (bool: a new version of an agenda already published).
agenda_published = Signal()

# Sent inside the accepting transaction when the secretariat accepts a proposed agenda item, after the
# item is created, so that records kept above meetings (the proposal's attachments) move along to it in
# the same transaction. Arguments: proposal (AgendaItemProposal), agenda_item (AgendaItem).
proposal_accepted = Signal()
