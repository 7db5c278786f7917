"""Mine frequent questions: cluster past inquiries, find what the help center does not answer yet.

The pipeline (:mod:`kb.mining.pipeline`), each step a small function in a module of its own that the evaluation (``python -m kb.evaluation.eval mining``) runs
exactly as the staff job does:

1. **Features per language** (:mod:`~kb.mining.features`). Languages the embedding model reads (its tokenizer's measured
   coverage, the same gate search uses) share one dense space, so a multilingual model groups
   the same question across languages; each language is centred on its own mean there, so what
   is left is what an inquiry asks, not which language it is in. Languages it cannot read get a lexical space of their
   own: TF-IDF over the search analyzer's terms (Thai segmentation, Persian normalisation,
   stemming), reduced by SVD; with a partly readable language the two are mixed.
2. **Clusters** (:mod:`~kb.mining.clustering`). A k-nearest-neighbour graph (exact, computed in blocks: no n x n matrix) split
   into communities by Leiden (igraph), optimising modularity. Neither the number of intents
   nor a distance threshold is given; groups smaller than ``min_size`` are one-offs and stay
   unclustered. Chosen by measurement: README "Mining" has the numbers for the alternatives.
   Then the inquiries of a cluster that one article answers and the rest does not are split off
   (:func:`~kb.mining.coverage.split_by_answer`), so that each cluster gets one true verdict.
3. **Evidence per cluster** (:mod:`~kb.mining.evidence`). Size, languages, channels, weekly trend, the question
   in each of its languages (the most central inquiry cleaned of greeting, names and order numbers
   by :mod:`~kb.mining.wording`), distinct central examples in every language, key terms (class-based TF-IDF), the most
   typical agent reply as a draft answer; the topic (:mod:`~kb.mining.triage`: order, damaged
   item, delivery, return, refund or claim, payment, account) from the inquiries' meaning. All of
   it is quoted from the inquiries that ask something (not thanks, greetings or spam), titles
   without the log's filler sentences; a cluster whose central inquiries mostly ask nothing is left out.
4. **Coverage** (:mod:`~kb.mining.coverage`). The nearest published article or section and the median similarity
   of the cluster's central inquiries to it, in the model's own space, so each cluster is answered, partly answered or a gap; ranked by how many inquiries a
   new answer would deflect (recency-weighted size, times how uncovered it is, plus the site's
   own signals: failed searches and "not helpful" votes that fall into the cluster).

:func:`mine` stores the result as :class:`~kb.db.Suggestion` rows. A cluster keeps the
suggestion (and fingerprint) of the previous run whose inquiries it mostly contains, so
re-running updates suggestions instead of duplicating them and remembers dismissals.

Before the pipeline: :mod:`~kb.mining.ingest` reads CSV/JSONL logs (every bad row reported, every
good one kept), :mod:`~kb.mining.redaction` removes personal data, :mod:`~kb.mining.langdetect`
tells the language of a message; :mod:`~kb.mining.jobs` runs an import-and-mine in the background
for the upload page.
"""

from kb.mining.clustering import cluster, knn, leiden, merge_close
from kb.mining.coverage import Answering, assess_coverage, rank, split_by_answer
from kb.mining.evidence import TITLE_CHARS, ClusterSummary, answer_text, is_courtesy, summarize, title_of
from kb.mining.features import build_spaces, centre_by_language, dense_weights, embed
from kb.mining.model import Clustering, MiningConfig, Space
from kb.mining.pipeline import import_and_mine, load_rows, mine
from kb.mining.triage import assign_topics, inquiry_topics, summarize_asking, word_topic

__all__ = [
    "TITLE_CHARS",
    "Answering",
    "ClusterSummary",
    "Clustering",
    "MiningConfig",
    "Space",
    "answer_text",
    "assess_coverage",
    "assign_topics",
    "build_spaces",
    "centre_by_language",
    "cluster",
    "dense_weights",
    "embed",
    "import_and_mine",
    "inquiry_topics",
    "is_courtesy",
    "knn",
    "leiden",
    "load_rows",
    "merge_close",
    "mine",
    "rank",
    "split_by_answer",
    "summarize",
    "summarize_asking",
    "title_of",
    "word_topic",
]
