"""Ingest: news text in, statements with their analysis and scores stored.

- :mod:`~tracker.ingest.sources`: files, folders, manifests, JSON Lines -> articles.
- :mod:`~tracker.ingest.pages`: a web page (bytes or text, and its address) -> an article with
  the page kept, or the error that says why not.
- :mod:`~tracker.ingest.batches`: the entry points (:func:`~tracker.ingest.batches.ingest_paths`,
  :func:`~tracker.ingest.batches.ingest_articles`): articles in batches, prepared (in worker
  processes or inline) and written one transaction per batch.
- :mod:`~tracker.ingest.pipeline`: one article -> statements, analysis, scores; the spec that
  rebuilds the same pipeline in a worker (ingest's and rescoring's), and ingest's worker task.
- :mod:`~tracker.ingest.store`: one batch of processed documents -> one transaction.
- :mod:`~tracker.ingest.rows`: analysis and score results -> Arrow tables of rows.
- :mod:`~tracker.ingest.identity`: scorer identities as stored (recorded by ingest and rescoring,
  compared by the rescoring's plan) and which statements a lexicon edit can affect.
"""
