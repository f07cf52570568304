"""Where articles come from: files, folders, stdin, gzip; JSON Lines and WARC (see ``ingest``)."""

from dateline.sources.files import RawInput, decode_bytes, iter_inputs, read_input

__all__ = ["RawInput", "decode_bytes", "iter_inputs", "read_input"]
