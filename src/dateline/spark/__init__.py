"""Dateline on Apache Spark (``dateline spark``; needs the ``dateline[spark]`` extra).

``parquet.py`` (no Spark needed) writes a corpus database's tables as a Parquet corpus folder;
``job.py`` runs the analysis inside Spark partitions and builds that folder.
"""
