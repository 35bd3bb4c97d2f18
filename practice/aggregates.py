"""Aggregates Django does not offer on every database the site runs on."""

from django.db.models import Aggregate, JSONField


class JSONArrayAgg(Aggregate):
    """The values of a group's rows as one JSON array: SQLite's json_group_array,
    PostgreSQL's jsonb_agg (jsonb, which Django reads as it reads a JSONField)."""

    function = "JSON_GROUP_ARRAY"
    output_field = JSONField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, function="JSONB_AGG", **extra_context)
