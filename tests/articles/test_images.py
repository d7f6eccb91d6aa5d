"""Uploads are checked with Pillow and stored upright, clean and in several widths."""

import io
import struct
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from PIL import ExifTags, Image
from PIL.PngImagePlugin import PngInfo

from articles.images import validate_photo_file
from articles.models import Article, Photo
from tests.factories import PhotoFactory, image_bytes, png_claiming_size

pytestmark = pytest.mark.django_db


def upload(content: bytes, name="foto.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def jpeg_with_gps_and_rotation() -> bytes:
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6  # "rotate 90° clockwise to display"
    exif[ExifTags.Base.Make] = "KameraRahasia"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "S"
    gps[ExifTags.GPS.GPSLatitude] = (6.0, 10.0, 30.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (106.0, 49.0, 0.0)
    return image_bytes(size=(800, 400), exif=exif.tobytes())


def test_a_real_jpeg_png_and_webp_are_accepted():
    for image_format, name in [("JPEG", "a.jpg"), ("PNG", "a.png"), ("WEBP", "a.webp")]:
        validate_photo_file(upload(image_bytes(size=(64, 64), image_format=image_format), name))


def test_a_file_that_is_not_an_image_is_refused():
    with pytest.raises(ValidationError) as error:
        validate_photo_file(upload(b"%PDF-1.7 not an image at all", "foto.jpg"))
    assert error.value.code == "not_an_image"


def test_a_gif_is_refused_as_the_wrong_type():
    with pytest.raises(ValidationError) as error:
        validate_photo_file(upload(image_bytes(size=(32, 32), image_format="GIF"), "a.gif"))
    assert error.value.code == "wrong_format"


def test_a_decompression_bomb_is_refused_without_being_decoded():
    with pytest.raises(ValidationError) as error:
        validate_photo_file(upload(png_claiming_size(60_000, 60_000), "bom.png", "image/png"))
    assert error.value.code == "too_many_pixels"


def test_an_image_over_the_pixel_limit_is_refused(settings):
    settings.PHOTO_MAX_PIXELS = 100 * 100

    with pytest.raises(ValidationError) as error:
        validate_photo_file(upload(image_bytes(size=(200, 200))))
    assert error.value.code == "too_many_pixels"


def test_a_file_over_the_size_limit_is_refused(settings):
    settings.PHOTO_MAX_UPLOAD_BYTES = 1000

    with pytest.raises(ValidationError) as error:
        validate_photo_file(upload(image_bytes(size=(400, 400))))
    assert error.value.code == "too_large"


def test_a_truncated_image_is_refused():
    with pytest.raises(ValidationError) as error:
        validate_photo_file(upload(image_bytes(size=(400, 400))[:600]))
    assert error.value.code in {"damaged", "not_an_image"}


def test_stored_photo_has_no_gps_or_camera_metadata_and_is_upright():
    original = Image.open(io.BytesIO(jpeg_with_gps_and_rotation()))
    assert original.getexif().get_ifd(ExifTags.IFD.GPSInfo)  # the test file does carry GPS

    photo = PhotoFactory(image=upload(jpeg_with_gps_and_rotation()))

    with photo.image.open("rb") as stored_file:
        stored_bytes = stored_file.read()
    stored = Image.open(io.BytesIO(stored_bytes))
    assert not stored.getexif().get_ifd(ExifTags.IFD.GPSInfo)
    assert len(stored.getexif()) == 0
    assert b"KameraRahasia" not in stored_bytes
    assert stored.size == (400, 800)  # turned upright by its EXIF orientation
    assert (photo.width, photo.height) == (400, 800)


def test_renditions_are_made_once_at_several_widths_and_served_in_srcset():
    photo = PhotoFactory(image=upload(image_bytes(size=(1600, 900))))

    assert sorted(int(width) for width in photo.renditions) == [320, 640, 960, 1280]
    for name in photo.renditions.values():
        assert photo.image.storage.exists(name)
        assert name.endswith(".webp")
    srcset = photo.srcset()
    assert "320w" in srcset and "1280w" in srcset and "1600w" in srcset
    made = dict(photo.renditions)

    photo.caption = "Keterangan baru"
    photo.save()

    assert photo.renditions == made


def test_no_rendition_is_wider_than_the_original():
    photo = PhotoFactory(image=upload(image_bytes(size=(700, 400))))

    assert sorted(int(width) for width in photo.renditions) == [320, 640]


def stored_names(photo) -> list[str]:
    return [photo.image.name, *photo.renditions.values()]


def files_under_media() -> set[str]:
    root = Path(settings.MEDIA_ROOT)
    return {str(path.relative_to(root)) for path in root.rglob("*") if path.is_file()}


class RolledBack(Exception):
    pass


@pytest.mark.django_db(transaction=True)
def test_deleting_a_photo_removes_its_files_once_committed():
    photo = PhotoFactory()
    names, storage = stored_names(photo), photo.image.storage

    with transaction.atomic():
        photo.delete()
        assert all(storage.exists(name) for name in names)  # not before the commit

    assert not any(storage.exists(name) for name in names)


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_photo_delete_keeps_the_photo_and_its_files():
    photo = PhotoFactory()
    pk, names, storage = photo.pk, stored_names(photo), photo.image.storage

    with pytest.raises(RolledBack), transaction.atomic():
        photo.delete()
        raise RolledBack

    assert Photo.objects.filter(pk=pk).exists()
    assert all(storage.exists(name) for name in names)


@pytest.mark.django_db(transaction=True)
def test_deleting_an_article_removes_its_photos_files_only_when_committed():
    photo = PhotoFactory()
    other = PhotoFactory(article=photo.article)
    names, storage = stored_names(photo) + stored_names(other), photo.image.storage

    with pytest.raises(RolledBack), transaction.atomic():
        Article.objects.get(pk=photo.article_id).delete()
        raise RolledBack
    assert all(storage.exists(name) for name in names)

    Article.objects.get(pk=photo.article_id).delete()
    assert not any(storage.exists(name) for name in names)


@pytest.mark.django_db(transaction=True)
def test_replacing_a_photos_image_removes_the_old_files_once_committed():
    photo = PhotoFactory()
    old_names, storage = stored_names(photo), photo.image.storage

    with pytest.raises(RolledBack), transaction.atomic():
        photo.image = upload(image_bytes(size=(1000, 500)), "baru.jpg")
        photo.save()
        raise RolledBack
    assert all(storage.exists(name) for name in old_names)  # still the stored photo's

    photo = Photo.objects.get(pk=photo.pk)
    with transaction.atomic():
        photo.image = upload(image_bytes(size=(1000, 500)), "baru.jpg")
        photo.save()
        assert all(storage.exists(name) for name in old_names)

    assert not any(storage.exists(name) for name in old_names)
    assert all(storage.exists(name) for name in stored_names(photo))
    assert Photo.objects.get(pk=photo.pk).width == 1000


@pytest.mark.django_db(transaction=True)
def test_a_photo_save_that_fails_leaves_no_files_behind():
    lead = PhotoFactory(is_lead=True)
    before = files_under_media()

    with pytest.raises(IntegrityError):
        PhotoFactory(article=lead.article, is_lead=True)  # a second lead photo

    assert files_under_media() == before
    assert all(lead.image.storage.exists(name) for name in stored_names(lead))


def test_stored_file_is_named_after_the_article_not_the_uploaded_file():
    photo = PhotoFactory(image=upload(image_bytes(), name="DSC_0042 rumah Budi di Jl Mawar.jpg"))

    name = photo.image.name.rsplit("/", 1)[1]
    assert name.startswith(photo.article.slug)
    assert "Budi" not in photo.image.name and "Mawar" not in photo.image.name


# Files that carry metadata of every kind, each with a secret that must not be stored.

SECRET = "RahasiaPengunggah"


def icc_profile(description: str, *, swap_red_and_blue: bool = False) -> bytes:
    """A small ICC v2 RGB profile (sRGB's colorants), whose description says `description`.

    With swap_red_and_blue its red channel means sRGB's blue and the other way
    round, so a converted picture shows whether the profile was applied.
    """

    def s15(value):
        return struct.pack(">i", round(value * 65536))

    def xyz(x, y, z):
        return b"XYZ \0\0\0\0" + s15(x) + s15(y) + s15(z)

    red, green, blue = (0.4361, 0.2225, 0.0139), (0.3851, 0.7169, 0.0971), (0.1431, 0.0606, 0.7141)
    if swap_red_and_blue:
        red, blue = blue, red
    text = description.encode("ascii") + b"\0"
    desc = b"desc\0\0\0\0" + struct.pack(">I", len(text)) + text + b"\0" * (4 + 4 + 2 + 1 + 67)
    gamma = b"curv\0\0\0\0" + struct.pack(">IH", 1, 0x0233) + b"\0\0"
    tags = [
        (b"desc", desc),
        (b"cprt", b"text\0\0\0\0" + text),
        (b"wtpt", xyz(0.9642, 1.0, 0.8249)),
        (b"rXYZ", xyz(*red)),
        (b"gXYZ", xyz(*green)),
        (b"bXYZ", xyz(*blue)),
        (b"rTRC", gamma),
        (b"gTRC", gamma),
        (b"bTRC", gamma),
    ]
    offset = 128 + 4 + 12 * len(tags)
    table, data = b"", b""
    for signature, content in tags:
        content += b"\0" * (-len(content) % 4)
        table += signature + struct.pack(">II", offset + len(data), len(content))
        data += content
    size = offset + len(data)
    header = (
        struct.pack(">I", size)
        + b"\0\0\0\0"
        + bytes([2, 0x10, 0, 0])
        + b"mntrRGB XYZ "
        + b"\0" * 12
        + b"acsp"
        + b"\0" * 24
        + b"\0\0\0\0"  # perceptual intent
        + s15(0.9642)
        + s15(1.0)
        + s15(0.8249)
        + b"\0" * 48
    )
    assert len(header) == 128
    return header + struct.pack(">I", len(tags)) + table + data


def with_jpeg_segment(jpeg: bytes, marker: int, payload: bytes) -> bytes:
    """The JPEG with one more segment right after its start marker."""
    segment = bytes([0xFF, marker]) + struct.pack(">H", len(payload) + 2) + payload
    return jpeg[:2] + segment + jpeg[2:]


def jpeg_segments(data: bytes) -> list[int]:
    """The markers of a JPEG's segments before its image data."""
    markers, position = [], 2
    while position < len(data):
        marker = data[position + 1]
        markers.append(marker)
        if marker == 0xDA:  # start of scan: image data follows
            break
        (length,) = struct.unpack(">H", data[position + 2 : position + 4])
        position += 2 + length
    return markers


def png_chunks(data: bytes) -> list[bytes]:
    chunks, position = [], 8
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        chunks.append(data[position + 4 : position + 8])
        position += 12 + length
    return chunks


def webp_chunks(data: bytes) -> list[bytes]:
    chunks, position = [], 12
    while position < len(data):
        (length,) = struct.unpack("<I", data[position + 4 : position + 8])
        chunks.append(data[position : position + 4])
        position += 8 + length + length % 2
    return chunks


def exif_with_gps() -> bytes:
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = SECRET
    exif[ExifTags.Base.ImageDescription] = SECRET
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "S"
    gps[ExifTags.GPS.GPSLatitude] = (6.0, 10.0, 30.0)
    return exif.tobytes()


XMP = f'<x:xmpmeta xmlns:x="adobe:ns:meta/"><dc:creator>{SECRET}</dc:creator></x:xmpmeta>'.encode()
PHOTOSHOP_IPTC = b"Photoshop 3.0\x008BIM\x04\x04\x00\x00\x00\x00\x00\x16\x1c\x02\x50\x00\x11" + (
    SECRET.encode()
)


def picture(image_format, color=(200, 40, 40), mode="RGB", **options) -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, (400, 300), color).save(buffer, format=image_format, **options)
    return buffer.getvalue()


def png_with_text() -> bytes:
    info = PngInfo()
    info.add_text("Comment", SECRET)
    info.add_text("Author", SECRET, zip=True)
    info.add_itxt("Description", SECRET, lang="id")
    return picture(
        "PNG", pnginfo=info, exif=exif_with_gps(), icc_profile=icc_profile(f"{SECRET}-icc")
    )


UPLOADS_WITH_METADATA = {
    "jpeg comment": lambda: picture("JPEG", comment=SECRET.encode()),
    "jpeg exif with gps": lambda: picture("JPEG", exif=exif_with_gps()),
    "jpeg xmp": lambda: picture("JPEG", xmp=XMP),
    "jpeg icc profile": lambda: picture("JPEG", icc_profile=icc_profile(f"{SECRET}-icc")),
    "jpeg iptc": lambda: with_jpeg_segment(picture("JPEG"), 0xED, PHOTOSHOP_IPTC),
    "jpeg app segment": lambda: with_jpeg_segment(picture("JPEG"), 0xEB, SECRET.encode()),
    "png text, exif and icc": png_with_text,
    "webp exif, xmp and icc": lambda: picture(
        "WEBP", exif=exif_with_gps(), xmp=XMP, icc_profile=icc_profile(f"{SECRET}-icc")
    ),
    "mpo": lambda: mpo_with_two_pictures(comment=SECRET.encode(), exif=exif_with_gps()),
}
# What a clean file may hold: pixels, and what it takes to decode them.
JPEG_SEGMENTS = {0xE0, 0xDB, 0xC0, 0xC1, 0xC2, 0xC4, 0xDD, 0xDA}  # JFIF, tables, frame, scan
PNG_CHUNKS = {b"IHDR", b"PLTE", b"tRNS", b"IDAT", b"IEND"}
WEBP_CHUNKS = {b"VP8 ", b"VP8L", b"VP8X", b"ALPH"}


def mpo_with_two_pictures(**options) -> bytes:
    buffer = io.BytesIO()
    first, second = Image.new("RGB", (400, 300), (200, 40, 40)), Image.new("RGB", (640, 480))
    first.save(buffer, format="MPO", save_all=True, append_images=[second], **options)
    return buffer.getvalue()


def stored_bytes(photo) -> list[bytes]:
    """The original and every rendition of a photo, as stored."""
    storage = photo.image.storage
    result = []
    for name in stored_names(photo):
        with storage.open(name, "rb") as stored:
            result.append(stored.read())
    return result


@pytest.mark.parametrize("make", UPLOADS_WITH_METADATA.values(), ids=UPLOADS_WITH_METADATA.keys())
def test_no_metadata_of_any_kind_survives_into_the_stored_files(make):
    content = make()
    assert SECRET.encode() in content or SECRET.encode("utf-16-be") in content  # it does carry it

    photo = PhotoFactory(image=upload(content, "foto.bin"))

    for data in stored_bytes(photo):
        assert SECRET.encode() not in data
        assert SECRET.encode("utf-16-be") not in data
        for needle in [b"Exif", b"xmpmeta", b"ICC_PROFILE", b"Photoshop", b"MPF"]:
            assert needle not in data
        if data.startswith(b"\xff\xd8"):
            assert set(jpeg_segments(data)) <= JPEG_SEGMENTS
        elif data.startswith(b"\x89PNG"):
            assert set(png_chunks(data)) <= PNG_CHUNKS
        else:
            assert data.startswith(b"RIFF")
            assert set(webp_chunks(data)) <= WEBP_CHUNKS
        with Image.open(io.BytesIO(data)) as stored:
            assert not {"comment", "exif", "xmp", "icc_profile", "photoshop"} & set(stored.info)


def test_a_picture_with_a_colour_profile_is_stored_converted_to_srgb():
    # Pure red in a profile whose red is sRGB's blue.
    content = picture("JPEG", icc_profile=icc_profile("tukar", swap_red_and_blue=True))

    photo = PhotoFactory(image=upload(content))

    with Image.open(io.BytesIO(stored_bytes(photo)[0])) as stored:
        red, green, blue = stored.convert("RGB").getpixel((200, 150))
    assert blue > 150 and red < 80


def test_a_png_keeps_its_transparency_but_not_its_profile():
    content = picture(
        "PNG", color=(10, 120, 200, 0), mode="RGBA", icc_profile=icc_profile(f"{SECRET}-icc")
    )

    photo = PhotoFactory(image=upload(content, "logo.png", "image/png"))

    with Image.open(io.BytesIO(stored_bytes(photo)[0])) as stored:
        assert stored.mode == "RGBA"
        assert stored.getpixel((10, 10))[3] == 0
        assert "icc_profile" not in stored.info


def test_a_multi_picture_jpeg_is_accepted_as_its_first_picture():
    content = mpo_with_two_pictures()
    with Image.open(io.BytesIO(content)) as mpo:
        assert (mpo.format, mpo.n_frames) == ("MPO", 2)
    validate_photo_file(upload(content))

    photo = PhotoFactory(image=upload(content, "IMG_0042.JPG"))

    assert photo.image.name.endswith(".jpg")
    assert (photo.width, photo.height) == (400, 300)
    with Image.open(io.BytesIO(stored_bytes(photo)[0])) as stored:
        assert stored.format == "JPEG"
        assert getattr(stored, "n_frames", 1) == 1
        red, green, blue = stored.getpixel((200, 150))
    assert red > 150 and green < 80
