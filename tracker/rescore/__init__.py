"""Rescoring: bring stored analyses and scores up to date with the current inputs.

- :mod:`~tracker.rescore.plan`: what to recompute (read-only).
- :mod:`~tracker.rescore.execute`: the entry point :func:`~tracker.rescore.execute.rescore`,
  which carries the plan out (locks, new runs, chunks through the workers, the switch-over).
- :mod:`~tracker.rescore.tasks`: the worker tasks, and reading chunks of work into them.
- :mod:`~tracker.rescore.runs`: run rows (start, append, complete, fail, prune) and the
  buffered writer of the running runs' rows.
- :mod:`~tracker.rescore.report`: options in, report out.
- scorer identities and lexicon diffs are recorded at ingest: :mod:`~tracker.ingest.identity`.
- :mod:`~tracker.rescore.schedule`: the cron line or systemd units of a nightly rescoring.
"""
