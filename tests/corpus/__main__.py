"""``python -m tests.corpus`` (``make corpus``): the corpus figure, per document and in total."""

import sys

from tests.corpus.harness import corpus_dir, report

folder = corpus_dir()
if folder is None:
    sys.exit("corpus absent: ../shared/corpus is not beside the checkout")
print(report(folder))
