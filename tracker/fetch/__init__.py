"""Fetching news: feeds and URL lists over HTTP(S), politely, each page ingested once.

``lists`` reads the feeds file (TOML) and the URL-list file; ``http`` is the client
(robots.txt, a per-host rate, conditional requests, bounded retries, size and redirect caps);
``state`` is the ``fetched_urls`` table that remembers what was asked for; ``run`` puts them
together and hands the pages to the ingest (:func:`tracker.ingest.batches.ingest_articles`
through :func:`tracker.ingest.pages.page_article`).
"""
