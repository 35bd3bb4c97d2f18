import django.contrib.postgres.search
from django.db import migrations

from blog.search import refresh_search_documents

INDEX = "blog_post_search_document_idx"


def index_search_documents(apps, schema_editor):
    """On PostgreSQL: a GIN index on the documents, and the documents of existing posts."""
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"CREATE INDEX {INDEX} ON blog_post USING gin (search_document)")
    refresh_search_documents(apps.get_model("blog", "Post").objects.all())


def drop_search_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("blog", "0002_editing_and_images"),
    ]

    operations = [
        migrations.AddField(
            model_name="post",
            name="search_document",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(index_search_documents, drop_search_index),
    ]
