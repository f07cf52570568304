"""Collecting news from the web: polite HTTP fetching, feeds and sitemaps, WARC records, rounds.

Only the commands whose job is fetching (``fetch``, ``ingest --urls``, ``watch``) import this
package; everything else in Dateline stays offline. Fetched pages are kept as WARC records and
analysed through the same ingest path as files (``dateline.store.ingest``), so re-ingesting the
WARC files gives the same database.
"""
