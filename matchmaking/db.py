"""Small database expressions the candidate queries need, for SQLite and PostgreSQL."""

from django.db.models import BigIntegerField, ExpressionWrapper, F, FloatField, Func


def raw_mask(field: str) -> ExpressionWrapper:
    """A CodeSetField as its integer bitmask (no conversion to a list of codes)."""
    return ExpressionWrapper(F(field), output_field=BigIntegerField())


class EpochSeconds(Func):
    """Seconds since 1970 of a datetime, as a float: cheaper to fetch in bulk than
    datetime objects."""

    output_field = FloatField()

    def as_sql(self, compiler, connection, **extra):
        raise NotImplementedError(connection.vendor)

    def as_postgresql(self, compiler, connection, **extra):
        return super().as_sql(compiler, connection,
                              template="EXTRACT(EPOCH FROM %(expressions)s)::float8", **extra)

    def as_sqlite(self, compiler, connection, **extra):
        return super().as_sql(compiler, connection,
                              template="((julianday(%(expressions)s) - 2440587.5) * 86400.0)",
                              **extra)
