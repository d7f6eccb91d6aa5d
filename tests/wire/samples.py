"""Agency documents for the wire's tests, written here rather than downloaded.

Each builder returns the bytes an agency would send, with the values the tests
check as keyword arguments, so that a test can make a second version of the
same item or point the pictures at a server it started.
"""

import json
from html import escape

XINHUA_CAPTION = (
    "Presiden Rusia Vladimir Putin berbicara dalam sebuah pertemuan di Moskow, Rusia,"
    " pada 30 November 2026."
)
XINHUA_CREDIT = "Xinhua/Alexander Zemlianichenko Jr"
XINHUA_BODY = (
    "<p>Rusia siap memperluas kerja sama ekonomi dengan Indonesia, kata Presiden Vladimir"
    " Putin pada Senin.</p><p>Kedua negara akan menandatangani perjanjian baru tahun depan.</p>"
)


def xinhua_ninjs_item(
    *,
    uri: str = "urn:newsml:xinhua.net:20261201:putin-indonesia",
    version: str | int | None = "1",
    versioncreated: str = "2026-12-01T05:00:00+08:00",
    headline="Putin: Rusia siap perluas kerja sama dengan Indonesia",
    picture_base: str | None = "https://photos.xinhua.example/2026/12/01/putin",
    **fields,
) -> dict:
    """A ninjs 1.x item as Xinhua sends it through Superdesk, like the reference page.

    picture_base None: the item without its picture (nothing to fetch).
    """
    item = {
        "uri": uri,
        "type": "text",
        "version": version,
        "versioncreated": versioncreated,
        "firstcreated": "2026-12-01T04:30:00+08:00",
        "pubstatus": "usable",
        "language": "id",
        "headline": headline,
        "description_text": "Rusia dan Indonesia akan menandatangani perjanjian ekonomi baru.",
        "body_html": XINHUA_BODY,
        "located": "Moskow, Rusia",
        "byline": "Xinhua",
        "copyrightholder": "Xinhua",
        "subject": [
            {"name": "Politik", "code": "11000000", "scheme": "subject"},
            {"name": "Ekonomi", "code": "04000000", "scheme": "subject"},
        ],
        "associations": {
            "featuremedia": {
                "uri": f"{uri}:picture",
                "type": "picture",
                "headline": "Putin di Moskow",
                "description_text": XINHUA_CAPTION,
                "byline": XINHUA_CREDIT,
                "renditions": {
                    "thumbnail": {"href": f"{picture_base}-thumb.jpg", "width": 120, "height": 80},
                    "viewImage": {"href": f"{picture_base}-view.jpg", "width": 640, "height": 427},
                    "baseImage": {"href": f"{picture_base}-base.jpg", "width": 1400, "height": 933},
                    "original": {
                        "href": f"{picture_base}-original.jpg",
                        "mimetype": "image/jpeg",
                        "width": 3000,
                        "height": 2000,
                    },
                },
            }
        },
    }
    if version is None:
        del item["version"]
    if picture_base is None:
        del item["associations"]
    item.update(fields)
    return item


def ninjs2_item(
    *,
    uri: str = "http://tt.example/media/text/20261201-aurora",
    version: str = "3",
    versioncreated: str = "2026-12-01T13:40:18+02:00",
    picture_href: str = "https://photos.tt.example/aurora-hires.jpg",
    **fields,
) -> dict:
    """A ninjs 2.x item: lists of headlines, descriptions and bodies, associations as a list."""
    item = {
        "uri": uri,
        "type": "text",
        "version": version,
        "versioncreated": versioncreated,
        "copyrightholder": "TT",
        "headlines": [
            {"role": "sub", "value": "Övningen flyttas"},
            {"role": "main", "value": "Militärövning i jätteformat hålls 2023"},
        ],
        "descriptions": [
            {"role": "summary", "value": "Pandemin satte stopp för övningen."},
        ],
        "bodies": [
            {"role": "text", "contenttype": "text/plain", "value": "Plain version."},
            {
                "role": "html5",
                "contenttype": "text/html",
                "value": "<html><head><title>T</title></head>"
                "<body><p>Pandemin satte stopp.</p></body></html>",
            },
        ],
        "located": {"name": "Visby, Sverige"},
        "by": "Karl Melander",
        "subjects": [{"name": "Försvar", "uri": "http://tt.example/subject/def"}],
        "keywords": ["Aurora", "Gotland"],
        "associations": [
            {
                "name": "a001",
                "type": "picture",
                "by": "Karl Melander/TT",
                "descriptions": [{"role": "caption", "value": "Soldater på Gotland."}],
                "renditions": [
                    {
                        "name": "preview",
                        "href": "https://photos.tt.example/aurora-preview.jpg",
                        "contenttype": "image/jpeg",
                        "width": 1024,
                        "height": 683,
                    },
                    {
                        "name": "hires",
                        "href": picture_href,
                        "contenttype": "image/jpeg",
                        "width": 4724,
                        "height": 3149,
                    },
                ],
            }
        ],
    }
    item.update(fields)
    return item


def to_json(document) -> bytes:
    return json.dumps(document, ensure_ascii=False).encode()


def rss_item(
    *,
    guid: str | None = "xinhua-20261201-putin",
    title: str = "Putin: Rusia siap perluas kerja sama dengan Indonesia",
    updated: str | None = "2026-12-01T06:00:00+08:00",
    pub_date: str = "Tue, 01 Dec 2026 05:00:00 +0800",
    picture_base: str = "https://photos.xinhua.example/2026/12/01/putin",
    extra: str = "",
) -> str:
    """An RSS 2.0 item with Media RSS: a picture with its own caption, a group and an enclosure."""
    return f"""
    <item>
      <title>{escape(title)}</title>
      <link>https://english.xinhua.example/20261201/putin.html</link>
      {f'<guid isPermaLink="false">{escape(guid)}</guid>' if guid else ""}
      <pubDate>{pub_date}</pubDate>
      {f"<atom:updated>{updated}</atom:updated>" if updated else ""}
      <dc:creator>Alexander Zemlianichenko</dc:creator>
      <category>Politik</category>
      <category>Ekonomi</category>
      <source url="https://english.xinhua.example/rss">Xinhua</source>
      <description>Rusia dan Indonesia akan menandatangani
        &lt;b&gt;perjanjian&lt;/b&gt;.</description>
      <content:encoded><![CDATA[{XINHUA_BODY}]]></content:encoded>
      <media:content url="{picture_base}-original.jpg" type="image/jpeg" width="3000"
          height="2000">
        <media:description>{escape(XINHUA_CAPTION)}</media:description>
        <media:credit role="photographer">{escape(XINHUA_CREDIT)}</media:credit>
      </media:content>
      <media:group>
        <media:content url="{picture_base}-2-small.jpg" medium="image" width="320"/>
        <media:content url="{picture_base}-2-large.jpg" medium="image" width="1600"/>
        <media:description>Gedung Kremlin.</media:description>
        <media:credit>Xinhua/Bai Xueqi</media:credit>
      </media:group>
      <media:content url="https://video.xinhua.example/putin.mp4" type="video/mp4"/>
      <media:thumbnail url="{picture_base}-thumb.jpg"/>
      <enclosure url="{picture_base}-3.jpg" type="image/jpeg" length="12345"/>
      <enclosure url="https://audio.xinhua.example/putin.mp3" type="audio/mpeg" length="1"/>
      {extra}
    </item>"""


def rss_feed(*items: str, title: str = "Xinhua Indonesia") -> bytes:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:content="http://purl.org/rss/1.0/modules/content/"
    xmlns:atom="http://www.w3.org/2005/Atom">
  <channel>
    <title>{escape(title)}</title>
    <link>https://english.xinhua.example/</link>
    <description>Berita dari Xinhua</description>
    {"".join(items or [rss_item()])}
  </channel>
</rss>""".encode()


def atom_entry(
    *,
    entry_id: str = "tag:antara.example,2026:berita-1",
    title: str = "Gempa di Sulawesi",
    updated: str = "2026-12-01T07:00:00Z",
    picture_href: str = "https://photos.antara.example/gempa.jpg",
) -> str:
    return f"""
  <entry>
    <id>{escape(entry_id)}</id>
    <title type="text">{escape(title)}</title>
    <link rel="alternate" href="https://antara.example/berita/1"/>
    <link rel="enclosure" type="image/jpeg" href="{picture_href}"/>
    <link rel="enclosure" type="application/pdf" href="https://antara.example/gempa.pdf"/>
    <updated>{updated}</updated>
    <published>2026-12-01T06:30:00Z</published>
    <author><name>Rina Wulandari</name></author>
    <category term="bencana" label="Bencana"/>
    <category term="sulawesi"/>
    <summary type="text">Gempa magnitudo 6 &lt;b&gt; mengguncang.</summary>
    <content type="html">&lt;p&gt;Gempa mengguncang Sulawesi pagi ini.&lt;/p&gt;</content>
    <source><title>ANTARA</title></source>
  </entry>"""


def atom_feed(*entries: str, title: str = "ANTARA News") -> bytes:
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/">
  <title>{escape(title)}</title>
  <id>tag:antara.example,2026:feed</id>
  <updated>2026-12-01T07:00:00Z</updated>
  {"".join(entries or [atom_entry()])}
</feed>""".encode()


NEWSML_NS = "http://iptc.org/std/nar/2006-10-01/"


def newsml_item(
    *,
    guid: str = "urn:newsml:xinhua.net:20261201:putin-g2",
    version: str = "2",
    version_created: str = "2026-12-01T05:00:00+08:00",
    item_class: str = "ninat:text",
    provider: str = '<provider qcode="nprov:XINHUA"/>',
    headline: str = "Putin: Rusia siap perluas kerja sama dengan Indonesia",
    body: str | None = None,
    picture_base: str = "https://photos.xinhua.example/2026/12/01/putin-g2",
    links: str = "",
    extra_content_meta: str = "",
    namespace: bool = True,
) -> str:
    """A NewsML-G2 text newsItem with an XHTML body and a picture as remoteContent."""
    if body is None:
        body = f"""<inlineXML contenttype="application/xhtml+xml">
        <html xmlns="http://www.w3.org/1999/xhtml"><head><title>x</title></head>
          <body>{XINHUA_BODY}</body></html>
      </inlineXML>"""
    return f"""<newsItem {f'xmlns="{NEWSML_NS}"' if namespace else ""}
    guid="{guid}" version="{version}" standard="NewsML-G2" standardversion="2.29">
  <rightsInfo><copyrightHolder><name>Xinhua News Agency</name></copyrightHolder></rightsInfo>
  <itemMeta>
    <itemClass qcode="{item_class}"/>
    {provider}
    <versionCreated>{version_created}</versionCreated>
    <firstCreated>2026-12-01T04:30:00+08:00</firstCreated>
    <pubStatus qcode="stat:usable"/>
    {links}
  </itemMeta>
  <contentMeta>
    <located type="cptype:city" qcode="geo:moscow">
      <name>Moskow</name>
      <broader type="cptype:country" qcode="iso3166-1a2:RU"><name>Rusia</name></broader>
    </located>
    <creditline>{escape(XINHUA_CREDIT)}</creditline>
    <by>Alexander Zemlianichenko</by>
    <subject qcode="medtop:11000000"><name xml:lang="id">Politik</name></subject>
    <subject qcode="medtop:04000000"/>
    <keyword>Rusia</keyword>
    <keyword>Indonesia</keyword>
    <headline>{escape(headline)}</headline>
    <description role="drol:caption">{escape(XINHUA_CAPTION)}</description>
    <description role="drol:summary">Rusia dan Indonesia akan menandatangani
      perjanjian.</description>
    {extra_content_meta}
  </contentMeta>
  <contentSet>
    {body}
    <remoteContent href="{picture_base}-web.jpg" contenttype="image/jpeg" width="640"
        height="427"/>
    <remoteContent href="{picture_base}-high.jpg" contenttype="image/jpeg" width="3000"
        height="2000"/>
    <remoteContent href="{picture_base}.mp4" contenttype="video/mp4" width="9000"
        height="9000"/>
  </contentSet>
</newsItem>"""


def newsml_picture_item(
    *, guid: str, href: str, caption: str = XINHUA_CAPTION, credit: str = XINHUA_CREDIT
) -> str:
    """A NewsML-G2 picture newsItem (no namespace declaration: for use in a newsMessage)."""
    return f"""<newsItem guid="{guid}" version="1" standard="NewsML-G2" standardversion="2.29">
  <itemMeta>
    <itemClass qcode="ninat:picture"/>
    <provider qcode="nprov:XINHUA"/>
    <versionCreated>2026-12-01T05:00:00+08:00</versionCreated>
  </itemMeta>
  <contentMeta>
    <creditline>{escape(credit)}</creditline>
    <headline>Putin di Moskow</headline>
    <description role="drol:caption">{escape(caption)}</description>
  </contentMeta>
  <contentSet>
    <remoteContent href="{href}" contenttype="image/jpeg" width="2000" height="1500"/>
  </contentSet>
</newsItem>"""


def newsml_document(item: str) -> bytes:
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{item}'.encode()


def newsml_message(*items: str, packages: str = "") -> bytes:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<newsMessage xmlns="{NEWSML_NS}">
  <header><sent>2026-12-01T05:01:00Z</sent><sender>xinhua.net</sender></header>
  <itemSet>
    {packages}
    {"".join(items)}
  </itemSet>
</newsMessage>""".encode()


NITF_BODY = """<inlineXML contenttype="application/nitf+xml">
  <nitf xmlns="http://iptc.org/std/NITF/2006-10-18/">
    <body>
      <body.head>
        <hedline><hl1>Judul NITF</hl1></hedline>
        <byline>Oleh Budi Santoso, <byttl>Koresponden</byttl></byline>
        <abstract><p>Ringkasan dari NITF.</p></abstract>
      </body.head>
      <body.content>
        <p>Paragraf <em>pertama</em>.</p>
        <hl2>Subjudul</hl2>
        <p>Paragraf kedua.</p>
      </body.content>
    </body>
  </nitf>
</inlineXML>"""
