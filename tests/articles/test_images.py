"""Uploads are checked with Pillow and stored upright, clean and in several widths."""

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from PIL import ExifTags, Image

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
