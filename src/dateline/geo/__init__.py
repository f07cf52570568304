"""The geo stage: toponyms in an article resolved to GeoNames places (``analysis.locations``)."""
