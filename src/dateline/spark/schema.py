"""The Spark (and so Parquet) schema of every corpus table, derived from the table specs.

``dateline.store.tables`` is the one source of the corpus schema: the DuckDB ``CREATE TABLE``
statements and these Spark schemas both come from its column specs, so a Parquet corpus written
by Spark has the DuckDB tables' column names and types. One DuckDB type has no Parquet writer
in Spark: ``UBIGINT`` (the LSH bucket ids) is written as ``DECIMAL(20,0)``, which holds every
unsigned 64-bit value exactly; the views of ``--db FOLDER`` cast each column back to its DuckDB
type (``dateline.store.db.open_parquet_corpus``).
"""

from __future__ import annotations

from typing import Any

from dateline.store.tables import Column, table_columns

# DuckDB type -> Spark SQL type (the Parquet type follows from it).
SPARK_TYPES = {
    "VARCHAR": "string",
    "BLOB": "binary",
    "BOOLEAN": "boolean",
    "SMALLINT": "smallint",
    "INTEGER": "int",
    "BIGINT": "bigint",
    "UBIGINT": "decimal(20,0)",
    "DOUBLE": "double",
    "DATE": "date",
    # Without a time zone, as DuckDB's TIMESTAMP (Spark's "timestamp" would be read as
    # TIMESTAMP WITH TIME ZONE).
    "TIMESTAMP": "timestamp_ntz",
}


def spark_type_name(column: Column) -> str:
    """The Spark SQL type of a column spec ("VARCHAR[]" -> "array<string>")."""
    duck = column.type
    if duck.endswith("[]"):
        return f"array<{SPARK_TYPES[duck[:-2]]}>"
    try:
        return SPARK_TYPES[duck]
    except KeyError:
        raise ValueError(f"{column.name}: no Spark type for DuckDB type {duck}") from None


def spark_type(name: str) -> Any:
    from pyspark.sql import types as T

    if name.startswith("array<"):
        return T.ArrayType(spark_type(name[len("array<") : -1]), containsNull=True)
    if name.startswith("decimal("):
        precision, scale = name[len("decimal(") : -1].split(",")
        return T.DecimalType(int(precision), int(scale))
    simple = {
        "string": T.StringType(),
        "binary": T.BinaryType(),
        "boolean": T.BooleanType(),
        "smallint": T.ShortType(),
        "int": T.IntegerType(),
        "bigint": T.LongType(),
        "double": T.DoubleType(),
        "date": T.DateType(),
        "timestamp_ntz": T.TimestampNTZType(),
    }
    return simple[name]


def table_schema(table: str) -> Any:
    """The ``StructType`` of a specified table, columns in spec order."""
    from pyspark.sql import types as T

    return T.StructType(
        [
            T.StructField(c.name, spark_type(spark_type_name(c)), nullable=c.nullable)
            for c in table_columns()[table]
        ]
    )
