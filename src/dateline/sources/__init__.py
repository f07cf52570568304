"""Where articles come from: files, folders, stdin, gzip; JSON Lines and WARC (see ``ingest``)."""

from dateline.sources.files import RawInput, decode_bytes, iter_inputs, read_input

__all__ = ["RawInput", "decode_bytes", "iter_inputs", "read_input"]

# Containers of many articles, streamed (used by ``dateline ingest``).
from dateline.sources.jsonl import iter_jsonl  # noqa: E402
from dateline.sources.warc import iter_warc  # noqa: E402

__all__ += ["iter_jsonl", "iter_warc"]
