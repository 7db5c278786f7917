"""Staff review of mined suggestions: the queue as read (:mod:`~kb.review.queue`), its actions
(:mod:`~kb.review.decisions`: promote to a draft article, merge into one, dismiss, reopen; every action
a compare-and-set with an audit row), customer wording made safe and fit for a public page
(:mod:`~kb.review.wording`), and whether a new answer reduced inquiries (:mod:`~kb.review.impact`)."""
