"""Uploads are checked with Pillow and stored upright, clean and in several widths."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image

from articles.images import validate_photo_file
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


def test_deleting_a_photo_removes_its_files():
    photo = PhotoFactory()
    names = [photo.image.name, *photo.renditions.values()]
    storage = photo.image.storage

    photo.delete()

    assert not any(storage.exists(name) for name in names)


def test_stored_file_is_named_after_the_article_not_the_uploaded_file():
    photo = PhotoFactory(image=upload(image_bytes(), name="DSC_0042 rumah Budi di Jl Mawar.jpg"))

    name = photo.image.name.rsplit("/", 1)[1]
    assert name.startswith(photo.article.slug)
    assert "Budi" not in photo.image.name and "Mawar" not in photo.image.name
