import practice.fields
import django.db.models.deletion
import markdownx.models
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('blog', '0001_initial'),
    ]

    operations = [
        migrations.AlterField(
            model_name='post',
            name='body',
            field=markdownx.models.MarkdownxField(help_text='Markdown; start sections with ## headings. The preview is what readers see.'),
        ),
        migrations.AlterField(
            model_name='post',
            name='featured_image',
            field=practice.fields.CleanImageField(blank=True, height_field='featured_image_height', help_text='A JPEG, PNG, WebP or GIF photo, at most 10 MB. Location and camera details are removed, and smaller copies are made for phones.', upload_to='posts/', width_field='featured_image_width'),
        ),
        migrations.AlterField(
            model_name='post',
            name='slug',
            field=models.SlugField(error_messages={'unique': 'Another post already has this slug: choose a different one.'}, help_text="The end of the post's address, /blog/this-part/. If a published post's slug changes, its old address redirects to the new one.", max_length=200, unique=True),
        ),
        migrations.CreateModel(
            name='OldSlug',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('slug', models.SlugField(max_length=200, unique=True)),
                ('post', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='old_slugs', to='blog.post')),
            ],
        ),
    ]
