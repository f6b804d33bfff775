"""What an import agrees to read: a hostile or mistaken file is refused at once, in French,
before it costs memory or time. The limits are settings (IMPORT_MAX_*): the file's size, its
rows and columns, and for the zip-based formats (XLSX, ODS) the size of what they unpack to.

Readers check a row's line number and width before they expand anything (ODS repeats a row
or a cell N times with one attribute), so that no repetition is ever materialised past a limit.
"""

import io
import zipfile

from django.conf import settings
from django.utils.translation import gettext as _

# A member smaller than this is never called a bomb, however well it compresses.
RATIO_FLOOR_BYTES = 1_000_000


class UnreadableFile(ValueError):
    """The uploaded file is not a spreadsheet of the chosen format; the message is French."""


class LimitExceeded(UnreadableFile):
    """The file is a spreadsheet, but larger than an import accepts; the message says which
    limit and what to do."""


def megabytes(size):
    """A size as a coordinator reads it: ``"10"``, ``"52,3"`` (Mo)."""
    text = f"{size / 1_000_000:.1f}".removesuffix(".0")
    return text.replace(".", ",")


def check_file_size(size):
    limit = settings.IMPORT_MAX_UPLOAD_BYTES
    if size > limit:
        raise LimitExceeded(
            _(
                "Le fichier pèse %(size)s Mo ; un import accepte au plus %(limit)s Mo. "
                "Découpez-le en plusieurs fichiers."
            )
            % {"size": megabytes(size), "limit": megabytes(limit)}
        )


def check_line(line):
    """``line`` is the number of a filled row, the column names being line 1."""
    limit = settings.IMPORT_MAX_ROWS
    if line > limit + 1:
        raise LimitExceeded(
            _(
                "Le fichier a plus de %(limit)d lignes sous celle des noms de colonnes "
                "(la ligne %(line)d est remplie). Découpez-le en plusieurs fichiers."
            )
            % {"limit": limit, "line": line}
        )


def check_width(width):
    """``width`` is the number of the last filled column of a row."""
    limit = settings.IMPORT_MAX_COLUMNS
    if width > limit:
        raise LimitExceeded(
            _(
                "Une ligne du fichier a %(width)d colonnes ; un import en accepte au plus "
                "%(limit)d. Supprimez les colonnes en trop."
            )
            % {"width": width, "limit": limit}
        )


def filled_lines(rows):
    """``(line, values)`` for each row with a filled cell, trailing empty cells dropped, each
    checked against the limits before it is kept."""
    for line, row in enumerate(rows, start=1):
        values = list(row)
        while values and is_blank(values[-1]):
            values.pop()
        if values:
            check_line(line)
            check_width(len(values))
            yield line, values


def is_blank(value):
    return value is None or (isinstance(value, str) and not value.strip())


def open_workbook_archive(data, unreadable):
    """The zip of an XLSX or ODS file, once what it declares it unpacks to is within the
    limits: in all (IMPORT_MAX_UNPACKED_BYTES) and for each member, compared with its
    compressed size (IMPORT_MAX_COMPRESSION_RATIO). Python's zipfile never gives more than a
    member declares and checks its CRC at the end: a member that lies about its size is
    refused while it is read, as an unreadable file."""
    check_file_size(len(data))
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError):
        raise UnreadableFile(unreadable) from None
    unpacked = sum(member.file_size for member in members)
    if unpacked > settings.IMPORT_MAX_UNPACKED_BYTES:
        archive.close()
        raise LimitExceeded(
            _(
                "Ce classeur se décompresse en %(size)s Mo ; un import accepte au plus "
                "%(limit)s Mo décompressés. Découpez-le en plusieurs fichiers."
            )
            % {"size": megabytes(unpacked), "limit": megabytes(settings.IMPORT_MAX_UNPACKED_BYTES)}
        )
    ratio = settings.IMPORT_MAX_COMPRESSION_RATIO
    for member in members:
        if member.file_size > RATIO_FLOOR_BYTES and member.file_size > ratio * max(
            member.compress_size, 1
        ):
            archive.close()
            raise LimitExceeded(
                _(
                    "Ce classeur est compressé plus de %(ratio)d fois, ce qu'aucun tableur ne "
                    "fait : il est refusé. Enregistrez-le à nouveau depuis votre tableur."
                )
                % {"ratio": ratio}
            )
    return archive
