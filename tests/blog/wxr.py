"""A small WordPress export (WXR), written by the tests, item by item."""

from xml.sax.saxutils import escape

HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
  xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
<title>The old blog</title>
<link>https://old.example</link>
<wp:base_blog_url>https://old.example</wp:base_blog_url>
<wp:author><wp:author_login>morgan</wp:author_login>
<wp:author_display_name>Morgan</wp:author_display_name></wp:author>
"""


def post(
    title="Listening to understand",
    *,
    post_id=1,
    slug=None,
    body="<p>Take turns.</p>",
    status="publish",
    date="2019-05-12 10:00:00",
    link=None,
    post_type="post",
    creator="morgan",
    categories=(("Couples", "couples"),),
    tags=(),
    excerpt="",
    meta=(),
    attachment_url="",
):
    slug = slug if slug is not None else f"post-{post_id}"
    terms = "".join(
        f'<category domain="category" nicename="{s}"><![CDATA[{n}]]></category>'
        for n, s in categories
    ) + "".join(
        f'<category domain="post_tag" nicename="{s}"><![CDATA[{n}]]></category>' for n, s in tags
    )
    metas = "".join(
        f"<wp:postmeta><wp:meta_key>{key}</wp:meta_key>"
        f"<wp:meta_value><![CDATA[{value}]]></wp:meta_value></wp:postmeta>"
        for key, value in meta
    )
    title_element = f"<title>{escape(title)}</title>" if title is not None else ""
    date_elements = (
        f"<wp:post_date>{date}</wp:post_date><wp:post_date_gmt>{date}</wp:post_date_gmt>"
        if date
        else ""
    )
    return f"""<item>{title_element}
<link>{escape(link or f"https://old.example/{slug}/")}</link>
<guid isPermaLink="false">https://old.example/?p={post_id}</guid>
<dc:creator><![CDATA[{creator}]]></dc:creator>
<content:encoded><![CDATA[{body}]]></content:encoded>
<excerpt:encoded><![CDATA[{excerpt}]]></excerpt:encoded>
<wp:post_id>{post_id}</wp:post_id>{date_elements}
<wp:post_name><![CDATA[{slug}]]></wp:post_name>
<wp:status>{status}</wp:status>
<wp:post_type>{post_type}</wp:post_type>
<wp:attachment_url>{escape(attachment_url)}</wp:attachment_url>
{terms}{metas}</item>
"""


def attachment(post_id, url, alt=""):
    return post(
        f"Attachment {post_id}",
        post_id=post_id,
        post_type="attachment",
        status="inherit",
        attachment_url=url,
        meta=[("_wp_attachment_image_alt", alt)] if alt else [],
    )


def export(*items):
    return (HEAD + "".join(items) + "</channel></rss>").encode()
