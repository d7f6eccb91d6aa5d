"""Checking and preparing uploaded photos with Pillow.

An upload is only trusted after Pillow has read it: it must be a JPEG, PNG or
WebP within the size and pixel limits (a multi-picture JPEG, as phones write,
counts as a JPEG: its first picture is kept). What is stored is re-encoded
from the decoded pixels alone, turned upright by its EXIF orientation and
brought into sRGB by its colour profile, so nothing else the file carried
survives into the files readers download: no EXIF (GPS position, camera
serial numbers), XMP, IPTC, comment, text chunk or colour profile.
"""

import io
import warnings
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageCms, ImageOps

# The formats accepted, each with the format and extension it is stored in.
STORED_AS = {"JPEG": "JPEG", "MPO": "JPEG", "PNG": "PNG", "WEBP": "WEBP"}
ALLOWED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
MIME_TYPES = {"jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "webp": "image/webp"}
RENDITION_FORMAT = "WEBP"
RENDITION_QUALITY = 80


def validate_photo_file(upload) -> None:
    """Raise ValidationError unless upload is an acceptable photo."""
    max_bytes = settings.PHOTO_MAX_UPLOAD_BYTES
    if upload.size is not None and upload.size > max_bytes:
        raise ValidationError(
            _("The file is %(size)s; photos may be at most %(limit)s."),
            code="too_large",
            params={"size": filesizeformat(upload.size), "limit": filesizeformat(max_bytes)},
        )
    upload.seek(0)
    content = io.BytesIO(upload.read())
    upload.seek(0)
    with _open_untrusted(content) as image:
        if image.format not in STORED_AS:
            raise ValidationError(
                _("Only JPEG, PNG or WebP photos can be uploaded, not %(format)s."),
                code="wrong_format",
                params={"format": image.format},
            )
        width, height = image.size
        if width * height > settings.PHOTO_MAX_PIXELS:
            raise ValidationError(
                _("The photo is %(width)s×%(height)s pixels; the limit is %(limit)s megapixels."),
                code="too_many_pixels",
                params={
                    "width": width,
                    "height": height,
                    "limit": settings.PHOTO_MAX_PIXELS // 1_000_000,
                },
            )
        try:
            image.load()
        except (OSError, SyntaxError, ValueError) as error:
            raise ValidationError(
                _("The photo file is damaged and cannot be read."), code="damaged"
            ) from error


def _open_untrusted(content) -> Image.Image:
    """Open bytes with Pillow, turning every failure into a ValidationError."""
    try:
        with warnings.catch_warnings():
            # A decompression-bomb warning is an error here, not a log line.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            return Image.open(content)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise ValidationError(
            _("The photo has far too many pixels to be processed."), code="too_many_pixels"
        ) from error
    except (OSError, SyntaxError, ValueError) as error:
        raise ValidationError(
            _("The file is not an image that can be read. Upload a JPEG, PNG or WebP photo."),
            code="not_an_image",
        ) from error


@dataclass
class PreparedPhoto:
    content: ContentFile
    width: int
    height: int


def prepare_original(upload, name: str) -> PreparedPhoto:
    """Re-encode an upload's first picture upright and without metadata; return the clean file."""
    upload.seek(0)
    with Image.open(upload) as source:
        image_format = STORED_AS[source.format]
        upright = ImageOps.exif_transpose(source)
        image = pixels_only(upright, keep_alpha=image_format != "JPEG")
    buffer = io.BytesIO()
    save_options = {"JPEG": {"quality": 90, "optimize": True}, "WEBP": {"quality": 90}}
    image.save(buffer, format=image_format, **save_options.get(image_format, {}))
    stem = PurePosixPath(name).stem or "photo"
    content = ContentFile(buffer.getvalue(), name=f"{stem}.{ALLOWED_FORMATS[image_format]}")
    return PreparedPhoto(content=content, width=image.width, height=image.height)


SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
ALPHA_MODES = {"RGBA", "LA", "PA", "RGBa", "La"}


def pixels_only(image: Image.Image, *, keep_alpha: bool) -> Image.Image:
    """The image's pixels in sRGB, as a new image that carries nothing else.

    Pillow's encoders write some of what an image read from a file carries
    (a JPEG's comment, a PNG's colour profile) unless told otherwise; a new
    image made from the pixels alone carries nothing to write. A colour
    profile is applied, then dropped: it may hold text (its description,
    copyright), and browsers take untagged pixels as sRGB.
    """
    has_alpha = keep_alpha and (image.mode in ALPHA_MODES or "transparency" in image.info)
    mode = "RGBA" if has_alpha else "L" if image.mode in ("1", "L") else "RGB"
    if profile := image.info.get("icc_profile"):
        image = in_srgb(image, profile, mode)
    if image.mode != mode:
        image = image.convert(mode)
    return Image.frombytes(mode, image.size, image.tobytes())


def in_srgb(image: Image.Image, profile: bytes, mode: str) -> Image.Image:
    """The image converted from its colour profile to sRGB; as it is if the profile is unusable."""
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
        if image.mode not in ("RGB", "RGBA", "CMYK", "L"):
            image = image.convert("RGBA" if mode == "RGBA" else "RGB")
        output_mode = "RGBA" if mode == "RGBA" else "RGB"  # a grey one is made grey again
        return ImageCms.profileToProfile(image, source, SRGB, outputMode=output_mode)
    except (ImageCms.PyCMSError, OSError, ValueError):
        # A broken profile, or one for another colour space than the pixels':
        # the pixels as they are, which is what most viewers show for it.
        return image


def make_renditions(file, name: str, widths: list[int]) -> dict[int, ContentFile]:
    """Return smaller WebP copies of the photo, one per width narrower than it."""
    file.seek(0)
    renditions = {}
    with Image.open(file) as source:
        source.load()
        image = source.convert("RGBA" if source.mode in ("RGBA", "LA", "P") else "RGB")
        stem = PurePosixPath(name).stem
        for width in widths:
            if width >= image.width:
                continue
            height = round(image.height * width / image.width)
            resized = image.resize((width, height), Image.Resampling.LANCZOS)
            buffer = io.BytesIO()
            resized.save(buffer, format=RENDITION_FORMAT, quality=RENDITION_QUALITY)
            renditions[width] = ContentFile(buffer.getvalue(), name=f"{stem}-{width}w.webp")
    return renditions
